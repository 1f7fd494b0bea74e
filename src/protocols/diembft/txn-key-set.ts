// A set of transaction keys (§10: a transaction's key is client + "/" + seq), held as
// client -> seqs so that adding and looking up build no key string. Equivalent to a Set of txnKey
// strings: seq is a number, whose text never contains "/", so the key splits uniquely at its last "/".
import type { Txn } from './types.js';

export class TxnKeySet {
  private readonly byClient = new Map<string, Set<number>>();

  add(t: Txn): void {
    let seqs = this.byClient.get(t.client);
    if (seqs === undefined) this.byClient.set(t.client, (seqs = new Set()));
    seqs.add(t.seq);
  }

  has(t: Txn): boolean {
    return this.byClient.get(t.client)?.has(t.seq) === true;
  }
}
