// The CI fuzz suite, no false alarms (DESIGN §8): on the correct protocol a few thousand random
// scenarios of each shipped fuzz config pass every oracle. Bounded runs, fixed seeds.
//
// One exception is named, not hidden: liveness.honest-leaders-commit has a known false positive on
// the correct protocol (docs/fuzzing.md, "Known executor findings"). The suite ignores exactly that
// oracle, and the tripwire below fails once the oracle is fixed, so the exception is removed then.
import { expect } from 'chai';
import { fuzz, type FuzzReport } from '../../src/exec/fuzz.js';
import { runScenario } from '../../src/exec/run-scenario.js';
import type { Scenario } from '../../src/scenario/types.js';
import { KNOWN_FALSE_POSITIVES, shippedConfig } from './kit.js';

function describeFailure(r: FuzzReport): string {
  if (!r.failed) return 'no failure';
  const v = r.violation!;
  return `${v.oracle} in round ${v.round}: ${v.detail}\n  shrunk: ${JSON.stringify(r.shrunk?.rounds)}\n` +
    `  replay: fuzz with seed ${r.seed} and path ${r.counterexamplePath}`;
}

describe('fuzz suite: the correct protocol passes', function () {
  this.timeout(300_000);

  it('all_random: 3,000 scenarios, every oracle but the known false positive', () => {
    const report = fuzz(shippedConfig('all_random'), { seed: 1, numRuns: 3000, ignoreOracles: KNOWN_FALSE_POSITIVES });
    expect(report.failed, describeFailure(report)).to.equal(false);
    expect(report.numRuns).to.equal(3000);
  });

  it('fuzz_commit: 2,000 scenarios, every oracle', () => {
    const report = fuzz(shippedConfig('fuzz_commit'), { seed: 1, numRuns: 2000 });
    expect(report.failed, describeFailure(report)).to.equal(false);
  });

  it('n7_sampled: 500 scenarios with n = 7 and two twins, every oracle but the known false positive', () => {
    const report = fuzz(shippedConfig('n7_sampled'), { seed: 1, numRuns: 500, ignoreOracles: KNOWN_FALSE_POSITIVES });
    expect(report.failed, describeFailure(report)).to.equal(false);
  });
});

describe('fuzz suite: known executor findings (tripwires)', () => {
  /*
   * Setup: n = 4, a twinned; the twin leads rounds 1 and 2 of a split network, so honest replicas
   *        reach round 3 (the first GST round, led by honest b) at different times, some before the
   *        heal. Their round-3 timers fire just as b's proposal arrives, so round 3 is not certified.
   * Expect (today): liveness.honest-leaders-commit fires on the correct protocol. Property 4 only
   *        promises a commit for honest-leader rounds that start after GST, so this is an oracle
   *        false positive. When this test fails, the oracle is fixed: empty KNOWN_FALSE_POSITIVES in
   *        kit.ts and delete this test.
   * Replay: npx twins fuzz generator-configs/all_random.json --seed 1 --runs 10000
   */
  const scenario: Scenario = {
    schemaVersion: 1, nodes: ['a', 'b', 'c', 'd'], twins: ['a'], gst: { rounds: 7 },
    rounds: [
      { leader: 'a', partitions: [['a', 'b', 'c'], ["a'", 'd']], drops: [{ from: 'a', to: 'b', type: 'proposal' }] },
      { leader: 'a', partitions: [['a', 'b'], ["a'", 'c', 'd']], drops: [{ from: "a'", to: 'd', type: 'timeout' }] },
    ],
  };

  it('liveness.honest-leaders-commit still fires on the correct protocol for a first GST round entered before the heal', () => {
    const result = runScenario(scenario, { bugs: [] });
    expect(result.violations.map((v) => v.oracle)).to.deep.equal(['liveness.honest-leaders-commit']);
  });
});
