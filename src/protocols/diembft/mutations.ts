// DiemBFT's Byzantine mutations (src/kernel/mutation.ts), in the small scope: a round moved by one
// (`round-up`, `round-down`: a proposal's block round, a vote's voteInfo round, a timeout's round), a
// proposal carrying the payload of an earlier proposal of the same sender (`earlier-payload`), a
// proposal or timeout carrying an older valid QC the sender sent before (`older-qc`), and a vote for
// another block the sender voted for before, at the current round (`other-block`); and the
// certificate forgeries of ./forgeries.ts (a QC or TC the message carries, changed as far as the
// sender's own key allows), and two answers to a sync request: one that withholds the blocks
// (`sync-withhold`) and one whose first block has its round moved up, its id kept (`sync-block-round`).
// The sender's key re-signs every changed message, so only the protocol's
// own rules can refuse it.
import type { MutationContext, MutationSpec } from '../../kernel/mutation.js';
import { FORGERIES, forgeQc, forgeTc, type Forgery } from './forgeries.js';
import { blockIdSignable, lciSignable, makeBlock, tmoSignable, voteInfoHash } from './hash.js';
import { rnd, type DiemMessage, type ProposalMsg, type QC, type SyncResponseMsg, type TimeoutMsg, type VoteInfo, type VoteMsg } from './types.js';

export const DIEM_MUTATIONS = ['round-up', 'round-down', 'earlier-payload', 'older-qc', 'other-block', ...FORGERIES,
  'sync-withhold', 'sync-block-round'] as const;

type Ctx = MutationContext<DiemMessage>;

function mutate(name: string, msg: DiemMessage, ctx: Ctx): DiemMessage | null {
  switch (name) {
    case 'round-up': return shiftRound(msg, 1, ctx);
    case 'round-down': return shiftRound(msg, -1, ctx);
    case 'earlier-payload': return msg.kind === 'proposal' ? earlierPayload(msg, ctx) : null;
    case 'older-qc': return olderQc(msg, ctx);
    case 'other-block': return msg.kind === 'vote' ? otherBlock(msg, ctx) : null;
    case 'qc-vote-info': case 'qc-bad-signature': case 'cert-repeat-signer': case 'tc-repeat-signer': case 'tc-bad-signature':
      return forged(name, msg, ctx);
    case 'sync-withhold': return msg.kind === 'sync-response' && msg.blocks.length > 0 ? Object.freeze({ ...msg, blocks: [] }) : null;
    case 'sync-block-round': return msg.kind === 'sync-response' ? movedBlockRound(msg) : null;
    default: return null;
  }
}

export const diemMutations: MutationSpec<DiemMessage> = Object.freeze({ names: DIEM_MUTATIONS, mutate });

function shiftRound(msg: DiemMessage, by: number, ctx: Ctx): DiemMessage | null {
  switch (msg.kind) {
    case 'proposal': {
      const b = msg.block;
      if (b.qc === null || b.author === null || b.round + by < 1) return null;
      return proposalWith(msg, b.round + by, b.payload, b.qc, ctx);
    }
    case 'vote':
      if (msg.voteInfo.round + by < 1) return null;
      return voteWith(msg, Object.freeze({ ...msg.voteInfo, round: msg.voteInfo.round + by }), ctx);
    case 'timeout':
      if (msg.tmoInfo.round + by < 1) return null;
      return timeoutWith(msg, msg.tmoInfo.round + by, msg.tmoInfo.highQc, ctx);
    default:
      return null;
  }
}

function earlierPayload(msg: ProposalMsg, ctx: Ctx): DiemMessage | null {
  const b = msg.block;
  if (b.qc === null) return null;
  for (let k = ctx.earlier.length - 1; k >= 0; k--) {
    const e = ctx.earlier[k]!;
    if (e.kind === 'proposal' && e.block.payload !== b.payload && payloadKey(e) !== payloadKey(msg)) {
      return proposalWith(msg, b.round, e.block.payload, b.qc, ctx);
    }
  }
  return null;
}

function payloadKey(p: ProposalMsg): string {
  return p.block.payload.map((t) => `${t.client}/${t.seq}/${t.op}`).join(',');
}

