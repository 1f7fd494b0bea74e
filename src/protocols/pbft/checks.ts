// The checks every received PBFT message passes before use (pbft.md §4 G1, G2, PP1-PP2, P1, M1, K1-K2):
// signatures by the claimed signer, the claimed signer is the transport sender, well-formed fields.
// Each returns null when the message passes, or what is wrong with both compared values.
import type { NodeId } from '../../kernel/actor.js';
import type { Crypto } from '../../kernel/crypto.js';
import { batchDigest, checkpointDigest, fetchDigest, prePrepareDigest, voteDigest } from './digests.js';
import type { Checkpoint, CommittedEntry, Fetch, PrePrepare, Vote } from './types.js';

const isSeq = (x: unknown): boolean => Number.isSafeInteger(x) && (x as number) >= 1;
const isView = (x: unknown): boolean => Number.isSafeInteger(x) && (x as number) >= 0;
const isId = (x: unknown, n: number): boolean => Number.isSafeInteger(x) && (x as number) >= 0 && (x as number) < n;

export function validPrePrepare(crypto: Crypto, pp: PrePrepare, from: NodeId, primary: NodeId): string | null {
  if (!isView(pp.v) || !isSeq(pp.seq) || typeof pp.batch !== 'object' || pp.batch === null) return 'malformed pre-prepare';
  if (from !== primary) return `sent by ${from}, primary of view ${pp.v} is ${primary}`;
  if (pp.sig?.signer !== primary || !crypto.verify(pp.sig, prePrepareDigest(pp.v, pp.seq, pp.d))) {
    return `signature by ${String(pp.sig?.signer)} does not verify for the primary ${primary}`;
  }
  if (pp.batch.seq !== pp.seq) return `batch seq ${pp.batch.seq}, pre-prepare seq ${pp.seq}`;
  if (!Array.isArray(pp.batch.txns) || batchDigest(pp.batch) !== pp.d) return `batch digest differs from d ${String(pp.d).slice(0, 8)}`;
  return null;
}

/** A PREPARE or COMMIT; `from` null for one nested in a certificate (only the signature counts). */
export function validVote(crypto: Crypto, x: Vote, from: NodeId | null, n: number): string | null {
  if (!isView(x.v) || !isSeq(x.seq) || !isId(x.i, n) || typeof x.d !== 'string') return `malformed ${x.kind}`;
  if (from !== null && from !== x.i) return `${x.kind} by ${x.i} sent by ${from}`;
  if (x.sig?.signer !== x.i || !crypto.verify(x.sig, voteDigest(x.kind, x.v, x.seq, x.d, x.i))) {
    return `${x.kind} signature does not verify for ${x.i}`;
  }
  return null;
}

export function validCheckpoint(crypto: Crypto, c: Checkpoint, from: NodeId, n: number, k: number): string | null {
  if (!isView(c.v) || !isSeq(c.seq) || !isId(c.i, n) || typeof c.d !== 'string') return 'malformed checkpoint';
  if (c.seq % k !== 0) return `checkpoint seq ${c.seq} is not a multiple of K = ${k}`;
  if (from !== c.i) return `checkpoint by ${c.i} sent by ${from}`;
  if (c.sig?.signer !== c.i || !crypto.verify(c.sig, checkpointDigest(c.v, c.seq, c.d, c.i))) return `checkpoint signature does not verify for ${c.i}`;
  return null;
}

export function validFetch(crypto: Crypto, f: Fetch, from: NodeId, n: number): string | null {
  if (!isView(f.v) || !isSeq(f.fromSeq) || !isId(f.i, n)) return 'malformed fetch';
  if (from !== f.i) return `fetch by ${f.i} sent by ${from}`;
  if (f.sig?.signer !== f.i || !crypto.verify(f.sig, fetchDigest(f.v, f.fromSeq, f.i))) return `fetch signature does not verify for ${f.i}`;
  return null;
}

/** A fetched entry: its batch has digest d, and `q` COMMITs of distinct replicas match (v, seq, d). */
export function validCommitted(crypto: Crypto, e: CommittedEntry, n: number, q: number): string | null {
  if (!isView(e.v) || typeof e.batch !== 'object' || e.batch === null || !isSeq(e.batch.seq) || !Array.isArray(e.commits)) {
    return 'malformed committed entry';
  }
  if (!Array.isArray(e.batch.txns) || batchDigest(e.batch) !== e.d) return `entry ${e.batch.seq}: batch digest differs from d`;
  const signers = new Set<number>();
  for (const c of e.commits) {
    if (c.kind !== 'commit' || c.v !== e.v || c.seq !== e.batch.seq || c.d !== e.d) return `entry ${e.batch.seq}: a commit does not match`;
    const problem = validVote(crypto, c, null, n);
    if (problem !== null) return `entry ${e.batch.seq}: ${problem}`;
    signers.add(c.i);
  }
  if (signers.size < q) return `entry ${e.batch.seq}: ${signers.size} distinct commit signers, need ${q}`;
  return null;
}
