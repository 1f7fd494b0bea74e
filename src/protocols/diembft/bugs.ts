// The bug catalogue (DESIGN §7, diembft-v4 §17): the ONE place that lists the injectable bugs.
// Each bug names the rule it breaks and the rule PARAMETERS it changes. Protocol code reads only the
// parameters (`Rules`), never a bug name. When a bug weakens a rule it weakens it everywhere the rule
// is enforced (formation and validation), so a second check cannot mask it.
import type { FaultAction } from '../../kernel/protocol-module.js';
import { unreachable } from '../../kernel/unreachable.js';

/** How many signers a certificate needs. `quorum` is the correct 2f+1 (§1.1). */
export type QuorumRule = 'quorum' | 'two-f' | 'f-plus-one';

/** Which block a QC commits (§14): the parent of a commit QC's block, or the certified block itself. */
export type CommitRule = 'two-chain' | 'one-chain';

export interface Rules {
  /** §7 voteAllowed: `blockRound <= max(hvr, qcRound)` refuses (true), or only `<` does (false). */
  readonly voteRejectsEqualRound: boolean;
  /** §6 processVote formation and §13.1 validQc #3. */
  readonly qcQuorum: QuorumRule;
  /** §8 processRemoteTimeout formation and §13.1 validTc #1. */
  readonly tcQuorum: QuorumRule;
  /** §4 onProposal: a vote for round r goes to getLeader(r + offset). */
  readonly voteRecipientRoundOffset: 0 | 1;
  /** §6 processQc / §14. */
  readonly commitRule: CommitRule;
  /** §7 commitCandidate needs `follows`; §13.1 #5 and §13.3 #3 check it on received certificates. */
  readonly commitNeedsConsecutiveRounds: boolean;
  /** §1.1, §6, §8, §13.1: count distinct signers (true) or messages / entries (false). */
  readonly countDistinctSigners: boolean;
  /** §8 processRemoteTimeout: the Bracha join needs timeouts from f+1 senders, or from one. */
  readonly timeoutJoinAt: 'f-plus-one' | 'one';
  /** §7 commitCandidate: a commit vote names the state of its QC's block, or of the voted block itself. */
  readonly voteCommitState: 'qc-block' | 'voted-block';
  /** §7 commitCandidate, §13.1 #5, §13.3 #3: the largest gap between a block's round and its QC's round that commits. */
  readonly commitRoundGap: 1 | 2;
  /** §8 advanceRoundTc: a TC moves a replica only when its round is at least the current round (true), or also one below (false). */
  readonly tcEntryNeedsCurrentRound: boolean;
  /** §7 voteAllowed: a block may enter through a TC of the round before (true), or must directly follow its QC (false). */
  readonly voteAllowsTcExtension: boolean;
  /** §13.2 #5 and §8: a block must follow its QC or carry a TC of the round before (true), or (false) the replica trusts the block's round and enters it on the block's QC. */
  readonly blockRoundJustified: boolean;
  /** §12 restart: a restarted replica resumes at its persisted round (true), or (false) at the round after its persisted high QC. */
  readonly restartAtPersistedRound: boolean;
  /** §7 makeTimeout: signing a timeout for round r raises the highest vote round to r (true), or leaves it (false). */
  readonly timeoutRaisesVoteRound: boolean;
  /** docs/services.md: client replies are sent at commit, or (bug) when a block is executed speculatively. */
  readonly replyAt: 'commit' | 'execution';
  /** docs/services.md: a request runs once per chain and a committed one is answered from the store. */
  readonly dedupRequests: boolean;
}

export const CORRECT_RULES: Rules = Object.freeze({
  voteRejectsEqualRound: true,
  qcQuorum: 'quorum',
  tcQuorum: 'quorum',
  voteRecipientRoundOffset: 1,
  commitRule: 'two-chain',
  commitNeedsConsecutiveRounds: true,
  countDistinctSigners: true,
  timeoutJoinAt: 'f-plus-one',
  voteCommitState: 'qc-block',
  commitRoundGap: 1,
  tcEntryNeedsCurrentRound: true,
  voteAllowsTcExtension: true,
  blockRoundJustified: true,
  restartAtPersistedRound: true,
  timeoutRaisesVoteRound: true,
  replyAt: 'commit',
  dedupRequests: true,
});

