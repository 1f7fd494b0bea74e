// The scenario arbitraries against the generator (DESIGN §6, §8): every value is a valid scenario
// of the config's space, the same seed gives the same values, shrinking only ever goes to smaller
// scenarios, and it ends where a person would: one round, one group, the twin pair together, no
// drops, the first eligible leader.
import { expect } from 'chai';
import fc from 'fast-check';
import { roundSpecs, scenarios } from '../../src/gen/arbitraries.js';
import { searchLeaders } from '../../src/gen/arbitrary-search.js';
import { groupCount, hasQuorumGroup, labelsFromRaw, withQuorumGroup } from '../../src/gen/arbitrary-partition.js';
import { compareShapes, scenarioShape } from '../../src/gen/arbitrary-shape.js';
import { canonicalLabels } from '../../src/gen/round-render.js';
import { ScenarioSpace, castOf, type GeneratorConfig } from '../../src/gen/index.js';
import { UserError } from '../../src/scenario/errors.js';
import { identityOf, type RoundSpec, type Scenario } from '../../src/scenario/types.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { configOf, kitConfigs, shippedConfig, shrinkSteps } from './kit.js';

/** Throws unless `s` lies in the space `config` describes (beyond what validateScenario checks). */
function expectInside(config: GeneratorConfig, s: Scenario): void {
  const cast = castOf(config);
  expect(s.nodes).to.deep.equal(cast.nodes);
  expect(s.twins).to.deep.equal(cast.twins);
  expect(s.rounds.length).to.be.within(1, config.rounds);
  expect(s.gst).to.deep.equal(config.gst ?? undefined);
  if (!config.replacement) expect(new Set(s.rounds.map((r) => JSON.stringify(r))).size).to.equal(s.rounds.length);
  for (const r of s.rounds) expectRoundInside(config, r);
}

function expectRoundInside(config: GeneratorConfig, r: RoundSpec): void {
  const cast = castOf(config);
  const { min, max, requireQuorum } = config.partitions;
  // With honest leaders searched (the config's `search` block) every identity may lead.
  expect(searchLeaders(config, cast)).to.include(r.leader);
  expect(r.partitions.length).to.be.within(min, max);
  // Canonical order, as the generator writes it: groups by first member, members in replica order.
  const flat = r.partitions.map((g) => g.map((x) => cast.replicas.indexOf(x)));
  for (const g of flat) expect(g).to.deep.equal([...g].sort((a, b) => a - b));
  expect(flat.map((g) => g[0])).to.deep.equal(flat.map((g) => g[0]!).sort((a, b) => a - b));
  if (requireQuorum) {
    expect(r.partitions.some((g) => new Set(g.map(identityOf)).size >= cast.quorum), 'a quorum group').to.equal(true);
  }
  const drops = r.drops ?? [];
  expect(r.drops === undefined || drops.length > 0, 'no empty drops list').to.equal(true);
  expect(drops.length).to.be.at.most(config.drops.maxPerRound);
  const groupOf = (x: string): number => r.partitions.findIndex((g) => g.includes(x));
  const keys = drops.map((d) => {
    expect(config.drops.types).to.include(d.type);
    expect(d.from).to.not.equal(d.to);
    expect(groupOf(d.from)).to.equal(groupOf(d.to));
    return (cast.replicas.indexOf(d.from) * 64 + cast.replicas.indexOf(d.to)) * 8 + config.drops.types.indexOf(d.type);
  });
  expect(keys, 'drops distinct, in (from, to, type) order').to.deep.equal([...new Set(keys)].sort((a, b) => a - b));
}

describe('fuzz arbitraries: scenarios(config)', () => {
  for (const { label, config } of kitConfigs()) {
    describe(label, () => {
      it('draws only valid scenarios inside the config\'s space', () => {
        fc.assert(fc.property(scenarios(config), (s) => {
          validateScenario(s, 'drawn');
          expectInside(config, s);
        }), { seed: 1, numRuns: 300 });
      });

      it('draws the same scenarios from the same seed', () => {
        const draw = (): Scenario[] => fc.sample(scenarios(config), { seed: 42, numRuns: 30 });
        expect(draw()).to.deep.equal(draw());
      });

      it('never shrinks to a larger scenario (rounds, then groups, then drops, then leaders)', () => {
        const leaders = castOf(config).leaders;
        const steps = shrinkSteps(scenarios(config), 7);
        expect(steps.length).to.be.greaterThan(0);
        for (const { from, to } of steps) {
          validateScenario(to, 'shrunk');
          expectInside(config, to);
          expect(compareShapes(scenarioShape(to, leaders), scenarioShape(from, leaders)),
            `${JSON.stringify(from.rounds)}\n  -> ${JSON.stringify(to.rounds)}`).to.be.at.most(0);
        }
      });
    });
  }
});

