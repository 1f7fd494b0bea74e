// Mempool (diembft-v4 §10, all [C]): client transactions in FIFO arrival order, deduplicated by key,
// kept until committed. Every proposal also carries one marker transaction, so replicas with
// different markers (Twins, §10) propose different blocks and replicas with the same marker and the
// same view propose byte-identical ones.
import { txnKey, type Block, type Round, type Txn } from './types.js';

export class Mempool {
  private readonly pool = new Map<string, Txn>();
  private readonly committed = new Set<string>();

  /** The marker transaction's client, built once (§10). */
  private readonly markerClient: string;

  /** `dedupCommitted` false (bug no_request_dedup): a committed request is taken again. */
  constructor(marker: string, private readonly maxBatch: number, private readonly dedupCommitted = true) {
    this.markerClient = `marker:${marker}`;
  }

  /** Dedupe by key; ignore a transaction already committed. */
  add(t: Txn): void {
    const key = txnKey(t);
    if ((this.dedupCommitted && this.committed.has(key)) || this.pool.has(key)) return;
    this.pool.set(key, Object.freeze({ client: t.client, seq: t.seq, op: t.op }));
  }

  /**
   * FIFO up to maxBatch, skipping keys in `exclude()` (uncommitted ancestors), then the marker.
   * `exclude` is called only when the pool holds a transaction: most proposals carry the marker alone.
   */
  getTransactions(exclude: () => ReadonlySet<string>, round: Round): Txn[] {
    const txns: Txn[] = [];
    const excluded = this.pool.size === 0 ? null : exclude();
    for (const [key, t] of this.pool) {
      if (txns.length >= this.maxBatch) break;
      if (!excluded!.has(key)) txns.push(t);
    }
    txns.push(Object.freeze({ client: this.markerClient, seq: round, op: 'noop' }));
    return txns;
  }

  /** Removes a committed block's transactions and remembers their keys. */
  onCommit(b: Block): void {
    for (let i = 0; i < b.payload.length; i++) {                  // indexed: see Ledger.commit
      const t = b.payload[i]!;
      const marker = t.client.startsWith('marker:');
      if (marker && this.pool.size === 0) continue;                 // nothing to remove, nothing to remember
      const key = txnKey(t);
      this.pool.delete(key);
      if (!marker) this.committed.add(key);
    }
  }

  size(): number {
    return this.pool.size;
  }
}
