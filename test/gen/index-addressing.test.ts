// Index addressing: scenario #k is built directly, equal to the k-th scenario of the enumeration, so
// samples, shards and resumes never walk what comes before. Limits keep the first X or a seeded
// X-subset of a step and re-index it densely.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { writeScenarios } from '../../src/cli/cmd-gen.js';
import { ScenarioSpace, decodeArrangement } from '../../src/gen/index.js';
import { configOf } from './helpers.js';

const noProvenance = (line: string): string => line.replace(/,"provenance":\{.*\}\}$/, '}');

describe('gen index addressing', () => {
  it('scenarioAtIndex(k) equals the k-th scenario of the enumeration', () => {
    const space = new ScenarioSpace(configOf({ rounds: 2, leaders: 'all', drops: { types: ['vote'], maxPerRound: 1 } }));
    const positions = [0n, 1n, 2n, 997n, space.size / 2n, space.size - 1n];
    for (const k of positions) {
      const [item] = [...space.walk(k, k + 1n)];
      expect(JSON.stringify(space.scenarioAtIndex(k))).to.equal(space.lineOf(item!));
      expect(item!.index).to.equal(k);
    }
  });

  it('builds a scenario deep inside a 10^33 space without enumerating', () => {
    const space = new ScenarioSpace(configOf({
      nodes: 7, twins: 2, rounds: 7, partitions: { min: 2, max: 3, requireQuorum: true },
      drops: { types: ['vote'], maxPerRound: 1 }, order: 'random', limits: { scenarios: 10 },
    }));
    const index = space.arrangements - 12345n;
    const s = space.scenarioAtIndex(index);
    expect(s.rounds).to.have.length(7);
    expect(s.provenance?.index).to.equal(index.toString());
  });

  it('enumerates in digit order: round 1 is the most significant digit', () => {
    const space = new ScenarioSpace(configOf({ rounds: 3 }));
    const c = space.counts().roundConfigs;
    expect(decodeArrangement(0n, c, 3, true)).to.deep.equal([0n, 0n, 0n]);
    expect(decodeArrangement(1n, c, 3, true)).to.deep.equal([0n, 0n, 1n]);
    expect(decodeArrangement(c, c, 3, true)).to.deep.equal([0n, 1n, 0n]);
    expect(decodeArrangement(c * c * 2n + 5n, c, 3, true)).to.deep.equal([2n, 0n, 5n]);
  });

  it('without replacement decodes the Lehmer code: lexicographic, no configuration repeats', () => {
    const seen: string[] = [];
    for (let i = 0n; i < 5n * 4n * 3n; i++) {
      const digits = decodeArrangement(i, 5n, 3, false);
      expect(new Set(digits).size).to.equal(3);
      seen.push(digits.map(String).join(','));
    }
    expect(new Set(seen).size).to.equal(60);
    expect([...seen].sort()).to.deep.equal(seen);
  });

  it('the file written holds JSON.stringify of each scenario, one per line, in position order', async () => {
    const space = new ScenarioSpace(configOf({
      rounds: 3, order: 'random', seed: 'file', drops: { types: ['vote', 'any'], maxPerRound: 2 }, limits: { scenarios: 3000 },
    }));
    const dir = mkdtempSync(join(tmpdir(), 'twins-gen-'));
    try {
      const summary = await writeScenarios(space, join(dir, 'x.jsonl'));
      const expected = [...space.walk()].map((i) => JSON.stringify(space.scenarioOf(i)) + '\n').join('');
      expect(readFileSync(join(dir, 'x.jsonl'), 'utf8')).to.equal(expected);
      expect(summary.bytes).to.equal(Buffer.byteLength(expected));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shards [from, to) concatenate to the whole stream', () => {
    const space = new ScenarioSpace(configOf({ rounds: 2, order: 'random', seed: 'shards' }));
    const whole = [...space.walk()].map((i) => space.lineOf(i));
    const thirds = [0n, 100n, 171n, space.size].flatMap((from, j, cuts) =>
      j + 1 < cuts.length ? [...space.walk(from, cuts[j + 1])].map((i) => space.lineOf(i)) : []);
    expect(thirds).to.deep.equal(whole);
  });
});

describe('gen limits', () => {
  it('"first" keeps the first X partitions in enumeration order', () => {
    const full = new ScenarioSpace(configOf({ rounds: 1 }));
    const limited = new ScenarioSpace(configOf({ rounds: 1, limits: { partitions: 5 }, limitOrder: 'first' }));
    expect(limited.counts().partitions).to.equal(5n);
    const lines = (s: ScenarioSpace): string[] => [...s.walk()].map((i) => noProvenance(s.lineOf(i)));
    expect(lines(limited)).to.deep.equal(lines(full).slice(0, 5));
  });

  it('"first" on partitions with drops counts round configurations over exactly those partitions', () => {
    const drops = { types: ['vote', 'timeout'], maxPerRound: 2 };
    const full = new ScenarioSpace(configOf({ rounds: 1, drops }));
    const limited = new ScenarioSpace(configOf({ rounds: 1, drops, limits: { partitions: 7 } }));
    // Round configurations are partition-major, so the partitions appear in order along the walk.
    const partitionOf = [...full.walk()].map((i) => JSON.stringify(i.rounds[0]!.spec.partitions));
    const firstSeven = [...new Set(partitionOf)].slice(0, 7);
    const onFirstSeven = partitionOf.filter((p) => firstSeven.includes(p)).length;
    expect(limited.counts().roundConfigs).to.equal(BigInt(onFirstSeven));
  });

  it('"sample" keeps a seeded subset of X distinct items, in enumeration order', () => {
    const fields = { rounds: 1, leaders: 'all', limits: { roundConfigs: 20 }, limitOrder: 'sample', seed: 's1' };
    const a = new ScenarioSpace(configOf(fields));
    const full = [...new ScenarioSpace(configOf({ rounds: 1, leaders: 'all' })).walk()].map((i) => i.rounds[0]!.json);
    const picked = [...a.walk()].map((i) => i.rounds[0]!.json);
    expect(picked).to.have.length(20);
    expect(new Set(picked).size).to.equal(20);
    const at = picked.map((j) => full.indexOf(j));
    expect(at.every((x) => x >= 0)).to.equal(true);
    expect([...at].sort((x, y) => x - y)).to.deep.equal(at);
    const again = [...new ScenarioSpace(configOf(fields)).walk()].map((i) => i.rounds[0]!.json);
    expect(again).to.deep.equal(picked);
    const other = [...new ScenarioSpace(configOf({ ...fields, seed: 's2' })).walk()].map((i) => i.rounds[0]!.json);
    expect(other).to.not.deep.equal(picked);
  });

  it('a sampled partition step feeds round configurations with its own drop-set counts', () => {
    const drops = { types: ['vote'], maxPerRound: 1 };
    const space = new ScenarioSpace(configOf({ rounds: 1, drops, limits: { partitions: 4 }, limitOrder: 'sample' }));
    const partitions = new Set([...space.walk()].map((i) => JSON.stringify(i.rounds[0]!.spec.partitions)));
    expect(partitions.size).to.equal(4);
    expect(BigInt([...space.walk()].length)).to.equal(space.counts().roundConfigs);
  });

  it('a scenario limit in enumerate order with "first" writes a prefix', () => {
    const space = new ScenarioSpace(configOf({ rounds: 3, limits: { scenarios: 10 } }));
    expect([...space.walk()].map((i) => i.index)).to.deep.equal([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
  });
});
