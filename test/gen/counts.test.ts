// Counts are exact: every step's size equals its closed form (Stirling numbers of the second kind,
// times leaders, times drop sets, raised to R or as a falling factorial), and equals the number of
// scenarios actually produced when the space is enumerated.
import { expect } from 'chai';
import { ScenarioSpace, stirling2, fallingFactorial, type LeaderChoice } from '../../src/gen/index.js';
import { closedFormRoundConfigs, configOf } from './helpers.js';

const LEADERS: readonly LeaderChoice[] = ['faulty', 'all', 'honest'];

function leaderCount(choice: LeaderChoice, nodes: number, twins: number): number {
  return choice === 'faulty' ? twins : choice === 'honest' ? nodes - twins : nodes;
}

interface Case {
  nodes: number; twins: number; min: number; max: number; leaders: LeaderChoice;
  types: string[]; maxPerRound: number; rounds: number; replacement: boolean;
}

function* smallCases(): Generator<Case> {
  for (let nodes = 1; nodes <= 4; nodes++) {
    for (let twins = 0; twins <= Math.min(2, nodes); twins++) {
      const r = nodes + twins;
      for (const [min, max] of [[1, 1], [1, 2], [2, Math.min(3, r)], [1, r]] as const) {
        if (min > max || max > r) continue;
        for (const leaders of LEADERS) {
          if (leaderCount(leaders, nodes, twins) === 0) continue;
          for (const [types, maxPerRound] of [[[], 0], [['vote'], 1], [['proposal', 'vote', 'timeout'], 2]] as const) {
            yield { nodes, twins, min, max, leaders, types: [...types], maxPerRound, rounds: 1 + (nodes % 3), replacement: twins !== 1 };
          }
        }
      }
    }
  }
}

/** The case's space; without replacement, cases with fewer round configurations than rounds are skipped. */
function spaceOf(c: Case): ScenarioSpace | null {
  const fields = {
    nodes: c.nodes, twins: c.twins, rounds: c.rounds, partitions: { min: c.min, max: c.max }, leaders: c.leaders,
    drops: { types: c.types, maxPerRound: c.maxPerRound },
  };
  const withReplacement = new ScenarioSpace(configOf(fields));
  if (c.replacement) return withReplacement;
  if (withReplacement.counts().roundConfigs < BigInt(c.rounds)) return null;
  return new ScenarioSpace(configOf({ ...fields, replacement: false }));
}

describe('gen counts: closed forms', () => {
  it('partitions are sums of Stirling numbers S(r, k) for k in [min, max]', () => {
    let checked = 0;
    for (const c of smallCases()) {
      let expected = 0n;
      for (let k = c.min; k <= c.max; k++) expected += stirling2(c.nodes + c.twins, k);
      expect(spaceOf(c)?.counts().partitions ?? expected, JSON.stringify(c)).to.equal(expected);
      checked++;
    }
    expect(checked).to.be.greaterThan(100);
  });

  it('round configurations are leaders x sum over partition shapes of the drop-set counts', () => {
    for (const c of smallCases()) {
      const expected = closedFormRoundConfigs(c.nodes + c.twins, c.min, c.max, leaderCount(c.leaders, c.nodes, c.twins),
        c.types.length, c.maxPerRound);
      expect(spaceOf(c)?.counts().roundConfigs ?? expected, JSON.stringify(c)).to.equal(expected);
    }
  });

  it('scenarios are C^R with replacement and C(C-1)...(C-R+1) without', () => {
    for (const c of smallCases()) {
      const space = spaceOf(c);
      if (space === null) continue;
      const { roundConfigs, scenarios } = space.counts();
      const expected = c.replacement ? roundConfigs ** BigInt(c.rounds) : fallingFactorial(roundConfigs, c.rounds);
      expect(scenarios, JSON.stringify(c)).to.equal(expected);
    }
  });

  it('n = 4 with one twin, 1-2 groups, faulty leaders and 3 drop types at most 1 per round: 496 round configurations', () => {
    // One group of 5: 1 + 3*20 = 61 drop sets. Two groups: 5 partitions of shape (4,1) with 1 + 3*12 = 37,
    // 10 of shape (3,2) with 1 + 3*8 = 25. 61 + 185 + 250 = 496, and 496^7 scenarios over seven rounds.
    const space = new ScenarioSpace(configOf({
      rounds: 7, drops: { types: ['vote', 'proposal', 'timeout'], maxPerRound: 1 },
    }));
    expect(space.counts().roundConfigs).to.equal(496n);
    expect(space.counts().scenarios).to.equal(496n ** 7n);
  });

  it('n = 7 with two twins and 2-3 groups is counted exactly, far beyond 2^53', () => {
    const space = new ScenarioSpace(configOf({ nodes: 7, twins: 2, rounds: 7, partitions: { min: 2, max: 3 } }));
    expect(space.counts().partitions).to.equal(stirling2(9, 2) + stirling2(9, 3));
    expect(space.counts().scenarios).to.equal((2n * (255n + 3025n)) ** 7n);
  });
});

describe('gen counts: the count is what enumeration produces', () => {
  it('the lazy step iterators yield exactly counts().partitions and counts().roundConfigs distinct items', () => {
    for (const c of smallCases()) {
      const space = spaceOf(c);
      if (space === null || space.counts().roundConfigs > 5000n) continue;
      const partitions = [...space.stepPartitions()].map((p) => JSON.stringify(p));
      const configs = [...space.stepRoundConfigs()].map((r) => JSON.stringify(r));
      expect(BigInt(new Set(partitions).size), JSON.stringify(c)).to.equal(space.counts().partitions);
      expect(BigInt(new Set(configs).size), JSON.stringify(c)).to.equal(space.counts().roundConfigs);
      expect(partitions.length).to.equal(new Set(partitions).size);
    }
  });

  it('walks exactly counts().scenarios distinct scenarios for small spaces', () => {
    let spaces = 0;
    for (const c of smallCases()) {
      const space = spaceOf(c);
      const n = space?.counts().scenarios ?? 0n;
      if (space === null || n > 3000n) continue;
      const seen = new Set<string>();
      for (const item of space.walk()) seen.add(space.lineOf(item).replace(/"index":"\d+"/, ''));
      expect(BigInt(seen.size), JSON.stringify(c)).to.equal(n);
      spaces++;
    }
    expect(spaces).to.be.greaterThan(30);
  });
});
