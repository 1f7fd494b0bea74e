// The certificate forgeries a Byzantine sender can make with its own key (src/protocols/diembft/
// forgeries.ts): each one is refused by a correct replica's §13.1 checks and by the harness's
// independent re-verification (oracle O3), while the certificate it starts from passes both.
import { expect } from 'chai';
import { CORRECT_RULES } from '../../../src/protocols/diembft/bugs.js';
import { validatorFor } from '../../../src/protocols/diembft/certificate-rules.js';
import { FORGERIES, forgeQc, forgeTc, TC_ONLY } from '../../../src/protocols/diembft/forgeries.js';
import { diemMutations } from '../../../src/protocols/diembft/mutations.js';
import { checkCert } from '../../../src/protocols/diembft/offline-cert-check.js';
import type { DiemMessage, TimeoutMsg } from '../../../src/protocols/diembft/types.js';
import { block, genesis, mock, qcFor, SEED, tcFor } from './fixtures.js';

const BYZANTINE = 3;
const ctx = { crypto: mock, sender: BYZANTINE, earlier: [] as DiemMessage[] };
const b1 = block(0, 1, genesis.qc);
const qc = qcFor(b1, 's1', [0, 1, 2], null);
const tc = tcFor(2, [0, 1, 2], [1, 1, 0]);
const validator = validatorFor(4, mock, genesis, CORRECT_RULES);

describe('DiemBFT certificate forgeries (Byzantine mutations)', () => {
  it('start from certificates both checks accept', () => {
    expect(validator.validQc(qc)).to.equal(null);
    expect(validator.validTc(tc)).to.equal(null);
    expect(checkCert(qc, 'qc', 4, 'mock', SEED).ok).to.equal(true);
    expect(checkCert(tc, 'tc', 4, 'mock', SEED).ok).to.equal(true);
  });

  for (const name of FORGERIES.filter((f) => !TC_ONLY.has(f))) {
    it(`${name}: the forged QC, re-authored by the sender, fails validQc and the offline check`, () => {
      const forged = forgeQc(name, qc, ctx)!;
      expect(forged.author).to.equal(BYZANTINE);
      expect(validator.validQc(forged)).to.be.a('string');
      expect(checkCert(forged, 'qc', 4, 'mock', SEED).ok).to.equal(false);
    });
  }

  it('cert-repeat-signer and tc-repeat-signer on a TC: every entry verifies, two distinct signers fail validTc and the offline check', () => {
    for (const name of ['cert-repeat-signer', 'tc-repeat-signer'] as const) {
      const forged = forgeTc(name, tc, ctx)!;
      expect(forged.tmoSignatures.map((s) => s.signer)).to.deep.equal([0, 1, 0]);
      expect(validator.validTc(forged)).to.match(/distinct signers 2 < TC quorum 3/);
      expect(checkCert(forged, 'tc', 4, 'mock', SEED).ok).to.equal(false);
    }
    expect(forgeTc('qc-vote-info', tc, ctx)).to.equal(null);
    expect(forgeQc('tc-repeat-signer', qc, ctx)).to.equal(null);
  });

  it('tc-bad-signature: one honest entry no longer verifies, so validTc and the offline check refuse the TC', () => {
    const forged = forgeTc('tc-bad-signature', tc, ctx)!;
    expect(forged.tmoSignatures.map((s) => s.signer)).to.deep.equal([0, 1, 2]);
    expect(validator.validTc(forged)).to.match(/signature of 0 does not verify/);
    expect(checkCert(forged, 'tc', 4, 'mock', SEED).ok).to.equal(false);
  });

  it('leaves the genesis QC alone, and reaches the QC a timeout carries through the module\'s mutations', () => {
    expect(forgeQc('qc-bad-signature', genesis.qc, ctx)).to.equal(null);
    const tmo: TimeoutMsg = { kind: 'timeout', lastRoundTc: null, highCommitQc: null,
      tmoInfo: { round: 2, highQc: qc, sender: BYZANTINE, signature: mock.sign(BYZANTINE, 'x') } };
    const out = diemMutations.mutate('qc-vote-info', tmo, ctx) as TimeoutMsg;
    expect(out.tmoInfo.highQc.voteInfo.execStateId).to.equal(qc.voteInfo.parentId);
    expect(validator.validQc(out.tmoInfo.highQc)).to.match(/H\(voteInfo\)/);
    expect(diemMutations.names).to.include.members([...FORGERIES]);
  });
});
