// The oracle registry: every oracle the executor runs. A new oracle is a new file and one line here.
import type { OracleDef } from './oracle.js';
import { agreement } from './agreement.js';
import { chainIntegrity } from './chain-integrity.js';
import { oneVotePerRound } from './one-vote-per-round.js';
import { noVoteAfterTimeout } from './no-vote-after-timeout.js';
import { certificateQuorum } from './certificate-quorum.js';
import { timeoutHighQc } from './timeout-high-qc.js';
import { property1 } from './property-1.js';
import { property2 } from './property-2.js';
import { noProgressWithoutQuorum } from './no-progress-without-quorum.js';
import { commitAfterGst } from './commit-after-gst.js';
import { honestLeadersCommit } from './honest-leaders-commit.js';

export const ORACLES: readonly OracleDef[] = [
  agreement,
  chainIntegrity,
  oneVotePerRound,
  noVoteAfterTimeout,
  certificateQuorum,
  timeoutHighQc,
  property1,
  property2,
  noProgressWithoutQuorum,
  commitAfterGst,
  honestLeadersCommit,
];

export type { OracleDef, OracleContext, OracleInstance, ReplicaInfo, RunState, RunOutcome } from './oracle.js';
