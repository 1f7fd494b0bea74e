// Hash-consing of protocol objects (src/core/intern.ts): equal content gives the same frozen object,
// different content never does, and a full table forgets rather than grows.
import { expect } from 'chai';
import { cryptoFor } from '../../../src/kernel/crypto.js';
import { H, makeBlock } from '../../../src/protocols/diembft/hash.js';
import { InternTable, internPayload, internQc, internSigs, internTc } from '../../../src/protocols/diembft/intern.js';
import { genesis, SEED } from './fixtures.js';

describe('intern: InternTable', () => {
  it('returns the object interned under an equal key, and builds once', () => {
    const table = new InternTable<{ n: number }>(10);
    let built = 0;
    const make = (): { n: number } => ({ n: ++built });
    const part = {};
    const a = table.intern([1, 'x', part, null], make);
    expect(table.intern([1, 'x', part, null], make)).to.equal(a);
    expect(built).to.equal(1);
  });

  it('tells keys apart by every part, by object identity and by type', () => {
    const table = new InternTable<object>(10);
    const make = (): object => ({});
    const a = table.intern([1, {}], make);
    expect(table.intern([1, {}], make)).to.not.equal(a);
    expect(table.intern(['1'], make)).to.not.equal(table.intern([1], make));
    expect(table.intern([1, 2], make)).to.not.equal(table.intern([1], make));
  });

  it('keeps a full generation as the previous one, and forgets it one generation later', () => {
    const table = new InternTable<object>(2);
    const first = table.intern([1], () => ({}));
    table.intern([2], () => ({}));
    table.intern([3], () => ({}));                           // [1], [2] become the previous generation
    expect(table.intern([1], () => ({}))).to.equal(first);    // found there, and copied into the current
    table.intern([4], () => ({}));                           // [3], [1] become the previous generation
    table.intern([5], () => ({}));
    table.intern([6], () => ({}));                           // [4], [5] do; [3], [1] are dropped
    expect(table.intern([1], () => ({}))).to.not.equal(first);
  });
});

describe('intern: protocol objects', () => {
  const crypto = cryptoFor('mock', SEED);
  const digest = H(['intern-test']);

  it('gives equal payloads, signature lists, QCs and TCs one frozen object', () => {
    const p = internPayload([{ client: 'c', seq: 1, op: 'x' }]);
    expect(internPayload([{ client: 'c', seq: 1, op: 'x' }])).to.equal(p);
    expect(internPayload([{ client: 'c', seq: 2, op: 'x' }])).to.not.equal(p);
    expect(Object.isFrozen(p) && Object.isFrozen(p[0])).to.equal(true);
    const sigs = internSigs([crypto.sign(0, digest), crypto.sign(1, digest)]);
    expect(internSigs([crypto.sign(0, digest), crypto.sign(1, digest)])).to.equal(sigs);
    const qc = genesis.qc;
    const a = internQc(qc.voteInfo, qc.ledgerCommitInfo, sigs, 2, crypto.sign(2, digest));
    expect(internQc(qc.voteInfo, qc.ledgerCommitInfo, sigs, 2, crypto.sign(2, digest))).to.equal(a);
    expect(internQc(qc.voteInfo, qc.ledgerCommitInfo, sigs, 3, crypto.sign(3, digest))).to.not.equal(a);
    const tc = internTc(4, [1, 2], sigs);
    expect(internTc(4, [1, 2], sigs)).to.equal(tc);
    expect(internTc(4, [1, 3], sigs)).to.not.equal(tc);
    expect(tc).to.deep.equal({ round: 4, tmoHighQcRounds: [1, 2], tmoSignatures: sigs });
  });

  it('builds one block per content, with the id computed from its fields', () => {
    const payload = internPayload([{ client: 'marker:a', seq: 1, op: 'noop' }]);
    const b = makeBlock(0, 1, payload, genesis.qc);
    expect(makeBlock(0, 1, payload, genesis.qc)).to.equal(b);
    expect(makeBlock(1, 1, payload, genesis.qc).id).to.not.equal(b.id);
  });
});
