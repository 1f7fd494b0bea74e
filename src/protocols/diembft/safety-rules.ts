// The voting and timeout predicates of the Safety module (diembft-v4 §7), as pure functions of the
// Safety counters so the truth tables of Appendix A test them directly. A refusal is a sentence
// carrying the values compared; null means allowed.
import type { Rules } from './bugs.js';
import { rnd, type QC, type Round, type StateId, type TC } from './types.js';

export interface SafetyCounters {
  /** Highest round in which this identity signed a vote or a timeout. */
  readonly highestVoteRound: Round;
  /** Highest block.qc round among blocks this identity voted for. */
  readonly highestQcRound: Round;
}

/** §7 follows (paper: consecutive). */
export function follows(later: Round, earlier: Round): boolean {
  return earlier + 1 === later;
}

/** §7 extendsViaTc (paper: safe_to_extend); a null TC never satisfies it (§18 A6). */
export function extendsViaTc(blockRound: Round, qcRound: Round, tc: TC | null): boolean {
  if (tc === null) return false;
  return follows(blockRound, tc.round) && qcRound >= Math.max(...tc.tmoHighQcRounds);
}

/**
 * §7 voteAllowed (paper: safe_to_vote). Rounds strictly increase, and the block either follows its
 * QC or enters through a TC of the previous round without going below any high QC the TC reports.
 * `voteRejectsEqualRound: false` (B01) lets an equal round through.
 */
export function voteRefusal(s: SafetyCounters, blockRound: Round, qcRound: Round, tc: TC | null, rules: Rules):
    string | null {
  const floor = Math.max(s.highestVoteRound, qcRound);
  const refused = rules.voteRejectsEqualRound ? blockRound <= floor : blockRound < floor;
  if (refused) {
    const which = s.highestVoteRound >= qcRound ? `highest vote round ${s.highestVoteRound}` : `qc round ${qcRound}`;
    return `round ${blockRound} ${rules.voteRejectsEqualRound ? '<=' : '<'} ${which}`;
  }
  if (follows(blockRound, qcRound) || (rules.voteAllowsTcExtension && extendsViaTc(blockRound, qcRound, tc))) return null;
  if (!rules.voteAllowsTcExtension) return `round ${blockRound} != qc round ${qcRound} + 1`;
  if (tc === null) return `round ${blockRound} != qc round ${qcRound} + 1 and no TC`;
  if (!follows(blockRound, tc.round)) return `round ${blockRound} != TC round ${tc.round} + 1`;
  return `qc round ${qcRound} < highest TC-reported round ${Math.max(...tc.tmoHighQcRounds)}`;
}

export function voteAllowed(s: SafetyCounters, blockRound: Round, qcRound: Round, tc: TC | null, rules: Rules): boolean {
  return voteRefusal(s, blockRound, qcRound, tc, rules) === null;
}

/**
 * §7 timeoutAllowed (paper: safe_to_timeout). Never report a high QC below one voted on, never time
 * out a past round, and only time out a round the replica could have entered.
 */
export function timeoutRefusal(s: SafetyCounters, round: Round, qcRound: Round, tc: TC | null): string | null {
  if (qcRound < s.highestQcRound) return `high QC round ${qcRound} < highest QC round ${s.highestQcRound}`;
  if (round <= Math.max(s.highestVoteRound - 1, qcRound)) {
    return round <= qcRound ? `round ${round} <= qc round ${qcRound}`
      : `round ${round} <= highest vote round ${s.highestVoteRound} - 1`;
  }
  if (follows(round, qcRound) || (tc !== null && follows(round, tc.round))) return null;
  return `round ${round} follows neither qc round ${qcRound} nor TC round ${tc === null ? 'none' : tc.round}`;
}

export function timeoutAllowed(s: SafetyCounters, round: Round, qcRound: Round, tc: TC | null): boolean {
  return timeoutRefusal(s, round, qcRound, tc) === null;
}

/**
 * §7 commitCandidate (paper: commit_state_id_candidate): the 2-chain commit rule. A vote for a block
 * that directly follows its QC proposes to commit the QC's block. With
 * `commitNeedsConsecutiveRounds: false` (B04) any known parent state is proposed; with `commitRoundGap: 2`
 * (commit_round_gap) one skipped round is allowed.
 */
export function commitCandidate(blockRound: Round, qc: QC, pendingState: (id: string) => StateId | null,
  rules: Rules): StateId | null {
  if (rules.commitNeedsConsecutiveRounds && blockRound - rnd(qc) > rules.commitRoundGap) return null;
  return pendingState(qc.voteInfo.id);
}