/** The newest QC the sender sent before whose round is below `round`. */
function olderQcThan(round: number, ctx: Ctx): QC | null {
  let best: QC | null = null;
  for (const e of ctx.earlier) {
    const qc = e.kind === 'proposal' ? e.block.qc : e.kind === 'timeout' ? e.tmoInfo.highQc : null;
    if (qc !== null && rnd(qc) < round && (best === null || rnd(qc) > rnd(best))) best = qc;
  }
  return best;
}

function olderQc(msg: DiemMessage, ctx: Ctx): DiemMessage | null {
  if (msg.kind === 'proposal' && msg.block.qc !== null) {
    const qc = olderQcThan(rnd(msg.block.qc), ctx);
    return qc === null ? null : proposalWith(msg, msg.block.round, msg.block.payload, qc, ctx);
  }
  if (msg.kind === 'timeout') {
    const qc = olderQcThan(rnd(msg.tmoInfo.highQc), ctx);
    return qc === null ? null : timeoutWith(msg, msg.tmoInfo.round, qc, ctx);
  }
  return null;
}

function otherBlock(msg: VoteMsg, ctx: Ctx): DiemMessage | null {
  for (let k = ctx.earlier.length - 1; k >= 0; k--) {
    const e = ctx.earlier[k]!;
    if (e.kind === 'vote' && e.voteInfo.id !== msg.voteInfo.id) {
      return voteWith(msg, Object.freeze({ ...e.voteInfo, round: msg.voteInfo.round }), ctx);
    }
  }
  return null;
}

function proposalWith(msg: ProposalMsg, round: number, payload: ProposalMsg['block']['payload'], qc: QC, ctx: Ctx): ProposalMsg {
  const block = makeBlock(msg.block.author ?? ctx.sender, round, payload, qc);
  return Object.freeze({ ...msg, block, signature: ctx.crypto.signOver(ctx.sender, blockIdSignable(block)) });
}

function voteWith(msg: VoteMsg, voteInfo: VoteInfo, ctx: Ctx): VoteMsg {
  const ledgerCommitInfo = Object.freeze({ commitStateId: msg.ledgerCommitInfo.commitStateId, voteInfoHash: voteInfoHash(voteInfo) });
  return Object.freeze({ ...msg, voteInfo, ledgerCommitInfo, signature: ctx.crypto.signOver(ctx.sender, lciSignable(ledgerCommitInfo)) });
}

function timeoutWith(msg: TimeoutMsg, round: number, highQc: QC, ctx: Ctx): TimeoutMsg {
  const signature = ctx.crypto.signOver(ctx.sender, tmoSignable(round, rnd(highQc)));
  return Object.freeze({ ...msg, tmoInfo: Object.freeze({ round, highQc, sender: ctx.sender, signature }) });
}

/** The message with the certificate it carries forged (its QC first, else its TC); null when none applies. */
function forged(name: Forgery, msg: DiemMessage, ctx: Ctx): DiemMessage | null {
  switch (msg.kind) {
    case 'proposal': {
      const qc = msg.block.qc === null ? null : forgeQc(name, msg.block.qc, ctx);
      if (qc !== null) return proposalWith(msg, msg.block.round, msg.block.payload, qc, ctx);
      const tc = msg.lastRoundTc === null ? null : forgeTc(name, msg.lastRoundTc, ctx);
      return tc === null ? null : Object.freeze({ ...msg, lastRoundTc: tc });
    }
    case 'timeout': {
      const qc = forgeQc(name, msg.tmoInfo.highQc, ctx);
      if (qc !== null) return timeoutWith(msg, msg.tmoInfo.round, qc, ctx);
      const tc = msg.lastRoundTc === null ? null : forgeTc(name, msg.lastRoundTc, ctx);
      return tc === null ? null : Object.freeze({ ...msg, lastRoundTc: tc });
    }
    case 'vote': {
      const qc = msg.highCommitQc === null ? null : forgeQc(name, msg.highCommitQc, ctx);
      return qc === null ? null : Object.freeze({ ...msg, highCommitQc: qc });
    }
    default:
      return null;
  }
}

/** The answer with its first block's round moved up by one and its id kept (so it no longer matches). */
function movedBlockRound(msg: SyncResponseMsg): DiemMessage | null {
  const [first, ...rest] = msg.blocks;
  if (first === undefined) return null;
  return Object.freeze({ ...msg, blocks: Object.freeze([Object.freeze({ ...first, round: first.round + 1 }), ...rest]) });
}
