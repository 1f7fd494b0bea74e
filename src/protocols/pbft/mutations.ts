// PBFT's Byzantine mutations (src/kernel/mutation.ts), in the small scope of ByzzFuzz over PBFT's
// messages: the view moved by one (`view-up`, `view-down`: PRE-PREPARE, PREPARE, COMMIT, CHECKPOINT,
// FETCH, VIEW-CHANGE, NEW-VIEW), the sequence number moved by one (`seq-up`, `seq-down`: PRE-PREPARE
// with its batch, PREPARE, COMMIT, CHECKPOINT), a PRE-PREPARE ordering the requests of an earlier
// pre-prepare of the same sender at its own sequence number (`earlier-batch`), a PREPARE or COMMIT for
// another digest the sender sent before (`other-digest`), and a VIEW-CHANGE whose prepared certificate
// is replaced by an older valid one the sender sent before (`older-cert`) or left out (`drop-cert`).
// The sender's key re-signs every changed message (digests as in ./digests.ts), so only the
// protocol's own checks can refuse it. COMMITTED is unsigned and proves itself; it is never mutated.
import type { MutationContext, MutationSpec } from '../../kernel/mutation.js';
import type { Digest } from '../../kernel/hash.js';
import { batchDigest, checkpointDigest, fetchDigest, newViewDigest, prePrepareDigest, viewChangeDigest, voteDigest } from './digests.js';
import type { Batch, PbftMessage, PreparedCert, PrePrepare, ViewChange, Vote } from './types.js';

export const PBFT_MUTATIONS = [
  'view-up', 'view-down', 'seq-up', 'seq-down', 'earlier-batch', 'other-digest', 'older-cert', 'drop-cert',
] as const;

type Ctx = MutationContext<PbftMessage>;

function mutate(name: string, msg: PbftMessage, ctx: Ctx): PbftMessage | null {
  switch (name) {
    case 'view-up': return shiftView(msg, 1, ctx);
    case 'view-down': return shiftView(msg, -1, ctx);
    case 'seq-up': return shiftSeq(msg, 1, ctx);
    case 'seq-down': return shiftSeq(msg, -1, ctx);
    case 'earlier-batch': return msg.kind === 'pre-prepare' ? earlierBatch(msg, ctx) : null;
    case 'other-digest': return msg.kind === 'prepare' || msg.kind === 'commit' ? otherDigest(msg, ctx) : null;
    case 'older-cert': return msg.kind === 'view-change' ? olderCert(msg, ctx) : null;
    case 'drop-cert': return msg.kind === 'view-change' && msg.P.length > 0 ? viewChangeWith(msg, msg.v, msg.P.slice(0, -1), ctx) : null;
    default: return null;
  }
}

export const pbftMutations: MutationSpec<PbftMessage> = Object.freeze({ names: PBFT_MUTATIONS, mutate });

function shiftView(msg: PbftMessage, by: number, ctx: Ctx): PbftMessage | null {
  const v = msg.v + by;
  // Views count from 0; a view change moves to view 1 or later.
  if (v < (msg.kind === 'view-change' || msg.kind === 'new-view' ? 1 : 0)) return null;
  switch (msg.kind) {
    case 'pre-prepare': return prePrepareWith(v, msg.batch, ctx);
    case 'prepare':
    case 'commit': return voteWith(msg, v, msg.seq, msg.d, ctx);
    case 'checkpoint':
      return Object.freeze({ ...msg, v, sig: ctx.crypto.sign(ctx.sender, checkpointDigest(v, msg.seq, msg.d, msg.i)) });
    case 'fetch': return Object.freeze({ ...msg, v, sig: ctx.crypto.sign(ctx.sender, fetchDigest(v, msg.fromSeq, msg.i)) });
    case 'view-change': return viewChangeWith(msg, v, msg.P, ctx);
    case 'new-view':
      return Object.freeze({ ...msg, v, sig: ctx.crypto.sign(ctx.sender, newViewDigest(v, msg.V, msg.O, msg.i)) });
    case 'committed': return null;
  }
}

function shiftSeq(msg: PbftMessage, by: number, ctx: Ctx): PbftMessage | null {
  switch (msg.kind) {
    case 'pre-prepare':
      return msg.seq + by < 1 ? null : prePrepareWith(msg.v, Object.freeze({ ...msg.batch, seq: msg.seq + by }), ctx);
    case 'prepare':
    case 'commit':
      return msg.seq + by < 1 ? null : voteWith(msg, msg.v, msg.seq + by, msg.d, ctx);
    case 'checkpoint': {
      const seq = msg.seq + by;
      if (seq < 1) return null;
      return Object.freeze({ ...msg, seq, sig: ctx.crypto.sign(ctx.sender, checkpointDigest(msg.v, seq, msg.d, msg.i)) });
    }
    default:
      return null;
  }
}

/** The requests (and marker) of the newest earlier pre-prepare of the sender with another digest. */
function earlierBatch(pp: PrePrepare, ctx: Ctx): PbftMessage | null {
  for (let k = ctx.earlier.length - 1; k >= 0; k--) {
    const e = ctx.earlier[k]!;
    if (e.kind !== 'pre-prepare') continue;
    const batch: Batch = Object.freeze({ seq: pp.seq, marker: e.batch.marker, txns: e.batch.txns });
    if (batchDigest(batch) !== pp.d) return prePrepareWith(pp.v, batch, ctx);
  }
  return null;
}

/** A digest the sender pre-prepared, prepared or committed before, other than this vote's. */
function otherDigest(x: Vote, ctx: Ctx): PbftMessage | null {
  for (let k = ctx.earlier.length - 1; k >= 0; k--) {
    const e = ctx.earlier[k]!;
    const d: Digest | null = e.kind === 'pre-prepare' || e.kind === 'prepare' || e.kind === 'commit' ? e.d : null;
    if (d !== null && d !== x.d) return voteWith(x, x.v, x.seq, d, ctx);
  }
  return null;
}

/**
 * The first certificate of P (by seq) for which the sender's earlier view-changes hold a valid one of
 * a lower view at the same seq is replaced by the newest such one.
 */
function olderCert(vc: ViewChange, ctx: Ctx): PbftMessage | null {
  for (let c = 0; c < vc.P.length; c++) {
    const cert = vc.P[c]!;
    let older: PreparedCert | null = null;
    for (const e of ctx.earlier) {
      if (e.kind !== 'view-change') continue;
      for (const o of e.P) {
        if (o.pp.seq === cert.pp.seq && o.pp.v < cert.pp.v && (older === null || o.pp.v > older.pp.v)) older = o;
      }
    }
    if (older !== null) return viewChangeWith(vc, vc.v, vc.P.map((x, k) => (k === c ? older! : x)), ctx);
  }
  return null;
}

function prePrepareWith(v: number, batch: Batch, ctx: Ctx): PrePrepare {
  const d = batchDigest(batch);
  return Object.freeze({ kind: 'pre-prepare', v, seq: batch.seq, d, batch, sig: ctx.crypto.sign(ctx.sender, prePrepareDigest(v, batch.seq, d)) });
}

function voteWith(x: Vote, v: number, seq: number, d: Digest, ctx: Ctx): Vote {
  return Object.freeze({ ...x, v, seq, d, sig: ctx.crypto.sign(ctx.sender, voteDigest(x.kind, v, seq, d, x.i)) });
}

function viewChangeWith(vc: ViewChange, v: number, P: readonly PreparedCert[], ctx: Ctx): ViewChange {
  return Object.freeze({ ...vc, v, P, sig: ctx.crypto.sign(ctx.sender, viewChangeDigest(v, vc.C, P, vc.i)) });
}
