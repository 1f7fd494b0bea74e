// Execution in sequence order (pbft.md §4.5, §4.6): a committed batch goes to the replicated service
// request by request. A request already executed at an earlier sequence number (ordered twice, e.g.
// once per view) is not applied again and records "duplicate": execution is exactly-once.
import type { ClientTxn, NodeId } from '../../kernel/actor.js';
import type { Crypto } from '../../kernel/crypto.js';
import type { Digest } from '../../kernel/hash.js';
import { signReply, type SignedReply } from '../../kernel/reply.js';
import type { Service } from '../../kernel/service.js';
import { stateDigest } from './digests.js';
import type { Batch, CheckpointProof } from './types.js';

/** What survives a restart of a replica (src/kernel/store.ts): the executed log and the service state. */
export interface Durable {
  view: number;
  /** The primary's next sequence number to assign, so a restarted primary never reuses one. */
  nextSeq: number;
  /** h: the last stable checkpoint, and its proof. */
  h: number;
  proof: CheckpointProof;
  app: unknown;
  /** The chained state digest after the last executed sequence number (genesis: 'genesis'). */
  stateId: Digest;
  /** The batch digest executed last ('genesis' before the first). */
  tip: Digest;
  /** Keys (`client/seq`) of every client request executed. */
  readonly executedKeys: Set<string>;
  /** The first signed reply made for each client request, sent again on a retransmission. */
  readonly replies: Map<string, SignedReply>;
  /** Digest this replica signed a PREPARE or COMMIT for, by `kind/v/seq`: never another one. */
  readonly voted: Map<string, Digest>;
}

export const txnKey = (t: ClientTxn): string => `${t.client}/${t.seq}`;

export interface Executed {
  readonly results: readonly string[];
  readonly serviceDigest: string;
  readonly replies: readonly SignedReply[];
}

/** Applies `batch` (digest `d`) to the durable state in place; returns its results and client replies. */
export function executeBatch(service: Service, crypto: Crypto, me: NodeId, st: Durable, batch: Batch, d: Digest): Executed {
  let app = st.app;
  const results = batch.txns.map((t) => {
    const key = txnKey(t);
    if (st.executedKeys.has(key)) return 'duplicate';
    st.executedKeys.add(key);
    const r = service.apply(app, t);
    app = r.state;
    return r.reply;
  });
  const serviceDigest = service.digest(app);
  st.app = app;
  st.stateId = stateDigest(st.stateId, d, results, serviceDigest);
  st.tip = d;
  const replies: SignedReply[] = [];
  if (service.storedReply !== undefined) {
    for (const t of batch.txns) {
      const key = txnKey(t);
      const known = st.replies.get(key);
      if (known !== undefined) { replies.push(known); continue; }
      const r = signReply(crypto, me, { client: t.client, seq: t.seq,
        result: service.storedReply(app, t) ?? 'not executed', height: batch.seq, stateDigest: serviceDigest });
      st.replies.set(key, r);
      replies.push(r);
    }
  }
  return { results, serviceDigest, replies };
}
