// View change, the pure parts (pbft.md §5.3-§5.5): checking VIEW-CHANGE and NEW-VIEW messages and
// computing the pre-prepares O the new primary re-issues. min-s is the latest stable checkpoint in V
// (D3); max-s the highest seq of a prepared certificate in V (D4); each seq in (min-s, max-s] gets the
// batch of its certificate of the highest view in V (D8), or a null request for a gap.
import type { NodeId } from '../../kernel/actor.js';
import type { Crypto } from '../../kernel/crypto.js';
import { batchDigest, prePrepareDigest, checkpointDigest } from './digests.js';
import { validPrePrepare, validVote } from './checks.js';
import type { Batch, CheckpointProof, PreparedCert, PrePrepare, ViewChange } from './types.js';

export interface VcParams {
  readonly n: number;
  /** Q, Q-1 for prepares, as the rules give them. */
  readonly quorum: number;
  readonly prepareQuorum: number;
  readonly checkpointPeriod: number;
  readonly logSize: number;
  primary(v: number): NodeId;
}

/** The genesis checkpoint's digest: the state before any request. */
export const GENESIS = 'genesis';

/** V3: the proof holds Q matching, valid CHECKPOINTs of distinct replicas (none for seq 0). */
export function validProof(crypto: Crypto, C: CheckpointProof, p: VcParams): string | null {
  if (!Number.isSafeInteger(C.seq) || C.seq < 0 || !Array.isArray(C.msgs)) return 'malformed checkpoint proof';
  if (C.seq === 0) return C.d === GENESIS && C.msgs.length === 0 ? null : 'a genesis proof must be empty';
  const signers = new Set<number>();
  for (const m of C.msgs) {
    if (m.seq !== C.seq || m.d !== C.d || m.sig?.signer !== m.i || !crypto.verify(m.sig, checkpointDigest(m.v, m.seq, m.d, m.i))) {
      return `checkpoint proof ${C.seq}: a message does not match or verify`;
    }
    signers.add(m.i);
  }
  return signers.size >= p.quorum ? null : `checkpoint proof ${C.seq}: ${signers.size} distinct signers, need ${p.quorum}`;
}

/** V4: a prepared certificate from a view below `v` inside the sender's window. */
export function validCert(crypto: Crypto, c: PreparedCert, v: number, low: number, p: VcParams): string | null {
  const pp = c.pp;
  if (pp?.kind !== 'pre-prepare' || !Array.isArray(c.prepares)) return 'malformed certificate';
  if (pp.v >= v) return `certificate of view ${pp.v} in a view change to ${v}`;
  if (pp.seq <= low || pp.seq > low + p.logSize) return `certificate seq ${pp.seq} outside (${low}, ${low + p.logSize}]`;
  const problem = validPrePrepare(crypto, pp, p.primary(pp.v), p.primary(pp.v));
  if (problem !== null) return `certificate: ${problem}`;
  const signers = new Set<number>();
  for (const x of c.prepares) {
    if (x.kind !== 'prepare' || x.v !== pp.v || x.seq !== pp.seq || x.d !== pp.d || x.i === p.primary(pp.v)) return 'certificate: a prepare does not match';
    const bad = validVote(crypto, x, null, p.n);
    if (bad !== null) return `certificate: ${bad}`;
    signers.add(x.i);
  }
  return signers.size >= p.prepareQuorum ? null : `certificate seq ${pp.seq}: ${signers.size} prepares, need ${p.prepareQuorum}`;
}

/** V1-V5 without the sender check; the caller checks `vc.v` against its view. */
export function validViewChange(crypto: Crypto, vc: ViewChange, p: VcParams, sigOk: boolean): string | null {
  if (!Number.isSafeInteger(vc.v) || vc.v < 1 || !Number.isSafeInteger(vc.i) || vc.i < 0 || vc.i >= p.n) return 'malformed view-change';
  if (typeof vc.C !== 'object' || vc.C === null || !Array.isArray(vc.P)) return 'malformed view-change';
  if (!sigOk) return `view-change signature does not verify for ${vc.i}`;
  const proof = validProof(crypto, vc.C, p);
  if (proof !== null) return proof;
  let last = -1;
  for (const c of vc.P) {
    const bad = validCert(crypto, c, vc.v, vc.C.seq, p);
    if (bad !== null) return bad;
    if (c.pp.seq <= last) return 'certificates not sorted by seq, or two for one seq';
    last = c.pp.seq;
  }
  return null;
}

/** The null request's batch at `seq`: no requests, no marker; every replica builds the same one. */
export function nullBatch(seq: number): Batch {
  return { seq, marker: '', txns: [] };
}

/** min-s, and the (seq, batch) pairs O re-issues in (min-s, max-s], in seq order. */
export function computeO(V: readonly ViewChange[]): { minS: number; proof: CheckpointProof; batches: Batch[] } {
  let proof = V[0]!.C;
  for (const vc of V) if (vc.C.seq > proof.seq) proof = vc.C;
  const best = new Map<number, PrePrepare>();
  for (const vc of V) {
    for (const c of vc.P) {
      const held = best.get(c.pp.seq);
      if (held === undefined || c.pp.v > held.v) best.set(c.pp.seq, c.pp);
    }
  }
  let maxS = proof.seq;
  for (const s of best.keys()) maxS = Math.max(maxS, s);
  const batches: Batch[] = [];
  for (let s = proof.seq + 1; s <= maxS; s++) batches.push(best.get(s)?.batch ?? nullBatch(s));
  return { minS: proof.seq, proof, batches };
}

/** The pre-prepares of O as primary `me` of view `v` signs them. */
export function signO(crypto: Crypto, me: NodeId, v: number, batches: readonly Batch[]): PrePrepare[] {
  return batches.map((batch) => {
    const d = batchDigest(batch);
    return { kind: 'pre-prepare', v, seq: batch.seq, d, batch, sig: crypto.sign(me, prePrepareDigest(v, batch.seq, d)) };
  });
}
