import { expect } from 'chai';
import { canonicalJson, scenarioId, withId } from '../../src/scenario/canonical.js';
import type { Scenario } from '../../src/scenario/types.js';

const S: Scenario = {
  schemaVersion: 1, nodes: ['a', 'b', 'c', 'd'], twins: ['a'],
  rounds: [{ leader: 'a', partitions: [['a', 'b', 'c'], ["a'", 'd']], drops: [{ from: 'b', to: 'a', type: 'vote' }] }],
  gst: { rounds: 7 },
};

/** The same scenario with every object's keys written in reverse order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reordered(v)]));
}

describe('canonical: canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and writes no whitespace', () => {
    expect(canonicalJson({ b: [3, 1, { z: 1, a: 'x y' }], a: null })).to.equal('{"a":null,"b":[3,1,{"a":"x y","z":1}]}');
  });

  it('leaves out undefined fields, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).to.equal('{"b":1}');
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ x: Number.NaN })).to.throw(TypeError);
    expect(() => canonicalJson(10n)).to.throw(TypeError);
  });
});

describe('canonical: scenarioId', () => {
  it('is 16 lowercase hex digits and stable across releases', () => {
    // Pinned: a change here silently renames every stored finding and regression scenario.
    expect(scenarioId(S)).to.match(/^[0-9a-f]{16}$/).and.to.equal('29acca0e6c479503');
  });

  it('gives the same id when only the key order differs', () => {
    const r = reordered(S) as Scenario;
    expect(JSON.stringify(r)).not.to.equal(JSON.stringify(S));
    expect(scenarioId(r)).to.equal(scenarioId(S));
  });

  it('ignores id, name, notes, provenance and $schema', () => {
    const labelled: Scenario = { ...S, id: 'ffffffffffffffff', name: 'x', notes: 'y', $schema: 'z', provenance: { seed: '3', index: '9' } };
    expect(scenarioId(labelled)).to.equal(scenarioId(S));
  });

  it('changes when the content changes', () => {
    const otherLeader: Scenario = { ...S, rounds: [{ ...S.rounds[0]!, leader: 'b' }] };
    const otherGroups: Scenario = { ...S, rounds: [{ ...S.rounds[0]!, partitions: [['a', 'b', 'c', 'd'], ["a'"]] }] };
    const ids = new Set([S, otherLeader, otherGroups, { ...S, gst: { rounds: 8 } }].map(scenarioId));
    expect(ids.size).to.equal(4);
  });

  it('withId sets the content id and replaces a stale one', () => {
    expect(withId({ ...S, id: '0000000000000000' }).id).to.equal(scenarioId(S));
    expect(withId(S)).to.deep.equal({ ...S, id: scenarioId(S) });
  });
});
