// Hash-consing of immutable protocol objects (DESIGN §4: messages are immutable and shared by
// reference). Every run of a batch shares the chain seed, so the same payloads, signature lists,
// certificates and blocks recur from one scenario to the next. Interning them by content makes
// equal content the same object, and then every per-object memo (block id, execution, vote content,
// certificate validation, signature checks) serves every run instead of the replicas of one run.
//
// A key is a list of parts: object identities of parts that are themselves interned (or otherwise
// shared, like Sig objects from ./crypto.ts) and small primitives. A lookup is a walk down a trie of
// Maps; no string is built. Equal keys mean equal content, so interning never changes a result; a
// miss only costs the work the caller would have done anyway.
import type { NodeId } from './protocol.js';
import type { LedgerCommitInfo, QC, Round, Sig, TC, Txn, VoteInfo } from './types.js';

type Trie = Map<unknown, unknown>;

/** The key under which a trie node keeps the object interned at its path. */
const VALUE = Symbol('value');

export class InternTable<T extends object> {
  private root: Trie = new Map();
  private entries = 0;

  /** Forgets everything after `cap` objects, so memory stays bounded whatever the batch size. */
  constructor(private readonly cap: number) {}

  /** The object interned under `key`, or the one `make` builds, interned now. */
  intern(key: readonly unknown[], make: () => T): T {
    if (this.entries >= this.cap) {
      this.root = new Map();
      this.entries = 0;
    }
    let node = this.root;
    for (let i = 0; i < key.length; i++) {
      let next = node.get(key[i]) as Trie | undefined;
      if (next === undefined) {
        next = new Map();
        node.set(key[i], next);
      }
      node = next;
    }
    let value = node.get(VALUE) as T | undefined;
    if (value === undefined) {
      value = make();
      node.set(VALUE, value);
      this.entries++;
    }
    return value;
  }
}

// The interned kinds. Sizes: a W1 run meets about six new blocks, QCs and signature lists; the caps
// keep a few thousand runs' worth, a few MiB each.
const payloads = new InternTable<readonly Txn[]>(1 << 12);
const sigLists = new InternTable<readonly Sig[]>(1 << 13);
const qcs = new InternTable<QC>(1 << 13);
const tcs = new InternTable<TC>(1 << 12);

/** A frozen payload equal to `txns`: keyed by each transaction's client, seq and op. */
export function internPayload(txns: readonly Txn[]): readonly Txn[] {
  const key: unknown[] = [];
  for (const t of txns) key.push(t.client, t.seq, t.op);
  return payloads.intern(key, () => Object.freeze(txns.map((t) => Object.freeze({ client: t.client, seq: t.seq, op: t.op }))));
}

/** A frozen list of the same Sig objects in the same order. */
export function internSigs(sigs: readonly Sig[]): readonly Sig[] {
  return sigLists.intern(sigs, () => Object.freeze([...sigs]));
}

/** A frozen QC with these parts; `signatures` should itself be interned. */
export function internQc(voteInfo: VoteInfo, ledgerCommitInfo: LedgerCommitInfo, signatures: readonly Sig[],
  author: NodeId | null, authorSignature: Sig | null): QC {
  return qcs.intern([voteInfo, ledgerCommitInfo, signatures, author, authorSignature],
    () => Object.freeze({ voteInfo, ledgerCommitInfo, signatures, author, authorSignature }));
}

/** A frozen TC of `round` with these reported rounds and signatures (the latter interned). */
export function internTc(round: Round, tmoHighQcRounds: readonly Round[], tmoSignatures: readonly Sig[]): TC {
  return tcs.intern([round, tmoSignatures, ...tmoHighQcRounds],
    () => Object.freeze({ round, tmoHighQcRounds: Object.freeze([...tmoHighQcRounds]), tmoSignatures }));
}
