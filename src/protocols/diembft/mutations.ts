// DiemBFT's Byzantine mutations (src/kernel/mutation.ts), in the small scope: a round moved by one
// (`round-up`, `round-down`: a proposal's block round, a vote's voteInfo round, a timeout's round), a
// proposal carrying the payload of an earlier proposal of the same sender (`earlier-payload`), a
// proposal or timeout carrying an older valid QC the sender sent before (`older-qc`), and a vote for
// another block the sender voted for before, at the current round (`other-block`); and the
// certificate forgeries of ./forgeries.ts (a QC or TC the message carries, changed as far as the
// sender's own key allows), and bad answers to a sync request: one that withholds the blocks
// (`sync-withhold`), one whose first block has its round moved up, its id kept (`sync-block-round`),
// one that holds only the blocks asked for and none of their ancestors (`sync-truncate`), one with a
// null entry before the blocks (`sync-junk-entry`), and four whose first block, its id kept, is
// malformed: no QC (`sync-block-no-qc`), a null QC (`sync-block-null-qc`), a QC without a voteInfo
// (`sync-block-no-vote-info`), a payload that is not a list (`sync-block-bad-payload`). A sync answer
// is plain data a Byzantine replica can fill with anything; the rest are re-signed with the sender's
// key, so only the protocol's own rules can refuse them.
import type { MutationContext, MutationSpec } from '../../kernel/mutation.js';
import { FORGERIES, forgeQc, forgeTc, type Forgery } from './forgeries.js';
import { blockIdSignable, lciSignable, makeBlock, tmoSignable, voteInfoHash } from './hash.js';
import { rnd, type Block, type DiemMessage, type ProposalMsg, type QC, type SyncResponseMsg, type TimeoutMsg, type VoteInfo, type VoteMsg } from './types.js';

export const SYNC_ANSWERS = ['sync-withhold', 'sync-block-round', 'sync-truncate', 'sync-junk-entry', 'sync-block-no-qc',
  'sync-block-null-qc', 'sync-block-no-vote-info', 'sync-block-bad-payload'] as const;

export const DIEM_MUTATIONS = ['round-up', 'round-down', 'earlier-payload', 'older-qc', 'other-block', ...FORGERIES,
  ...SYNC_ANSWERS] as const;

type Ctx = MutationContext<DiemMessage>;

function mutate(name: string, msg: DiemMessage, ctx: Ctx): DiemMessage | null {
  switch (name) {
    case 'round-up': return shiftRound(msg, 1, ctx);
    case 'round-down': return shiftRound(msg, -1, ctx);
    case 'earlier-payload': return msg.kind === 'proposal' ? earlierPayload(msg, ctx) : null;
    case 'older-qc': return olderQc(msg, ctx);
    case 'other-block': return msg.kind === 'vote' ? otherBlock(msg, ctx) : null;
    case 'sync-withhold': return msg.kind === 'sync-response' && msg.blocks.length > 0 ? Object.freeze({ ...msg, blocks: [] }) : null;
    case 'sync-block-round': return msg.kind === 'sync-response' ? movedBlockRound(msg) : null;
    case 'sync-truncate': return msg.kind === 'sync-response' ? truncated(msg) : null;
    case 'sync-junk-entry': return msg.kind === 'sync-response' ? withJunk(msg) : null;
    case 'sync-block-no-qc': case 'sync-block-null-qc': case 'sync-block-no-vote-info': case 'sync-block-bad-payload':
      return msg.kind === 'sync-response' ? malformedFirst(name, msg) : null;
    default: return (FORGERIES as readonly string[]).includes(name) ? forged(name as Forgery, msg, ctx) : null;
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
  return withFirst(msg, (first) => ({ ...first, round: first.round + 1 }));
}

/** The answer with its first block replaced by `change(first)` (untyped: the result need not be a block). */
function withFirst(msg: SyncResponseMsg, change: (first: Block) => object): DiemMessage | null {
  const [first, ...rest] = msg.blocks;
  if (first === undefined) return null;
  return Object.freeze({ ...msg, blocks: Object.freeze([Object.freeze(change(first)) as Block, ...rest]) });
}

/** The answer with a null entry before its blocks. */
function withJunk(msg: SyncResponseMsg): DiemMessage {
  return Object.freeze({ ...msg, blocks: Object.freeze([null, ...msg.blocks]) as readonly unknown[] as readonly Block[] });
}

/** The answer with only the blocks asked for: their ancestors, which the asker lacks as well, left out. */
function truncated(msg: SyncResponseMsg): DiemMessage | null {
  const asked = msg.blocks.filter((b) => msg.ids.includes(b.id));
  return asked.length === msg.blocks.length ? null : Object.freeze({ ...msg, blocks: Object.freeze(asked) });
}

/** The answer with its first block malformed as `name` says, its id kept. */
function malformedFirst(name: string, msg: SyncResponseMsg): DiemMessage | null {
  return withFirst(msg, (first) => {
    const { qc, ...rest } = first;
    switch (name) {
      case 'sync-block-no-qc': return rest;
      case 'sync-block-null-qc': return { ...rest, qc: null };
      case 'sync-block-no-vote-info': return qc === null ? rest : { ...rest, qc: { signatures: qc.signatures } };
      default: return { ...first, payload: {} };
    }
  });
}
