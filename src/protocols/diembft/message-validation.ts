// Per-message validation, diembft-v4 §13.2-13.4, run before sync and before the handler. A failure
// drops the message; the caller emits the returned rejection as a `reject` observation.
import type { CertValidator } from './certificate-rules.js';
import { blockIdSignable, lciSignable, recomputedBlockId, tmoSignable, voteInfoHash } from './hash.js';
import { short } from './outbox.js';
import type { NodeId } from './protocol.js';
import { isCommitQc, rnd, type ConsensusMessage, type ProposalMsg, type QC, type TC, type Txn,
  type TimeoutMsg, type VoteMsg } from './types.js';
import { unreachable } from '../../kernel/unreachable.js';

export interface Rejection {
  readonly what: string;
  readonly detail: string;
}

const reject = (what: string, detail: string): Rejection => ({ what, detail });

export function validateMessage(msg: ConsensusMessage, from: NodeId, v: CertValidator, currentRound: number):
    Rejection | null {
  if (!Number.isInteger(from) || from < 0 || from >= v.n) {
    return reject(`${msg.kind}.sender`, `sender ${from} is not a validator of ${v.n}`);
  }
  switch (msg.kind) {
    case 'proposal': return validateProposal(msg, from, v);
    case 'vote': return validateVote(msg, from, v, currentRound);
    case 'timeout': return validateTimeout(msg, from, v);
    default: return unreachable(msg);
  }
}

/** §13.2 checks 1-8 (the leader and round checks run in the handler, after the QCs are ingested). */
export function validateProposal(p: ProposalMsg, from: NodeId, v: CertValidator): Rejection | null {
  const b = p.block;
  if (p.signature.signer !== from) {                                                     // #1
    return reject('proposal.signature', `signer ${p.signature.signer} != sender ${from}`);
  }
  if (!v.crypto.verifyOver(p.signature, blockIdSignable(b))) {
    return reject('proposal.signature', `signature of ${from} over block ${short(b.id)} does not verify`);
  }
  const id = recomputedBlockId(b);                                                       // #2
  if (id !== b.id) return reject('proposal.block-id', `recomputed id ${id === null ? 'none' : short(id)} != ${short(b.id)}`);
  if (b.author !== from) return reject('proposal.author', `author ${b.author} != sender ${from}`);   // #3
  const qc = b.qc!;
  const qcBad = v.validQc(qc);                                                           // #4
  if (qcBad !== null) return reject('proposal.qc', qcBad);
  if (rnd(qc) >= b.round) return reject('proposal.qc', `QC round ${rnd(qc)} >= block round ${b.round}`);
  if (rnd(qc) + 1 !== b.round && v.rules.blockRoundJustified) {                          // #5
    const tc = p.lastRoundTc;
    if (tc === null) return reject('proposal.well-formed', `QC round ${rnd(qc)} + 1 != round ${b.round} and no TC`);
    if (tc.round !== b.round - 1) {
      return reject('proposal.well-formed', `TC round ${tc.round} != block round ${b.round} - 1`);
    }
  }
  return checkTc('proposal.tc', p.lastRoundTc, v)                                       // #6
    ?? checkHighCommitQc('proposal.high-commit-qc', p.highCommitQc, v)                   // #7
    ?? checkPayload(b.payload);                                                          // #8
}

/** §13.3 checks 1-5. The receiver need not be getLeader(round + 1) (§13.3, §18 A21). */
export function validateVote(m: VoteMsg, from: NodeId, v: CertValidator, currentRound: number): Rejection | null {
  const vi = m.voteInfo;
  if (m.sender !== from || m.signature.signer !== from) {                                // #1
    return reject('vote.sender', `sender ${m.sender} / signer ${m.signature.signer} != ${from}`);
  }
  if (vi.round < currentRound - 1) {                                                     // #5, cheap: first
    return reject('vote.round-window', `vote round ${vi.round} < current round ${currentRound} - 1`);
  }
  const viHash = voteInfoHash(vi);                                                       // #2
  if (viHash !== m.ledgerCommitInfo.voteInfoHash) {
    return reject('vote.vote-info-hash', `H(voteInfo) ${short(viHash)} != ${short(m.ledgerCommitInfo.voteInfoHash)}`);
  }
  if (vi.parentRound >= vi.round) {                                                      // #3
    return reject('vote.rounds', `parent round ${vi.parentRound} >= round ${vi.round}`);
  }
  if (m.ledgerCommitInfo.commitStateId !== null && v.rules.commitNeedsConsecutiveRounds
    && vi.round - vi.parentRound > v.rules.commitRoundGap) {
    return reject('vote.rounds', `commit vote with parent round ${vi.parentRound} + 1 != round ${vi.round}`);
  }
  if (!v.crypto.verifyOver(m.signature, lciSignable(m.ledgerCommitInfo))) {
    return reject('vote.signature', `signature of ${from} does not verify`);
  }
  return checkHighCommitQc('vote.high-commit-qc', m.highCommitQc, v);                     // #4
}

/** §13.4 checks 1-4. */
export function validateTimeout(m: TimeoutMsg, from: NodeId, v: CertValidator): Rejection | null {
  const t = m.tmoInfo;
  const hq = t.highQc;
  if (t.sender !== from || t.signature.signer !== from) {                                // #1
    return reject('timeout.sender', `sender ${t.sender} / signer ${t.signature.signer} != ${from}`);
  }
  if (!v.crypto.verifyOver(t.signature, tmoSignable(t.round, rnd(hq)))) {
    return reject('timeout.signature', `signature of ${from} over round ${t.round} does not verify`);
  }
  const qcBad = v.validQc(hq);                                                           // #2
  if (qcBad !== null) return reject('timeout.high-qc', qcBad);
  if (rnd(hq) >= t.round) return reject('timeout.high-qc', `high QC round ${rnd(hq)} >= timeout round ${t.round}`);
  if (rnd(hq) + 1 !== t.round) {                                                        // #3
    const tc = m.lastRoundTc;
    if (tc === null) return reject('timeout.well-formed', `high QC round ${rnd(hq)} + 1 != round ${t.round} and no TC`);
    if (tc.round !== t.round - 1) return reject('timeout.well-formed', `TC round ${tc.round} != ${t.round} - 1`);
  }
  // onTimeout advances on a present lastRoundTc, so it must be valid even when not required.
  return checkTc('timeout.tc', m.lastRoundTc, v)
    ?? checkHighCommitQc('timeout.high-commit-qc', m.highCommitQc, v);                   // #4
}

function checkTc(what: string, tc: TC | null, v: CertValidator): Rejection | null {
  if (tc === null) return null;
  const bad = v.validTc(tc);
  return bad === null ? null : reject(what, bad);
}

function checkHighCommitQc(what: string, qc: QC | null, v: CertValidator): Rejection | null {
  if (qc === null) return null;
  const bad = v.validQc(qc);
  if (bad !== null) return reject(what, bad);
  return isCommitQc(qc) ? null : reject(what, `high commit QC of round ${rnd(qc)} has no commitStateId`);
}

/** §13.2 #8: payload is syntactically valid. */
function checkPayload(payload: readonly Txn[]): Rejection | null {
  if (!Array.isArray(payload)) return reject('proposal.payload', 'payload is not a list');
  for (let i = 0; i < payload.length; i++) {                      // indexed: see Ledger.commit
    const t = payload[i];
    if (typeof t !== 'object' || t === null || typeof t.client !== 'string' || !Number.isInteger(t.seq)
      || typeof t.op !== 'string') {
      return reject('proposal.payload', `malformed transaction ${JSON.stringify(t)}`);
    }
  }
  return null;
}
