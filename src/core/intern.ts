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

/**
 * A bounded trie in two generations, a cheap approximation of LRU: objects are interned into the
 * current generation; when it holds `cap` objects it becomes the previous one and the one before is
 * dropped. A hit in the previous generation is copied into the current one, so content that keeps
 * recurring survives, and memory stays bounded (at most 2 * cap objects) whatever the batch size.
 */
export class InternTable<T extends object> {
  private current: Trie = new Map();
  private previous: Trie = new Map();
  private entries = 0;

  constructor(private readonly cap: number) {}

  /** The object interned under `key`, or the one `make` builds, interned now. */
  intern(key: readonly unknown[], make: () => T): T {
    if (this.entries >= this.cap) {
      this.previous = this.current;
      this.current = new Map();
      this.entries = 0;
    }
    const leaf = pathTo(this.current, key);
    let value = leaf.get(VALUE) as T | undefined;
    if (value === undefined) {
      value = (find(this.previous, key) as T | undefined) ?? make();
      leaf.set(VALUE, value);
      this.entries++;
    }
    return value;
  }
}

/** The trie node at the end of `key`, created as needed. */
function pathTo(root: Trie, key: readonly unknown[]): Trie {
  let node = root;
  for (let i = 0; i < key.length; i++) {
    let next = node.get(key[i]) as Trie | undefined;
    if (next === undefined) {
      next = new Map();
      node.set(key[i], next);
    }
    node = next;
  }
  return node;
}

/** The object stored under `key`, without creating nodes. */
function find(root: Trie, key: readonly unknown[]): unknown {
  let node: Trie | undefined = root;
  for (let i = 0; i < key.length && node !== undefined; i++) node = node.get(key[i]) as Trie | undefined;
  return node?.get(VALUE);
}

// The interned kinds. Sizes: a W1 run meets about six new blocks, QCs and signature lists, so a
// generation holds several hundred runs' worth. Measured on W1: halving these caps (and the block
// and signing tables') costs nothing, halving them again about 5%; twice as large only adds memory.
const payloads = new InternTable<readonly Txn[]>(1 << 11);
const sigLists = new InternTable<readonly Sig[]>(1 << 12);
const qcs = new InternTable<QC>(1 << 12);
const tcs = new InternTable<TC>(1 << 11);

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
