// PBFT digests (pbft.md §2.1): D(x) is the SHA-256 of the canonical JSON of an array whose first
// element is the message kind, then the signed fields in order, without the signature.
import type { Digest } from '../../kernel/hash.js';
import { H } from '../../kernel/hash.js';
import type { Batch } from './types.js';

/** The digest of a batch: what PRE-PREPARE, PREPARE and COMMIT agree on. */
export function batchDigest(b: Batch): Digest {
  const parts: unknown[] = ['batch', b.seq, b.marker];
  for (const t of b.txns) parts.push(t.client, t.seq, t.op);
  return H(parts);
}

export function prePrepareDigest(v: number, seq: number, d: Digest): Digest {
  return H(['pre-prepare', v, seq, d]);
}

export function voteDigest(kind: 'prepare' | 'commit', v: number, seq: number, d: Digest, i: number): Digest {
  return H([kind, v, seq, d, i]);
}

export function checkpointDigest(v: number, seq: number, d: Digest, i: number): Digest {
  return H(['checkpoint', v, seq, d, i]);
}

export function fetchDigest(v: number, fromSeq: number, i: number): Digest {
  return H(['fetch', v, fromSeq, i]);
}

/** The replicated state after a sequence number: chained over the previous one (pbft.md §4.7). */
export function stateDigest(previous: Digest, d: Digest, results: readonly string[], service: string): Digest {
  return H(['state', previous, d, service, ...results]);
}

/** VIEW-CHANGE and NEW-VIEW are signed over all their fields; nested messages are encoded whole. */
export function viewChangeDigest(v: number, C: unknown, P: unknown, i: number): Digest {
  return H(['view-change', v, JSON.stringify(C), JSON.stringify(P), i]);
}

export function newViewDigest(v: number, V: unknown, O: unknown, i: number): Digest {
  return H(['new-view', v, JSON.stringify(V), JSON.stringify(O), i]);
}
