// Validation (diembft-v4 §13): each failure drops the message and is reported as a rejection that
// carries the compared values.
//
//   genesis <- B1 (r1, by 0) <- B2 (r2, by 1)      n = 4, Q = 3; leader of round 2 is 1
import { expect } from 'chai';
import { rulesFor } from '../../../src/protocols/diembft/bugs.js';
import { validatorFor } from '../../../src/protocols/diembft/certificate-rules.js';
import { lciHash, qcSigsHash, tmoDigest } from '../../../src/protocols/diembft/hash.js';
import { validateProposal, validateTimeout, validateVote } from '../../../src/protocols/diembft/message-validation.js';
import type { Block, ProposalMsg, QC, TC, TimeoutMsg, VoteMsg } from '../../../src/protocols/diembft/types.js';
import { block, deliverWithSync, genesis, messages, mock, qcFor, rejections, replica, tcFor } from './fixtures.js';

const certs = validatorFor(4, mock, genesis, rulesFor([]));
const b1 = block(0, 1, genesis.qc);
const qc1 = qcFor(b1, 'state-b1', [0, 1, 2], genesis.state);

function proposal(b: Block, tc: TC | null = null, signer = b.author!): ProposalMsg {
  return { kind: 'proposal', block: b, lastRoundTc: tc, highCommitQc: null, signature: mock.sign(signer, b.id) };
}

describe('validation: proposals (§13.2)', () => {
  it('accepts a well-formed proposal', () => {
    expect(validateProposal(proposal(block(1, 2, qc1)), 1, certs)).to.equal(null);
  });

  it('rejects a block whose id is not the hash of its fields', () => {
    const b2 = block(1, 2, qc1);
    const forged = { ...b2, id: 'f'.repeat(64) };
    expect(validateProposal(proposal(forged, null, 1), 1, certs)?.what).to.equal('proposal.block-id');
  });

  it('rejects a block whose author is not the sender', () => {
    const r = validateProposal(proposal(block(2, 2, qc1), null, 1), 1, certs);
    expect(r).to.deep.equal({ what: 'proposal.author', detail: 'author 2 != sender 1' });
  });

  it('rejects a non-consecutive QC without a TC', () => {
    const r = validateProposal(proposal(block(1, 3, qc1)), 1, certs);
    expect(r).to.deep.equal({ what: 'proposal.well-formed', detail: 'QC round 1 + 1 != round 3 and no TC' });
  });

  it('accepts a non-consecutive QC with a valid TC of the previous round', () => {
    expect(validateProposal(proposal(block(1, 3, qc1), tcFor(2, [0, 2, 3], [1, 0, 1])), 1, certs)).to.equal(null);
  });

  it('rejects a TC with too few signers', () => {
    const r = validateProposal(proposal(block(1, 3, qc1), tcFor(2, [0, 2], [1, 1])), 1, certs);
    expect(r).to.deep.equal({ what: 'proposal.tc', detail: 'distinct signers 2 < TC quorum 3' });
  });

  it('accepts that TC under tc_small_quorum, so the weakened rule is not masked', () => {
    const weak = validatorFor(4, mock, genesis, rulesFor(['tc_small_quorum']));
    expect(validateProposal(proposal(block(1, 3, qc1), tcFor(2, [0, 2], [1, 1])), 1, weak)).to.equal(null);
  });

  it('rejects a forged proposal signature', () => {
    const b2 = block(1, 2, qc1);
    const forged = { ...proposal(b2), signature: { signer: 1, value: mock.sign(2, b2.id).value } };
    expect(validateProposal(forged, 1, certs)?.what).to.equal('proposal.signature');
  });

  it('rejects a QC carrying a forged signature', () => {
    const bad: QC = { ...qc1, signatures: [qc1.signatures[0]!, qc1.signatures[1]!, { signer: 2, value: 'ab'.repeat(32) }] };
    const r = validateProposal(proposal(block(1, 2, bad)), 1, certs);
    expect(r).to.deep.equal({ what: 'proposal.qc', detail: 'signature of 2 does not verify' });
  });

  it('rejects a QC with one signer repeated Q times, and accepts it when counting entries (B06)', () => {
    const s0 = qc1.signatures[0]!;
    const signatures = [s0, s0, s0];
    const repeated: QC = { ...qc1, signatures, authorSignature: mock.sign(0, qcSigsHash(signatures)) };
    expect(certs.validQc(repeated)).to.equal('distinct signers 1 < quorum 3');
    const counting = validatorFor(4, mock, genesis, rulesFor(['count_messages_not_signers']));
    expect(counting.validQc(repeated)).to.equal(null);
  });

  it('through the replica: drops a proposal from a non-leader after ingesting its QC', () => {
    const r = replica(3, 4);
    r.step({ kind: 'start' });
    const { out } = deliverWithSync(r, 2, proposal(block(2, 2, qc1)), (id) => (id === b1.id ? b1 : null));
    expect(rejections(out)).to.deep.equal(['proposal.leader: sender 2 != leader 1 of round 2']);
    expect(r.currentRound).to.equal(2);
  });

  it('through the replica: a message whose referenced block the sender does not send waits, unhandled', () => {
    const r = replica(3, 4);
    r.step({ kind: 'start' });
    const { out, asked } = deliverWithSync(r, 1, proposal(block(1, 2, qc1)), () => null);
    expect(asked).to.deep.equal([b1.id]);
    expect(rejections(out)).to.deep.equal([]);
    expect(r.currentRound).to.equal(1);
  });

  it('through the replica: drops a message when the sender\'s answer lacks an ancestor of the block', () => {
    const r = replica(3, 4);
    r.step({ kind: 'start' });
    const b2 = block(1, 2, qc1);
    const b3 = block(2, 3, qcFor(b2, 'state-2', [0, 1, 2], null));
    const qc3 = qcFor(b3, 'state-3', [0, 1, 2], null);
    const out = r.step({ kind: 'message', from: 3, msg: proposal(block(3, 4, qc3)) });
    const [request] = messages(out);
    expect(request?.kind === 'sync-request' && request.ids).to.deep.equal([b3.id, b2.id]);
    const answer = r.step({ kind: 'message', from: 3,
      msg: { kind: 'sync-response', round: 4, ids: [b3.id, b2.id], blocks: [b3, b2] } });
    expect(rejections(answer)).to.deep.equal([`sync.unavailable: block ${b1.id.slice(0, 8)} unavailable from sender`]);
    expect(r.currentRound).to.equal(1);
  });
});

