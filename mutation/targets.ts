// What `npm run mutate` mutates: the DiemBFT rule code, the parts of the replica whose every branch
// an honest replica's behaviour depends on (diembft-v4 §5-§8, §11, §13.1). Left out: the replica's
// glue (replica.ts, outbox.ts), per-message validation (message-validation.ts: nearly every check
// there refuses forged or malformed messages, which only Byzantine message mutation will send),
// leader election (leader-election.ts: a Twins scenario names the leaders of the rounds it runs,
// and the harness override wins over round-robin and reputation),
// the bug switches (bugs.ts), encoding, hashing and interning (codec.ts, hash.ts, intern.ts), the
// harness's own checks (offline-cert-check.ts, accepted-cert-log.ts, trace-view.ts, oracles/) and
// the replicated service (block-execution.ts, mempool.ts, client-replies.ts).
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
  /** Stable key: `file:line:column-endLine:endColumn mutator replacement` (mutation/survivors.ts). */
  readonly key: string;
  readonly expect: 'killed' | 'survived';
}

/**
 * The CI sample (test/mutation/sample.test.ts): Stryker `mutate` ranges, each narrow enough to
 * hold a few mutants, and the status every mutant in them must get.
 */
export const SAMPLE_RANGES: readonly string[] = [
  // voteRefusal's round test `blockRound <= floor`: the one-vote-per-round rule (B01 weakens it to <).
  'src/protocols/diembft/safety-rules.ts:33:48-33:67',
  // voteAllowed's `=== null`: only the unit tests call voteAllowed, so the search cannot see these.
  'src/protocols/diembft/safety-rules.ts:46:9-46:64',
];

const SR = 'src/protocols/diembft/safety-rules.ts';
export const SAMPLE: readonly SampleMutant[] = [
  { key: `${SR}:33:49-33:68 ConditionalExpression true`, expect: 'killed' },
  { key: `${SR}:33:49-33:68 ConditionalExpression false`, expect: 'killed' },
  { key: `${SR}:33:49-33:68 EqualityOperator blockRound < floor`, expect: 'killed' },
  { key: `${SR}:33:49-33:68 EqualityOperator blockRound > floor`, expect: 'killed' },
  { key: `${SR}:46:10-46:65 ConditionalExpression true`, expect: 'survived' },
  { key: `${SR}:46:10-46:65 ConditionalExpression false`, expect: 'survived' },
  { key: `${SR}:46:10-46:65 EqualityOperator voteRefusal(s, blockRound, qcRound, tc, rules) !== null`, expect: 'survived' },
];
