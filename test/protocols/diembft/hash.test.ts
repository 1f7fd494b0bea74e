// Canonical hashing (diembft-v4 §2): the fast canonical encoding must be byte-identical to
// JSON.stringify, and the mock signature must be the spec's formula.
import { expect } from 'chai';
import fc from 'fast-check';
import { MockCrypto } from '../../../src/kernel/crypto.js';
import { canonicalJson, H, recomputedBlockId, sha256Hex } from '../../../src/protocols/diembft/hash.js';
import { block, genesis } from './fixtures.js';

describe('hash: canonical encoding', () => {
  it('equals JSON.stringify for flat arrays of strings, numbers and null', () => {
    const element = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.constant(null),
      fc.constantFrom('"quoted"', 'back\\slash', 'line\nbreak', '\u0000', '\ud800'));
    fc.assert(fc.property(fc.array(element, { maxLength: 6 }), (parts) => canonicalJson(parts) === JSON.stringify(parts)),
      { seed: 7, numRuns: 2000 });
  });

  it('hashes with SHA-256 over the canonical JSON', () => {
    expect(H(['x', 1, null])).to.equal(sha256Hex('["x",1,null]'));
    expect(sha256Hex('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('recomputes a block id from the block fields, and none for genesis', () => {
    const b = block(2, 1, genesis.qc, [{ client: 'c', seq: 1, op: 'x' }]);
    expect(recomputedBlockId({ ...b })).to.equal(b.id);
    expect(recomputedBlockId({ ...b, round: 2 })).to.not.equal(b.id);
    expect(recomputedBlockId(genesis.block)).to.equal(null);
  });
});

describe('hash: mock signature formula (§2)', () => {
  it('is H(["sig", H(["secret", chainSeed, id]), digest])', () => {
    const digest = H(['d']);
    const secret = H(['secret', 'seed', 3]);
    expect(new MockCrypto('seed').sign(3, digest).value).to.equal(H(['sig', secret, digest]));
    expect(new MockCrypto('seed').sign(3, 'we"ird').value).to.equal(H(['sig', secret, 'we"ird']));
  });
});
