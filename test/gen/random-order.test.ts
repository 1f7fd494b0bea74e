// Random order is seeded, repeat-free and varies every round position, unlike public generators in
// which "random" mode only ever varied the first round (10,000 scenarios, 70 distinct).
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ScenarioSpace, SeededPermutation, parseGeneratorConfig, withOverrides } from '../../src/gen/index.js';
import { configOf } from './helpers.js';

const ALL_RANDOM = new URL('../../../generator-configs/all_random.json', import.meta.url);

function allRandom(seed?: string): ScenarioSpace {
  const config = parseGeneratorConfig(readFileSync(ALL_RANDOM, 'utf8'), 'all_random.json');
  return new ScenarioSpace(withOverrides(config, { seed }));
}

function lines(space: ScenarioSpace): string[] {
  return [...space.walk()].map((i) => space.lineOf(i));
}

describe('gen random order: all_random.json (n = 4, one twin, 7 rounds, 10,000 scenarios)', () => {
  const first = lines(allRandom());

  it('the same seed gives byte-identical output', () => {
    expect(lines(allRandom()).join('\n')).to.equal(first.join('\n'));
  });

  it('a different seed gives different scenarios', () => {
    const other = lines(allRandom('another seed'));
    const strip = (l: string): string => l.replace(/,"provenance":.*$/, '');
    const shared = new Set(first.map(strip));
    expect(other.filter((l) => shared.has(strip(l))).length).to.be.lessThan(10);
  });

  it('every scenario is distinct', () => {
    const rounds = first.map((l) => JSON.stringify((JSON.parse(l) as { rounds: unknown }).rounds));
    expect(new Set(rounds).size).to.equal(10_000);
  });

  it('every round position varies: each takes nearly all 496 round configurations', () => {
    const perPosition = Array.from({ length: 7 }, () => new Set<string>());
    for (const l of first) {
      (JSON.parse(l) as { rounds: unknown[] }).rounds.forEach((r, j) => perPosition[j]!.add(JSON.stringify(r)));
    }
    // 10,000 uniform draws from 496 values miss a given value with probability (495/496)^10000 ~ 2e-9.
    for (const values of perPosition) expect(values.size).to.be.at.least(490);
  });

  it('round configurations are drawn evenly: no value of a position is more than 3x its expectation', () => {
    const counts = new Map<string, number>();
    for (const l of first) {
      const r = (JSON.parse(l) as { rounds: unknown[] }).rounds[6];
      const key = JSON.stringify(r);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(Math.max(...counts.values())).to.be.below(3 * (10_000 / 496));
  });
});

describe('gen random order: the seeded permutation', () => {
  it('is a bijection on [0, size) for every small size', () => {
    for (let size = 1n; size <= 300n; size++) {
      const p = new SeededPermutation(size, 'bij', 'test');
      const image = new Set<bigint>();
      for (let x = 0n; x < size; x++) {
        const y = p.at(x);
        expect(y >= 0n && y < size).to.equal(true);
        image.add(y);
      }
      expect(BigInt(image.size)).to.equal(size);
    }
  });

  it('never repeats on spaces wider than 64 bits', () => {
    const size = 3n ** 100n;
    const p = new SeededPermutation(size, 'wide', 'test');
    const seen = new Set<bigint>();
    for (let x = 0n; x < 20_000n; x++) seen.add(p.at(x));
    expect(seen.size).to.equal(20_000);
    expect([...seen].every((y) => y < size)).to.equal(true);
  });

  it('depends on the seed and on the label', () => {
    const at = (seed: string, label: string): bigint[] =>
      [0n, 1n, 2n, 3n].map((x) => new SeededPermutation(1n << 40n, seed, label).at(x));
    expect(at('a', 'x')).to.deep.equal(at('a', 'x'));
    expect(at('a', 'x')).to.not.deep.equal(at('b', 'x'));
    expect(at('a', 'x')).to.not.deep.equal(at('a', 'y'));
  });

  it('random order over a whole small space visits every scenario once', () => {
    const space = new ScenarioSpace(configOf({ rounds: 2, order: 'random', seed: 'whole' }));
    const indices = [...space.walk()].map((i) => i.index);
    expect(new Set(indices).size).to.equal(256);
    expect(indices).to.not.deep.equal([...indices].sort((a, b) => (a < b ? -1 : 1)));
  });
});
