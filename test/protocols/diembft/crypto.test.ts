// Both signature implementations (diembft-v4 §2, DESIGN §4) and the independent certificate check
// used by oracle O3.
import { expect } from 'chai';
import { checkCert } from '../../../src/protocols/diembft/offline-cert-check.js';
import { cryptoFor, Ed25519Crypto, MockCrypto, type Crypto } from '../../../src/kernel/crypto.js';
import { H, qcSigsHash, Signable } from '../../../src/protocols/diembft/hash.js';
import type { QC } from '../../../src/protocols/diembft/types.js';
import { block, genesis, qcFor, SEED, tcFor } from './fixtures.js';

const digest = H(['test', 1]);

for (const [name, make] of [['mock', (seed: string) => new MockCrypto(seed)],
  ['ed25519', (seed: string) => new Ed25519Crypto(seed)]] as const) {
  describe(`crypto: ${name}`, () => {
    const c: Crypto = make('seed-a');

    it('verifies its own signature', () => {
      expect(c.verify(c.sign(2, digest), digest)).to.equal(true);
    });

    it('gives twins (one identity) byte-identical signatures, also from a fresh instance', () => {
      expect(c.sign(2, digest).value).to.equal(make('seed-a').sign(2, digest).value);
    });

    it('verifies a signature it did not make itself (a copy of the value)', () => {
      const fresh = make('seed-a');
      expect(fresh.verify({ signer: 2, value: c.sign(2, digest).value }, digest)).to.equal(true);
    });

    it('rejects a signature claimed for another signer', () => {
      expect(c.verify({ signer: 3, value: c.sign(2, digest).value }, digest)).to.equal(false);
    });

    it('rejects a signature over another digest', () => {
      expect(c.verify(c.sign(2, digest), H(['test', 2]))).to.equal(false);
    });

    it('rejects a signature made with another chain seed\'s keys', () => {
      expect(c.verify({ signer: 2, value: make('seed-b').sign(2, digest).value }, digest)).to.equal(false);
    });

    it('rejects a forged value', () => {
      const value = c.sign(2, digest).value;
      const flipped = (value[0] === '0' ? '1' : '0') + value.slice(1);
      expect(c.verify({ signer: 2, value: flipped }, digest)).to.equal(false);
    });

    it('signs through a Signable with the value of sign, and hands out the same Sig again', () => {
      const s = new Signable(digest);
      const sig = c.signOver(2, s);
      expect(sig.value).to.equal(c.sign(2, digest).value);
      expect(c.signOver(2, s)).to.equal(sig);
      expect(c.verifyOver(sig, s)).to.equal(true);
      expect(c.verify(sig, digest)).to.equal(true);
    });

    it('verifies through a Signable what it did not sign there, and rejects forgeries', () => {
      const s = new Signable(digest);
      const value = c.sign(1, digest).value;
      expect(c.verifyOver({ signer: 1, value }, s)).to.equal(true);
      expect(c.verifyOver({ signer: 3, value }, s)).to.equal(false);
      expect(c.verifyOver(c.signOver(1, new Signable(H(['test', 2]))), s)).to.equal(false);
    });

    it('gives a Signable taken over by another key set that key set\'s signatures', () => {
      const s = new Signable(digest);
      const other = make('seed-b');
      const mine = c.signOver(2, s);
      const theirs = other.signOver(2, s);
      expect(theirs.value).to.equal(other.sign(2, digest).value).and.not.equal(mine.value);
      expect(c.verifyOver(theirs, s)).to.equal(false);
      expect(c.signOver(2, s).value).to.equal(mine.value);
      expect(c.verifyOver(mine, s)).to.equal(true);
    });
  });
}

describe('crypto: checkCert (oracle O3)', () => {
  const mock = cryptoFor('mock', SEED);
  const b1 = block(0, 1, genesis.qc);
  const qc = qcFor(b1, 'state', [0, 1, 2], genesis.state);

  it('accepts a QC with a quorum of distinct valid signers and returns them', () => {
    expect(checkCert(qc, 'qc', 4, 'mock', SEED)).to.deep.equal({ ok: true, signers: [0, 1, 2] });
  });

  it('gives the same verdict whatever key sets other checks in the process used before', () => {
    const before = checkCert(qc, 'qc', 4, 'mock', SEED);
    for (const seed of ['other-1', 'other-2', SEED, 'other-3']) checkCert(qc, 'qc', 4, 'mock', seed);
    expect(checkCert(qc, 'qc', 4, 'mock', SEED)).to.deep.equal(before);
    expect(checkCert(qc, 'qc', 4, 'mock', 'other-3').ok).to.equal(false);
  });

  it('rejects a QC whose signatures are forged, naming the first bad signer', () => {
    const forged: QC = { ...qc, signatures: qc.signatures.map((s) => ({ signer: s.signer, value: 'ab'.repeat(32) })) };
    expect(checkCert(forged, 'qc', 4, 'mock', SEED)).to.deep.equal({ ok: false,
      reason: 'signature of 0 does not verify over the certificate' });
  });

  it('rejects a QC whose signer repeats, whatever the replica\'s rules', () => {
    const s0 = qc.signatures[0]!;
    const repeated: QC = { ...qc, signatures: [s0, s0, s0], authorSignature: mock.sign(0, qcSigsHash([s0, s0, s0])) };
    const r = checkCert(repeated, 'qc', 4, 'mock', SEED);
    expect(r).to.deep.equal({ ok: false, reason: '1 distinct signers < quorum 3 (3 entries)', signers: [0] });
  });

  it('rejects a QC whose VoteInfo was altered after signing', () => {
    const altered: QC = { ...qc, voteInfo: { ...qc.voteInfo, round: 7 } };
    expect(checkCert(altered, 'qc', 4, 'mock', SEED).ok).to.equal(false);
  });

  it('rejects a QC under the wrong chain seed', () => {
    expect(checkCert(qc, 'qc', 4, 'mock', 'other-seed').ok).to.equal(false);
  });

  it('accepts a TC of 2f+1 and rejects one of f+1', () => {
    expect(checkCert(tcFor(2, [0, 1, 3], [1, 1, 0]), 'tc', 4, 'mock', SEED)).to.deep.equal({ ok: true, signers: [0, 1, 3] });
    expect(checkCert(tcFor(2, [0, 1], [1, 1]), 'tc', 4, 'mock', SEED).ok).to.equal(false);
  });

  it('rejects something that is not a certificate', () => {
    expect(checkCert({ round: 'x' }, 'tc', 4, 'mock', SEED)).to.deep.equal({ ok: false, reason: 'not a TC' });
  });
});