describe('validation: votes (§13.3) and timeouts (§13.4)', () => {
  const vi = qc1.voteInfo;
  const vote = (sender: number, over = qc1.ledgerCommitInfo): VoteMsg => ({ kind: 'vote', voteInfo: vi,
    ledgerCommitInfo: over, highCommitQc: null, sender, signature: mock.sign(sender, lciHash(over)) });

  it('accepts a vote signed by its sender', () => {
    expect(validateVote(vote(2), 2, certs, 1)).to.equal(null);
  });

  it('rejects a vote whose sender is not the transport identity', () => {
    expect(validateVote(vote(2), 3, certs, 1)?.what).to.equal('vote.sender');
  });

  it('rejects a vote whose voteInfoHash does not match its VoteInfo', () => {
    const r = validateVote(vote(2, { commitStateId: genesis.state, voteInfoHash: 'e'.repeat(64) }), 2, certs, 1);
    expect(r?.what).to.equal('vote.vote-info-hash');
  });

  it('rejects a vote two rounds behind', () => {
    expect(validateVote(vote(2), 2, certs, 3)).to.deep.equal(
      { what: 'vote.round-window', detail: 'vote round 1 < current round 3 - 1' });
  });

  const tmo = (round: number, highQc: QC, tc: TC | null): TimeoutMsg => ({ kind: 'timeout', lastRoundTc: tc,
    highCommitQc: null, tmoInfo: { round, highQc, sender: 2, signature: mock.sign(2, tmoDigest(round, highQc.voteInfo.round)) } });

  it('accepts a timeout for the round after its high QC', () => {
    expect(validateTimeout(tmo(2, qc1, null), 2, certs)).to.equal(null);
  });

  it('rejects a timeout whose high QC is not from the previous round and carries no TC', () => {
    expect(validateTimeout(tmo(3, qc1, null), 2, certs)?.what).to.equal('timeout.well-formed');
  });

  it('rejects a timeout whose high QC is not below its round', () => {
    expect(validateTimeout(tmo(1, qc1, null), 2, certs)).to.deep.equal(
      { what: 'timeout.high-qc', detail: 'high QC round 1 >= timeout round 1' });
  });
});