describe('fuzz arbitraries: the same space as twins gen', () => {
  it('exhaustive_small: every drawn round is one of the generator\'s round configurations, and all 16 are reached', () => {
    const config = shippedConfig('exhaustive_small');
    const known = roundsOfSpace(config);
    expect(known.size).to.equal(16);
    const seen = new Set(fc.sample(roundSpecs(config), { seed: 3, numRuns: 2000 }).map((r) => JSON.stringify(r)));
    for (const r of seen) expect(known.has(r), r).to.equal(true);
    expect(seen.size).to.equal(known.size);
  });

  it('with drops of two types: every drawn round is the generator\'s, and sampling reaches 95% of them', () => {
    const config = configOf({ rounds: 1, drops: { types: ['vote', 'timeout'], maxPerRound: 1 } });
    const known = roundsOfSpace(config);
    const seen = new Set(fc.sample(roundSpecs(config), { seed: 5, numRuns: 20_000 }).map((r) => JSON.stringify(r)));
    for (const r of seen) expect(known.has(r), r).to.equal(true);
    expect(seen.size).to.be.at.least(Math.floor(known.size * 0.95));
  });

  it('reaches 1 and R rounds, every group count, every eligible leader and the whole drop budget', () => {
    const config = configOf({ rounds: 5, partitions: { min: 1, max: 3 }, leaders: 'all',
      drops: { types: ['proposal', 'vote'], maxPerRound: 2 } });
    const drawn = fc.sample(scenarios(config), { seed: 9, numRuns: 500 });
    const rounds = drawn.flatMap((s) => s.rounds);
    expect(new Set(drawn.map((s) => s.rounds.length))).to.include.members([1, 5]);
    expect(new Set(rounds.map((r) => r.partitions.length))).to.have.keys([1, 2, 3]);
    expect(new Set(rounds.map((r) => r.leader))).to.have.keys('a', 'b', 'c', 'd');
    expect(new Set(rounds.map((r) => r.drops?.length ?? 0))).to.have.keys([0, 1, 2]);
  });
});

/** The JSON of every round configuration of a config, from its generator space (one-round scenarios). */
function roundsOfSpace(config: GeneratorConfig): Set<string> {
  const space = new ScenarioSpace({ ...config, rounds: 1, order: 'enumerate', limits: {} });
  return new Set([...space.scenarios()].map(({ scenario }) => JSON.stringify(scenario.rounds[0])));
}

describe('fuzz arbitraries: where shrinking ends', () => {
  const config = shippedConfig('all_random');
  const minimal = (failsOn: (s: Scenario) => boolean): Scenario => {
    const out = fc.check(fc.property(scenarios(config), (s) => !failsOn(s)), { seed: 11, numRuns: 1000 });
    expect(out.failed).to.equal(true);
    return out.counterexample![0];
  };

  it('"some round splits the network" shrinks to one round, the twin pair together, the last replica alone', () => {
    const s = minimal((x) => x.rounds.some((r) => r.partitions.length > 1));
    expect(s.rounds).to.deep.equal([{ leader: 'a', partitions: [['a', "a'", 'b', 'c'], ['d']] }]);
  });

  it('"some round drops a message" shrinks to one round, one group and the first drop of the universe', () => {
    const s = minimal((x) => x.rounds.some((r) => (r.drops?.length ?? 0) > 0));
    expect(s.rounds).to.deep.equal([{ leader: 'a', partitions: [['a', "a'", 'b', 'c', 'd']],
      drops: [{ from: 'a', to: "a'", type: 'proposal' }] }]);
  });

  it('"round 3 exists" shrinks to three simplest rounds', () => {
    const s = minimal((x) => x.rounds.length >= 3);
    const simplest = { leader: 'a', partitions: [['a', "a'", 'b', 'c', 'd']] };
    expect(s.rounds).to.deep.equal([simplest, simplest, simplest]);
  });
});

describe('fuzz arbitraries: partitions with a quorum group', () => {
  it('withQuorumGroup turns any draw into a partition with a quorum group and min..(drawn) groups', () => {
    // n = 13 with one twin (14 replicas), quorum 9, at least 3 groups: rare among random draws.
    const identityIndex = [0, ...Array.from({ length: 13 }, (_, i) => i)];
    const space = { identityIndex, min: 3, max: 6, quorum: 9 };
    fc.assert(fc.property(fc.array(fc.nat({ max: 5 }), { minLength: 13, maxLength: 13 }), (raw) => {
      const drawn = labelsFromRaw(raw, space.min);
      const repaired = withQuorumGroup(drawn, space, space.quorum);
      expect(hasQuorumGroup(repaired, identityIndex, space.quorum)).to.equal(true);
      expect(groupCount(repaired)).to.be.within(space.min, Math.max(space.min, groupCount(drawn)));
      expect(repaired).to.deep.equal(canonicalLabels(repaired));
    }), { seed: 4, numRuns: 500 });
  });
});

describe('fuzz arbitraries: config input', () => {
  it('accepts a few fields and fills the rest like a config file (n = 4, one twin, 7 rounds, 1..2 groups)', () => {
    const [s] = fc.sample(scenarios({ nodes: 7, twins: 2, rounds: 2 }), { seed: 1, numRuns: 1 });
    expect(s!.nodes).to.deep.equal(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(s!.twins).to.deep.equal(['a', 'b']);
    expect(s!.gst).to.deep.equal({ rounds: 7 });
    expect(fc.sample(scenarios(), { seed: 1, numRuns: 50 }).every((x) => x.rounds.length <= 7)).to.equal(true);
  });

  it('refuses fields a config file could not have, with the JSON path', () => {
    expect(() => scenarios({ nodes: 4, twins: 5 })).to.throw(UserError, '$.twins');
    expect(() => scenarios({ partitions: { min: 3, max: 2 } })).to.throw(UserError, '$.partitions.min');
  });

  it('refuses requireQuorum when no partition in min..max groups can hold a quorum', () => {
    expect(() => scenarios({ nodes: 4, twins: 1, partitions: { min: 4, max: 5, requireQuorum: true } }))
      .to.throw(UserError, '$.partitions.requireQuorum');
  });
});