export interface BugSpec {
  readonly name: string;
  /** Catalogue id in diembft-v4 §17.1, where there is one. */
  readonly catalogueId: string | null;
  readonly breaks: string;
  readonly section: string;
  readonly class: 'safety' | 'liveness';
  readonly changes: Partial<Rules>;
  /** The one fault action that exposes it (src/kernel/protocol-module.ts BugInfo). */
  readonly exposedBy?: FaultAction;
  /** Only a run with client requests exposes it (src/kernel/protocol-module.ts BugInfo). */
  readonly needsClients?: boolean;
}

/** Applied in this order; when two bugs set the same parameter the later entry wins. */
export const BUG_CATALOGUE: readonly BugSpec[] = Object.freeze([
  { name: 'conflicting_votes', catalogueId: 'B01', class: 'safety', section: '§7 voteAllowed',
    breaks: 'A replica votes at most once per round: the refusal `blockRound <= max(hvr, qcRound)` is '
      + 'weakened to `<`, so a second proposal of the same round gets a second vote.',
    changes: { voteRejectsEqualRound: false } },
  { name: 'small_quorum', catalogueId: null, class: 'safety', section: '§1.1, §6, §8, §13.1',
    breaks: 'Certificates need 2f+1 distinct signers: QCs and TCs are formed and accepted at 2f.',
    changes: { qcQuorum: 'two-f', tcQuorum: 'two-f' } },
  { name: 'vote_leader_current_round', catalogueId: 'B15', class: 'liveness', section: '§4 onProposal',
    breaks: 'Votes for round r go to getLeader(r+1), who proposes next; they are sent to getLeader(r).',
    changes: { voteRecipientRoundOffset: 0 } },
  { name: 'commit_one_chain', catalogueId: 'B03', class: 'safety', section: '§6 processQc, §14',
    breaks: 'Only a 2-chain with consecutive rounds commits: every QC commits the block it certifies '
      + '(variant a).',
    changes: { commitRule: 'one-chain' } },
  { name: 'commit_no_consecutive', catalogueId: 'B04', class: 'safety', section: '§7 commitCandidate, §13.1 #5, §13.3 #3',
    breaks: 'A 2-chain commits only with consecutive rounds: commitCandidate ignores `follows` and '
      + 'returns the parent state whenever it is known; validation accepts such commit QCs and votes.',
    changes: { commitNeedsConsecutiveRounds: false } },
  { name: 'tc_small_quorum', catalogueId: 'B05', class: 'safety', section: '§8, §13.1 validTc',
    breaks: 'A TC needs 2f+1 distinct signers: TCs are formed and accepted with f+1.',
    changes: { tcQuorum: 'f-plus-one' } },
  { name: 'count_messages_not_signers', catalogueId: 'B06', class: 'safety', section: '§1.1, §6, §8, §13.1',
    breaks: 'Thresholds count distinct identities: votes and timeouts are counted per message (a twin\'s '
      + 'identical vote counts twice) and certificate validation counts entries.',
    changes: { countDistinctSigners: false } },
  { name: 'timeout_join_at_one', catalogueId: null, class: 'safety', section: '§8 processRemoteTimeout',
    breaks: 'A replica joins a timeout (the Bracha join) only after timeouts for its round from f+1 distinct '
      + 'identities, so that f Byzantine replicas cannot make it time out: it joins on the first one.',
    changes: { timeoutJoinAt: 'one' } },
  { name: 'vote_commits_voted_block', catalogueId: null, class: 'safety', section: '§7 commitCandidate',
    breaks: 'A commit vote names the execution state of its QC\'s block, the block the 2-chain commits: it '
      + 'names the state of the block voted for.',
    changes: { voteCommitState: 'voted-block' } },
  { name: 'commit_round_gap', catalogueId: null, class: 'safety', section: '§7 commitCandidate, §13.1 #5, §13.3 #3',
    breaks: 'A 2-chain commits only when the block\'s round directly follows its QC\'s round: an off-by-one '
      + 'lets a gap of two rounds (one timed-out round between them) commit, in votes and in validation.',
    changes: { commitRoundGap: 2 } },
  { name: 'tc_reenters_round', catalogueId: null, class: 'safety', section: '§8 advanceRoundTc',
    breaks: 'A TC moves a replica only when its round is at least the current round: an off-by-one also '
      + 'accepts the TC of the round before, so the replica enters its current round again and re-arms its timer.',
    changes: { tcEntryNeedsCurrentRound: false } },
  { name: 'vote_refuses_tc_extension', catalogueId: null, class: 'liveness', section: '§7 voteAllowed',
    breaks: 'A block may enter a round through a TC of the round before, on a QC at least as high as every '
      + 'high QC the TC reports: such votes are refused, so after a timed-out round no block is certified again.',
    changes: { voteAllowsTcExtension: false } },
  { name: 'block_round_unjustified', catalogueId: null, class: 'safety', section: '§13.2 #5, §8 advanceRoundQc',
    breaks: 'A proposal\'s block either follows its QC or carries a TC of the round before, and a replica enters a '
      + 'round only on a QC or TC of the round before: the replica trusts the block\'s round, skips the check and '
      + 'enters the block\'s round on the block\'s QC. Honest leaders never propose such a block; a Byzantine '
      + 'leader\'s mutated proposal (a round moved up, an older QC) does.',
    changes: { blockRoundJustified: false }, exposedBy: 'mutate' },
  { name: 'restart_from_high_qc', catalogueId: null, class: 'safety', section: '§12 restart',
    breaks: 'A restarted replica resumes at its persisted round (never below its highest voted round): it resumes '
      + 'at the round after its persisted high QC, so after a round left through a TC it enters a round it has already '
      + 'left. Only a crash and restart reaches it.',
    changes: { restartAtPersistedRound: false }, exposedBy: 'crash' },
  { name: 'timeout_keeps_vote_round', catalogueId: null, class: 'safety', section: '§7 makeTimeout',
    breaks: 'Signing a timeout for round r raises the highest vote round to r, so the replica never votes in a round '
      + 'it timed out of: the highest vote round stays, and a proposal of that round that arrives after the timeout, '
      + 'while no TC has moved the replica on, still gets its vote. It takes a proposal that reaches a replica after '
      + 'its timer: one delayed past the round timeout, or one a partition kept from it until the heal.',
    changes: { timeoutRaisesVoteRound: false } },
  { name: 'reply_at_execution', catalogueId: null, class: 'safety', section: '§15.3 reply at commit',
    breaks: 'A replica replies to clients when a block commits: it replies when it executes a proposed block '
      + 'speculatively, so a client may accept the result of a block that never commits.',
    changes: { replyAt: 'execution' }, needsClients: true },
  { name: 'no_request_dedup', catalogueId: null, class: 'safety', section: '§10 mempool, §15.6 replies from the cache',
    breaks: 'A request runs once: a retransmission of a committed request is taken into the mempool again '
      + 'instead of being answered from the stored reply, and block execution runs a request the chain already ran.',
    changes: { dedupRequests: false }, needsClients: true },
].map((b) => Object.freeze(b as BugSpec)));

