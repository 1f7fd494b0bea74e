// What `npm run mutate` mutates: the DiemBFT rule code, the parts of the replica whose every branch
// an honest replica's behaviour depends on (diembft-v4 §5-§8, §11, §13.1). Left out: the replica's
// glue (replica.ts, outbox.ts), per-message validation (message-validation.ts: nearly every check
// there refuses forged or malformed messages, which only Byzantine message mutation will send),
// leader election (leader-election.ts: a Twins scenario names the leaders of the rounds it runs,
// and the harness override wins over round-robin and reputation),
// the bug switches (bugs.ts), encoding, hashing and interning (codec.ts, hash.ts, intern.ts), the
// harness's own checks (offline-cert-check.ts, accepted-cert-log.ts, trace-view.ts, oracles/) and
// the replicated service (block-execution.ts, mempool.ts, client-replies.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locate } from './locate.js';
export const RULE_FILES: readonly string[] = [
  'src/protocols/diembft/safety-rules.ts', // §7 voting and timeout predicates
  'src/protocols/diembft/safety.ts', // §7 Safety: counters, signing
  'src/protocols/diembft/pacemaker.ts', // §8 round entry, timer, Bracha join, TC formation
  'src/protocols/diembft/ledger.ts', // §5 speculation and commit
  'src/protocols/diembft/block-tree.ts', // §6 vote aggregation, highQc, commit rule
  'src/protocols/diembft/certificate-rules.ts', // §13.1 validQc / validTc
  'src/protocols/diembft/sync.ts', // §11 what to fetch, what to answer, insertion
  'src/protocols/diembft/block-sync.ts', // §11 messages waiting for sync
];

/**
 * Stryker mutators left out everywhere: string literals in the rule code are refusal and error
 * texts (reject observations, thrown messages) that no rule reads back, so their mutants are
 * equivalent by construction and would only pad the survivor list.
 */
export const EXCLUDED_MUTATORS: readonly string[] = ['StringLiteral'];

/** One mutant of the CI sample and what the search must do to it. */
export interface SampleMutant {
  /** Stable key: `file scope mutator: original -> replacement` (mutation/survivors.ts). */
  readonly key: string;
  readonly expect: 'killed' | 'survived';
}

/** A piece of source named by its function and its text (mutation/locate.ts), so line moves leave it valid. */
export interface SamplePlace {
  readonly file: string;
  readonly scope: string;
  readonly text: string;
}

const SR = 'src/protocols/diembft/safety-rules.ts';

/**
 * The CI sample (test/mutation/sample.test.ts): pieces of source, each narrow enough to hold a few
 * mutants, and the status every mutant in them must get.
 */
export const SAMPLE_PLACES: readonly SamplePlace[] = [
  // voteRefusal's round test: the one-vote-per-round rule (B01 weakens it to <).
  { file: SR, scope: 'voteRefusal', text: 'blockRound <= floor' },
  // voteAllowed's `=== null`: only the unit tests call voteAllowed, so the search cannot see these.
  { file: SR, scope: 'voteAllowed', text: 'voteRefusal(s, blockRound, qcRound, tc, rules) === null' },
];

/** The Stryker `mutate` ranges of the sample places (`file:line:column-line:column`, columns from 0) in the sources under `root`. */
export function sampleRanges(root: string): string[] {
  return SAMPLE_PLACES.map((p) => {
    const at = locate(readFileSync(join(root, p.file), 'utf8'), p.scope, p.text, 1);
    if (at === null) throw new Error(`mutation/targets.ts: sample place '${p.text}' not found in ${p.scope} of ${p.file}`);
    return `${p.file}:${at.start.line}:${at.start.column - 1}-${at.end.line}:${at.end.column - 1}`;
  });
}

const VR = `${SR} voteRefusal`;
const VA = `${SR} voteAllowed`;
export const SAMPLE: readonly SampleMutant[] = [
  { key: `${VR} ConditionalExpression: blockRound <= floor -> true`, expect: 'killed' },
  { key: `${VR} ConditionalExpression: blockRound <= floor -> false`, expect: 'killed' },
  { key: `${VR} EqualityOperator: blockRound <= floor -> blockRound < floor`, expect: 'killed' },
  { key: `${VR} EqualityOperator: blockRound <= floor -> blockRound > floor`, expect: 'killed' },
  { key: `${VA} ConditionalExpression: voteRefusal(s, blockRound, qcRound, tc, rules) === null -> true`, expect: 'survived' },
  { key: `${VA} ConditionalExpression: voteRefusal(s, blockRound, qcRound, tc, rules) === null -> false`, expect: 'survived' },
  { key: `${VA} EqualityOperator: voteRefusal(s, blockRound, qcRound, tc, rules) === null -> ` +
    'voteRefusal(s, blockRound, qcRound, tc, rules) !== null', expect: 'survived' },
];
