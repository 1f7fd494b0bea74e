// The certificate forgeries a Byzantine sender can make with its own key (src/protocols/diembft/
// forgeries.ts): each one is refused by a correct replica's §13.1 checks and by the harness's
// independent re-verification (oracle O3), while the certificate it starts from passes both.
import { expect } from 'chai';
import { CORRECT_RULES } from '../../../src/protocols/diembft/bugs.js';
import { validatorFor } from '../../../src/protocols/diembft/certificate-rules.js';
import { FORGERIES, forgeQc, forgeTc, TC_ONLY } from '../../../src/protocols/diembft/forgeries.js';
import { diemMutations, SYNC_ANSWERS } from '../../../src/protocols/diembft/mutations.js';
import { checkCert } from '../../../src/protocols/diembft/offline-cert-check.js';
import type { Block, DiemMessage, ProposalMsg, SyncResponseMsg, TimeoutMsg } from '../../../src/protocols/diembft/types.js';
import { block, genesis, messages, mock, qcFor, rejections, replica, SEED, tcFor } from './fixtures.js';

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
      expect(forged.authorSignature?.signer ?? BYZANTINE).to.equal(BYZANTINE);
      expect(validator.validQc(forged)).to.be.a('string');
      expect(checkCert(forged, 'qc', 4, 'mock', SEED).ok).to.equal(false);
    });
  }

  it('qc-no-author-signature and qc-other-author fail only the author check (#6): their signers are a quorum', () => {
    const unsigned = forgeQc('qc-no-author-signature', qc, ctx)!;
    expect(unsigned.authorSignature).to.equal(null);
    expect(validator.validQc(unsigned)).to.equal('QC without author signature');
    const other = forgeQc('qc-other-author', qc, ctx)!;
    expect(other.author).to.equal(0);
    expect(validator.validQc(other)).to.equal('author signature of 0 does not verify');
    for (const forged of [unsigned, other]) {
      const r = checkCert(forged, 'qc', 4, 'mock', SEED);
      expect(r.ok).to.equal(false);
      expect(r.signers).to.deep.equal([0, 1, 2]);
    }
  });

  it('tc-extra-round and tc-high-qc-round: every signature verifies, the reported rounds are malformed', () => {
    const extra = forgeTc('tc-extra-round', tc, ctx)!;
    expect(extra.tmoHighQcRounds).to.deep.equal([1, 1, 0, 1]);
    expect(validator.validTc(extra)).to.match(/3 signatures != 4 high QC rounds/);
    expect(checkCert(extra, 'tc', 4, 'mock', SEED).ok).to.equal(false);
    const high = forgeTc('tc-high-qc-round', tc, ctx)!;
    expect(high.tmoSignatures.map((s) => s.signer)).to.deep.equal([0, 1, BYZANTINE]);
    expect(high.tmoHighQcRounds).to.deep.equal([1, 1, 2]);
    expect(validator.validTc(high)).to.match(/reported high QC round 2 >= TC round 2/);
    expect(checkCert(high, 'tc', 4, 'mock', SEED).ok).to.equal(false);
    // A sender that signed the TC changes its own entry.
    const own = forgeTc('tc-high-qc-round', tc, { ...ctx, sender: 1 })!;
    expect(own.tmoSignatures.map((s) => s.signer)).to.deep.equal([0, 1, 2]);
    expect(own.tmoHighQcRounds).to.deep.equal([1, 2, 0]);
    expect(validator.validTc(own)).to.be.a('string');
  });

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

describe('DiemBFT bad sync answers (Byzantine mutations)', () => {
  //   genesis <- b1 <- b2 <- b3 <- (proposal of round 4): the asker holds only genesis and asks for b3 and b2.
  const b2 = block(1, 2, qc);
  const b3 = block(2, 3, qcFor(b2, 's2', [0, 1, 2], 's1'));
  const qc3 = qcFor(b3, 's3', [0, 1, 2], 's2');
  const b4 = block(BYZANTINE, 4, qc3);
  const propose: ProposalMsg = { kind: 'proposal', block: b4, lastRoundTc: null, highCommitQc: null,
    signature: mock.sign(BYZANTINE, b4.id) };
  const answer: SyncResponseMsg = { kind: 'sync-response', round: 4, ids: [b3.id, b2.id], blocks: [b3, b2, b1] };

  /** The asker's rejections after the proposal and then `response`, which must not throw. */
  function answered(response: DiemMessage): string[] {
    const r = replica(3, 4);
    r.step({ kind: 'start' });
    const [request] = messages(r.step({ kind: 'message', from: BYZANTINE, msg: propose }));
    expect(request?.kind === 'sync-request' && request.ids).to.deep.equal(answer.ids);
    return rejections(r.step({ kind: 'message', from: BYZANTINE, msg: response }));
  }

  it('every one is declared, applies only to sync answers, and the honest answer syncs the asker', () => {
    expect(diemMutations.names).to.include.members([...SYNC_ANSWERS]);
    for (const name of SYNC_ANSWERS) expect(diemMutations.mutate(name, propose, ctx), name).to.equal(null);
    expect(answered(answer).filter((r) => r.startsWith('sync.'))).to.deep.equal([]);
  });

  it('sync-truncate keeps only the blocks asked for, so the asker misses their ancestor and drops the message', () => {
    const cut = diemMutations.mutate('sync-truncate', answer, ctx) as SyncResponseMsg;
    expect(cut.blocks.map((b) => b.id)).to.deep.equal([b3.id, b2.id]);
    expect(answered(cut)).to.deep.equal([`sync.unavailable: block ${b1.id.slice(0, 8)} unavailable from sender`]);
    expect(diemMutations.mutate('sync-truncate', { ...answer, blocks: [b3, b2] }, ctx)).to.equal(null);
  });

  it('sync-junk-entry puts a null entry first, which the asker skips', () => {
    const junk = diemMutations.mutate('sync-junk-entry', answer, ctx) as SyncResponseMsg;
    expect(junk.blocks).to.deep.equal([null, b3, b2, b1]);
    expect(answered(junk).filter((r) => r.startsWith('sync.'))).to.deep.equal([]);
  });

  it('the malformed first blocks keep their id and are refused as unavailable', () => {
    const shapes: Record<string, (b: Block) => boolean> = {
      'sync-block-no-qc': (b) => !('qc' in b),
      'sync-block-null-qc': (b) => b.qc === null,
      'sync-block-no-vote-info': (b) => b.qc !== null && !('voteInfo' in b.qc),
      'sync-block-bad-payload': (b) => !Array.isArray(b.payload),
    };
    for (const [name, malformed] of Object.entries(shapes)) {
      const bad = diemMutations.mutate(name, answer, ctx) as SyncResponseMsg;
      expect(bad.blocks[0]!.id, name).to.equal(b3.id);
      expect(malformed(bad.blocks[0]!), name).to.equal(true);
      expect(bad.blocks.slice(1), name).to.deep.equal([b2, b1]);
      expect(answered(bad), name).to.deep.equal([`sync.unavailable: block ${b3.id.slice(0, 8)} unavailable from sender`]);
    }
  });
});