export const BUG_NAMES: readonly string[] = Object.freeze(BUG_CATALOGUE.map((b) => b.name));

export class UnknownBugError extends Error {
  constructor(readonly bugName: string, readonly known: readonly string[]) {
    super(`unknown bug "${bugName}"; known bugs: ${known.join(', ')}`);
    this.name = 'UnknownBugError';
  }
}

const rulesMemo = new Map<string, Rules>();

/**
 * The rule parameters for a set of bug switches, one shared frozen object per distinct set (so
 * per-rules memo tables can key on it). Throws UnknownBugError on an unknown name.
 */
export function rulesFor(bugs: readonly string[]): Rules {
  if (bugs.length === 0) return CORRECT_RULES;                     // the common case, one per replica
  for (const b of bugs) if (!BUG_NAMES.includes(b)) throw new UnknownBugError(b, BUG_NAMES);
  const active = BUG_CATALOGUE.filter((spec) => bugs.includes(spec.name));
  const key = active.map((spec) => spec.name).join(',');
  let rules = rulesMemo.get(key);
  if (rules === undefined) {
    rules = Object.freeze(active.reduce<Rules>((r, spec) => ({ ...r, ...spec.changes }), CORRECT_RULES));
    rulesMemo.set(key, rules);
  }
  return rules;
}

/** §1.1 thresholds: f = floor((n-1)/3); Q = 2f+1, or ceil((n+f+1)/2) when n != 3f+1. */
export function thresholds(n: number): { readonly f: number; readonly quorum: number } {
  const f = Math.floor((n - 1) / 3);
  const quorum = n === 3 * f + 1 ? 2 * f + 1 : Math.ceil((n + f + 1) / 2);
  return { f, quorum };
}

export function quorumSize(rule: QuorumRule, n: number): number {
  const { f, quorum } = thresholds(n);
  switch (rule) {
    case 'quorum': return quorum;
    case 'two-f': return Math.max(1, 2 * f);
    case 'f-plus-one': return f + 1;
    default: return unreachable(rule);
  }
}
