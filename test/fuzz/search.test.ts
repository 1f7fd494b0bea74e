// The search dimensions of a generator config's `search` block (docs/fuzzing.md, src/gen/arbitrary-search.ts):
// swarm testing switches each configured dimension on in some runs and off in others, every value lies
// in its configured range, a config without the block draws exactly what it drew before, and shrinking
// turns dimensions off and moves their values to the simplest: delays toward the minimum and seed 0,
// the round timeout toward the default of 20 ticks, the crash toward the first honest replica in round 1
// restarting at the heal, an honest leader toward the first honest identity.
import { expect } from 'chai';
import fc from 'fast-check';
import { scenarios } from '../../src/gen/arbitraries.js';
import { UserError } from '../../src/scenario/errors.js';
import type { Scenario } from '../../src/scenario/types.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { configOf, shippedConfig } from './kit.js';

const config = shippedConfig('all_random');
const honest = ['b', 'c', 'd'];

function minimal(failsOn: (s: Scenario) => boolean, seed = 5): Scenario {
  const out = fc.check(fc.property(scenarios(config), (s) => !failsOn(s)), { seed, numRuns: 1000 });
  expect(out.failed).to.equal(true);
  return out.counterexample![0];
}

describe('fuzz search: the dimensions all_random adds', () => {
  const drawn = fc.sample(scenarios(config), { seed: 3, numRuns: 400 });

  it('draws valid scenarios whose delays, timeouts, crashes and leaders lie in the configured ranges', () => {
    for (const s of drawn) {
      validateScenario(JSON.parse(JSON.stringify(s)), 'drawn');
      if (s.delays !== undefined) {
        expect(s.delays.min).to.equal(1);
        expect(s.delays.max).to.be.within(1, 5);
      }
      if (s.roundTimeoutTicks !== undefined) expect(s.roundTimeoutTicks).to.be.within(15, 40);
      for (const c of s.crashes ?? []) {
        expect(honest).to.include(c.replica);
        expect(c.round).to.be.within(1, 7);
        if (c.restartRound !== undefined) expect(c.restartRound).to.be.within(c.round + 1, c.round + 7);
      }
      expect(s.crashes?.length ?? 0).to.be.at.most(1);
    }
  });

  it('switches each dimension on in some runs and off in others (swarm testing)', () => {
    const share = (p: (s: Scenario) => boolean): number => drawn.filter(p).length / drawn.length;
    for (const [name, on] of [
      ['delays', (s: Scenario) => s.delays !== undefined],
      ['round timeout', (s: Scenario) => s.roundTimeoutTicks !== undefined],
      ['crash', (s: Scenario) => s.crashes !== undefined],
      ['honest leaders', (s: Scenario) => s.rounds.some((r) => honest.includes(r.leader))],
    ] as const) {
      expect(share(on), name).to.be.within(0.2, 0.8);
    }
    const combos = new Set(drawn.map((s) => [s.delays, s.roundTimeoutTicks, s.crashes].map((x) => x === undefined).join()));
    expect(combos.size, 'every subset of the three scenario-level dimensions').to.equal(8);
  });

  it('a config without a search block draws no search field and only eligible leaders', () => {
    const { search: _, ...plain } = config;
    for (const s of fc.sample(scenarios(plain), { seed: 3, numRuns: 200 })) {
      expect(s).to.not.have.any.keys('delays', 'roundTimeoutTicks', 'crashes');
      for (const r of s.rounds) expect(r.leader).to.equal('a');
    }
  });
});

describe('fuzz search: where shrinking ends', () => {
  it('"has link delays" shrinks to one plain round with delays 1..1 and seed 0, every other dimension off', () => {
    const s = minimal((x) => x.delays !== undefined);
    expect(s.delays).to.deep.equal({ min: 1, max: 1, seed: 0 });
    expect(s).to.not.have.any.keys('roundTimeoutTicks', 'crashes');
    expect(s.rounds).to.deep.equal([{ leader: 'a', partitions: [['a', "a'", 'b', 'c', 'd']] }]);
  });

  it('"delays reach 4 ticks" shrinks the maximum to 4', () => {
    expect(minimal((x) => (x.delays?.max ?? 0) >= 4).delays).to.deep.equal({ min: 1, max: 4, seed: 0 });
  });

  it('"has a round timeout" shrinks it to the default of 20 ticks; "a timeout below 18" to 17', () => {
    expect(minimal((x) => x.roundTimeoutTicks !== undefined).roundTimeoutTicks).to.equal(20);
    expect(minimal((x) => (x.roundTimeoutTicks ?? 20) < 18).roundTimeoutTicks).to.equal(17);
  });

  it('"has a crash" shrinks to b crashing in round 1 and restarting at the heal', () => {
    const s = minimal((x) => x.crashes !== undefined);
    expect(s.crashes).to.deep.equal([{ replica: 'b', round: 1 }]);
    expect(s).to.not.have.any.keys('delays', 'roundTimeoutTicks');
  });

  it('"a restart round is given" shrinks to a restart one round after the crash', () => {
    expect(minimal((x) => x.crashes?.[0]?.restartRound !== undefined).crashes).to.deep.equal([{ replica: 'b', round: 1, restartRound: 2 }]);
  });

  it('"an honest identity leads a round" shrinks to one round led by b', () => {
    const s = minimal((x) => x.rounds.some((r) => honest.includes(r.leader)));
    expect(s.rounds).to.deep.equal([{ leader: 'b', partitions: [['a', "a'", 'b', 'c', 'd']] }]);
  });

  it('a failure that needs no search dimension shrinks to a scenario without any', () => {
    const s = minimal((x) => x.rounds.length >= 2);
    expect(s).to.not.have.any.keys('delays', 'roundTimeoutTicks', 'crashes');
    for (const r of s.rounds) expect(r.leader).to.equal('a');
  });
});

describe('fuzz search: the search block of a generator config', () => {
  it('refuses a range with min above max, with the JSON path', () => {
    expect(() => configOf({ search: { roundTimeoutTicks: { min: 30, max: 20 } } }))
      .to.throw(UserError, 'kit.json: $.search.roundTimeoutTicks.min: min 30 is greater than max 20');
  });

  it('refuses honest leaders and crashes when every identity is twinned', () => {
    expect(() => configOf({ nodes: 2, twins: 2, partitions: { min: 1, max: 2 }, search: { crash: true } }))
      .to.throw(UserError, '$.search.crash');
  });

  it('refuses an unknown field of the block', () => {
    expect(() => configOf({ search: { crashes: true } })).to.throw(UserError, '$.search.crashes');
  });
});
