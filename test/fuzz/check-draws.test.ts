// The draws of a parallel search against fast-check's own (DESIGN §8, §10): `checkDraws` must yield
// exactly the scenarios `fc.check` tries for the same seed, in the same order, whatever the chunk
// size and wherever it starts, or a search split across workers would try different scenarios.
import { expect } from 'chai';
import fc from 'fast-check';
import { scenarios } from '../../src/gen/arbitraries.js';
import { checkDraws } from '../../src/gen/check-draws.js';
import type { Scenario } from '../../src/scenario/types.js';
import { shippedConfig } from './kit.js';

/** The scenarios `fc.check` passes to the property in its first `numRuns` runs. */
function checkedScenarios(arbitrary: fc.Arbitrary<Scenario>, seed: number, numRuns: number): Scenario[] {
  const seen: Scenario[] = [];
  fc.check(fc.property(arbitrary, (s) => {
    seen.push(s);
    return true;
  }), { seed, numRuns });
  return seen;
}

describe('fuzz draws: checkDraws(arbitrary, seed, count)', function () {
  this.timeout(60_000);

  for (const [name, seed] of [['all_random', 1], ['fuzz_commit', -7], ['n7_sampled', 2 ** 31 - 1]] as const) {
    it(`${name}, seed ${seed}: the same 600 scenarios as fc.check, in chunks of 1, 37 and 65,536`, () => {
      const arbitrary = scenarios(shippedConfig(name));
      const expected = checkedScenarios(arbitrary, seed, 600);
      for (const chunk of [37, 65_536]) expect([...checkDraws(arbitrary, seed, 600, 0, chunk)]).to.deep.equal(expected);
      expect([...checkDraws(arbitrary, seed, 40, 0, 1)]).to.deep.equal(expected.slice(0, 40));
    });
  }

  it('starts at run `from`, as fast-check\'s replay path counts runs (here across the bias step at run 1,000)', () => {
    const arbitrary = scenarios(shippedConfig('all_random'));
    const expected = checkedScenarios(arbitrary, 5, 1100);
    expect([...checkDraws(arbitrary, 5, 1100, 950, 50)]).to.deep.equal(expected.slice(950));
  });

  it('draws nothing when `from` is at or past `count`', () => {
    expect([...checkDraws(scenarios(shippedConfig('all_random')), 1, 10, 10)]).to.deep.equal([]);
  });
});
