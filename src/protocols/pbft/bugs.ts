// The PBFT bug catalogue (DESIGN §7, pbft.md §10): the ONE place that lists the injectable bugs. Each
// bug names the rule it breaks and the rule PARAMETERS it changes; protocol code reads only the
// parameters (`PbftRules`), never a bug name.
import { unreachable } from '../../kernel/unreachable.js';
import type { BugInfo } from '../../kernel/protocol-module.js';
import { thresholds } from './thresholds.js';

/** How many distinct signers a certificate needs: the correct Q, or a weakened count. */
export type QuorumRule = 'quorum' | 'quorum-minus-one' | 'f-plus-one';

export interface PbftRules {
  /** §4.3 prepared: Q-1 matching PREPAREs from distinct backups (`quorum` means Q-1 here). */
  readonly prepareQuorum: QuorumRule;
  /** §4.4 committed-local: Q matching COMMITs from distinct replicas. */
  readonly commitQuorum: QuorumRule;
  /** §4.8 stable checkpoint: Q matching CHECKPOINTs from distinct replicas. */
  readonly checkpointQuorum: QuorumRule;
  /** §5.4 NEW-VIEW: Q view-changes from distinct replicas in V. */
  readonly viewChangeQuorum: QuorumRule;
  /** §5.4 computeO: the new primary re-issues the prepared certificates of V (true) or null requests only. */
  readonly newPrimaryUsesCerts: boolean;
  /** §4.2 PP5: a backup accepts one pre-prepare per (v, seq) (true), or one per (v, seq, digest). */
  readonly onePrePreparePerSlot: boolean;
  /** §5.2, §5.5: a replica enters a later view only on its NEW-VIEW (true), or on a pre-prepare of that view. */
  readonly laterViewNeedsNewView: boolean;
}

interface BugSpec extends BugInfo { readonly changes: Partial<PbftRules> }

export const CORRECT_RULES: PbftRules = Object.freeze({
  prepareQuorum: 'quorum', commitQuorum: 'quorum', checkpointQuorum: 'quorum', viewChangeQuorum: 'quorum',
  newPrimaryUsesCerts: true, onePrePreparePerSlot: true, laterViewNeedsNewView: true,
});

export const BUG_CATALOGUE: readonly BugSpec[] = Object.freeze(([
  { name: 'prepared_small_quorum', class: 'safety', section: '§4.3 prepared',
    breaks: 'A replica is prepared with 2f-1 matching prepares (Q-2) instead of Q-1 from distinct backups.',
    changes: { prepareQuorum: 'quorum-minus-one' } },
  { name: 'commit_quorum_f_plus_one', class: 'safety', section: '§4.4 committed-local',
    breaks: 'A replica is committed-local with f+1 matching commits instead of Q.',
    changes: { commitQuorum: 'f-plus-one' } },
  { name: 'checkpoint_stable_f_plus_one', class: 'safety', section: '§4.8 stable checkpoint',
    breaks: 'A checkpoint becomes stable (and the log below it is discarded) with f+1 matching checkpoint messages instead of Q.',
    changes: { checkpointQuorum: 'f-plus-one' } },
  { name: 'view_change_f_plus_one', class: 'safety', section: '§5.4 NEW-VIEW',
    breaks: 'The new primary builds, and replicas accept, a NEW-VIEW whose V holds f+1 view-changes instead of Q.',
    changes: { viewChangeQuorum: 'f-plus-one' } },
  { name: 'new_primary_ignores_certs', class: 'safety', section: '§5.4 computeO',
    breaks: 'The new primary ignores the prepared certificates in the view-changes and re-issues null requests for every '
      + 'sequence number in (min-s, max-s], so a request committed in the old view loses its sequence number.',
    changes: { newPrimaryUsesCerts: false } },
  { name: 'preprepare_accepts_conflicting', class: 'safety', section: '§4.2 PP5',
    breaks: 'A backup accepts a pre-prepare for a sequence number the view already assigned with another digest, and '
      + 'prepares and commits both, so an equivocating primary gets two batches committed at one sequence number.',
    changes: { onePrePreparePerSlot: false } },
  { name: 'preprepare_enters_view', class: 'safety', section: '§5.2 C5, §5.5 entering a view',
    breaks: 'A replica enters a later view only on its NEW-VIEW, whose Q view-changes bind the new primary to what was '
      + 'prepared before: a backup that gets a valid pre-prepare from the primary of a later view enters that view at once, '
      + 'so a primary that moved its own view ahead (an attribute set, or a twin left in a later view) re-assigns '
      + 'sequence numbers already committed.',
    changes: { laterViewNeedsNewView: false } },
] as BugSpec[]).map((b) => Object.freeze(b)));

export const BUG_NAMES: readonly string[] = Object.freeze(BUG_CATALOGUE.map((b) => b.name));

export class UnknownBugError extends Error {
  constructor(readonly bugName: string, readonly known: readonly string[]) {
    super(`unknown bug "${bugName}"; known bugs: ${known.length === 0 ? '(none)' : known.join(', ')}`);
    this.name = 'UnknownBugError';
  }
}

/** The rule parameters for a set of bug switches. Throws UnknownBugError on an unknown name. */
export function rulesFor(bugs: readonly string[]): PbftRules {
  if (bugs.length === 0) return CORRECT_RULES;
  for (const b of bugs) if (!BUG_NAMES.includes(b)) throw new UnknownBugError(b, BUG_NAMES);
  const active = BUG_CATALOGUE.filter((spec) => bugs.includes(spec.name));
  return Object.freeze(active.reduce<PbftRules>((r, spec) => ({ ...r, ...spec.changes }), CORRECT_RULES));
}

/** The number of distinct signers `rule` asks for among n replicas; `minus` is 1 for prepares. */
export function quorumSize(rule: QuorumRule, n: number, minus: 0 | 1 = 0): number {
  const { f, quorum } = thresholds(n);
  switch (rule) {
    case 'quorum': return quorum - minus;
    case 'quorum-minus-one': return quorum - minus - 1;
    case 'f-plus-one': return f + 1;
    default: return unreachable(rule);
  }
}
