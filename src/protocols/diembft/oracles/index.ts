// DiemBFT's own oracles (diembft-v4 §16), run alongside the generic ones of src/exec/oracles. A new
// oracle is a new file here plus one line below; its id is stable once shipped.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';
import { certificateQuorum } from './certificate-quorum.js';
import { certificatesAgree } from './certificates-agree.js';
import { certificatesFormedOnce } from './certificates-formed-once.js';
import { commitInfo } from './commit-info.js';
import { directCommitsOneChain } from './direct-commits-one-chain.js';
import { highCommitQc } from './high-commit-qc.js';
import { honestLeadersCommit } from './honest-leaders-commit.js';
import { noProgressWithoutQuorum } from './no-progress-without-quorum.js';
import { noRepeatedRequest } from './no-repeated-request.js';
import { noVoteAfterTimeout } from './no-vote-after-timeout.js';
import { oneProposalPerRound } from './one-proposal-per-round.js';
import { oneCertifiedBlockPerRound } from './one-certified-block-per-round.js';
import { oneVotePerRound } from './one-vote-per-round.js';
import { roundAdvance } from './round-advance.js';
import { roundEntry } from './round-entry.js';
import { timeoutCause } from './timeout-cause.js';
import { timeoutHighQc } from './timeout-high-qc.js';
import { timeoutJoin } from './timeout-join.js';
import { voteForCurrentLeader } from './vote-for-current-leader.js';
import { voteJustified } from './vote-justified.js';

export const DIEM_ORACLES: readonly OracleDef<Observation>[] = Object.freeze([
  oneVotePerRound,
  noVoteAfterTimeout,
  certificateQuorum,
  timeoutHighQc,
  oneCertifiedBlockPerRound,
  directCommitsOneChain,
  noProgressWithoutQuorum,
  oneProposalPerRound,
  roundEntry,
  timeoutCause,
  commitInfo,
  certificatesAgree,
  voteForCurrentLeader,
  honestLeadersCommit,
  timeoutJoin,
  roundAdvance,
  certificatesFormedOnce,
  voteJustified,
  noRepeatedRequest,
  highCommitQc,
]);
