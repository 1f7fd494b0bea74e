import { expect } from 'chai';
import type { Finding, Summary } from '../../src/exec/report-types.js';
import { validateFinding, validateSummary } from '../../src/scenario/report-schema.js';

const COUNTS = { total: 2, pass: 1, safety: 1, liveness: 0, crash: 0 };

// Typed as Summary so that a change to report-types.ts that the schema does not follow fails to compile
// here or fails the first test.
const SUMMARY: Summary = {
  schemaVersion: 1, name: 'conflicting_votes_bug', config: 'executor-configs/conflicting_votes_bug.json',
  options: { workers: 1 },
  cases: [{
    name: 'with-bug', expect: 'safety-violation', verdict: 'safety-violation', ok: true, bugs: ['conflicting_votes'],
    scenarios: COUNTS,
    firstViolation: { oracle: 'safety.agreement', kind: 'safety', round: 3, tick: 41, replicas: ['b', 'c'],
      detail: 'b committed 3:ab12 at height 2, c committed 3:cd34', scenarioIndex: 0, scenarioId: '29acca0e6c479503' },
    replay: 'twins replay reports/conflicting_votes_bug/findings.jsonl --line 1',
  }, {
    name: 'without-bug', expect: 'pass', verdict: 'pass', ok: true, bugs: [], scenarios: { ...COUNTS, pass: 2, safety: 0 },
    firstViolation: null, replay: 'twins replay scenarios/x.json',
  }],
  totals: { ...COUNTS, total: 4, pass: 3, cases: 2, casesOk: 2 }, ok: true, meta: { elapsedMs: 12 },
};

const FINDING: Finding = {
  case: 'with-bug', scenarioIndex: 0, scenarioId: '29acca0e6c479503', verdict: 'crash', violations: [],
  error: 'TypeError: x', bugs: ['conflicting_votes'], options: { seed: '1' }, scenario: { schemaVersion: 1 },
  replay: 'twins replay f.jsonl --line 1',
};

describe('report schema: validateSummary', () => {
  it('accepts a summary shaped like report-types.ts', () => {
    expect(validateSummary(SUMMARY)).to.deep.equal([]);
  });

  it('lists every problem with its path', () => {
    const bad = JSON.parse(JSON.stringify(SUMMARY)) as Record<string, unknown> & { cases: Record<string, unknown>[] };
    delete bad.meta;
    bad.cases[0]!.verdict = 'unsafe';
    bad.cases[1]!.extra = 1;
    const problems = validateSummary(bad);
    expect(problems).to.include("$: missing field 'meta'");
    expect(problems).to.include("$.cases[0].verdict: must be one of pass, safety-violation, liveness-violation, crash; got 'unsafe'");
    expect(problems.some((p) => p.startsWith("$.cases[1]: unknown field 'extra'"))).to.equal(true);
  });

  it('explains a malformed firstViolation rather than only saying it is not null', () => {
    const bad = JSON.parse(JSON.stringify(SUMMARY)) as { cases: { firstViolation: Record<string, unknown> }[] };
    delete bad.cases[0]!.firstViolation.scenarioId;
    expect(validateSummary(bad)).to.deep.equal(["$.cases[0].firstViolation: missing field 'scenarioId'"]);
  });

  it('refuses negative counts', () => {
    const bad = { ...SUMMARY, totals: { ...SUMMARY.totals, crash: -1 } };
    expect(validateSummary(bad)).to.deep.equal(['$.totals.crash: must be >= 0, got -1']);
  });
});

describe('report schema: validateFinding', () => {
  it('accepts a finding shaped like report-types.ts and refuses an unknown verdict', () => {
    expect(validateFinding(FINDING)).to.deep.equal([]);
    expect(validateFinding({ ...FINDING, verdict: 'oops' })).to.have.length(1);
  });
});
