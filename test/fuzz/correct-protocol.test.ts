// The CI fuzz suite, no false alarms (DESIGN §8): on the correct protocol a few thousand random
// scenarios of each shipped fuzz config pass every oracle. Bounded runs, fixed seeds.
import { expect } from 'chai';
import { fuzz, type FuzzReport } from '../../src/exec/fuzz.js';
import { shippedConfig } from './kit.js';

function describeFailure(r: FuzzReport): string {
  if (!r.failed) return 'no failure';
  const v = r.violation!;
  return `${v.oracle} in round ${v.round}: ${v.detail}\n  shrunk: ${JSON.stringify(r.shrunk?.rounds)}\n` +
    `  replay: fuzz with seed ${r.seed} and path ${r.counterexamplePath}`;
}

describe('fuzz suite: the correct protocol passes', function () {
  this.timeout(300_000);

  it('all_random: 3,000 scenarios, every oracle', () => {
    const report = fuzz(shippedConfig('all_random'), { seed: 1, numRuns: 3000 });
    expect(report.failed, describeFailure(report)).to.equal(false);
    expect(report.numRuns).to.equal(3000);
  });

  it('fuzz_commit: 2,000 scenarios, every oracle', () => {
    const report = fuzz(shippedConfig('fuzz_commit'), { seed: 1, numRuns: 2000 });
    expect(report.failed, describeFailure(report)).to.equal(false);
  });

  it('n7_sampled: 500 scenarios with n = 7 and two twins, every oracle', () => {
    const report = fuzz(shippedConfig('n7_sampled'), { seed: 1, numRuns: 500 });
    expect(report.failed, describeFailure(report)).to.equal(false);
  });
});
