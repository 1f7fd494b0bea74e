// Hash-consing of immutable protocol objects (DESIGN §4: messages are immutable and shared by
// reference). Every run of a batch shares the chain seed, so the same payloads, signature lists,
// certificates and blocks recur from one scenario to the next. Interning them by content makes
// equal content the same object, and then every per-object memo (block id, execution, vote content,
// certificate validation, signature checks) serves every run instead of the replicas of one run.
//
// A key is a list of parts: object identities of parts that are themselves interned (or otherwise
// shared, like Sig objects from ./crypto.ts) and small primitives (integers, strings, null). A table
// files each object under its key's first part, the anchor, and tells the few objects filed under
// one anchor apart by comparing the other parts one by one; so a call site puts its most selective
// part first. Equal keys mean equal content, so interning never changes a result; a miss only costs
// the work the caller would have done anyway.
import type { NodeId } from './protocol.js';
import type { LedgerCommitInfo, QC, Round, Sig, TC, Txn, VoteInfo } from './types.js';

interface Entry<T> {
  readonly key: readonly unknown[];
  readonly value: T;
}

type Generation<T> = Map<unknown, Entry<T>[]>;

/**
 * A bounded table in two generations, a cheap approximation of LRU: objects are interned into the
 * current generation; when it holds `cap` objects it becomes the previous one and the one before is
 * dropped. A hit in the previous generation is copied into the current one, so content that keeps
 * recurring survives, and memory stays bounded (at most 2 * cap objects) whatever the batch size.
 *
 * One Map probe per lookup, by the key's anchor, rather than one probe per key part.
 */
export class InternTable<T extends object> {
  private current: Generation<T> = new Map();
  private previous: Generation<T> = new Map();
  private entries = 0;

  constructor(private readonly cap: number) {}

  /** The object interned under `key`, or the one `make` builds, interned now. A new entry keeps `key`: it must not change. */
  intern(key: readonly unknown[], make: () => T): T {
    if (this.entries >= this.cap) {
      this.previous = this.current;
      this.current = new Map();
      this.entries = 0;
    }
    const anchor = key[0];
    let bucket = this.current.get(anchor);
    const hit = bucket === undefined ? undefined : find(bucket, key);
    if (hit !== undefined) return hit;
    const before = this.previous.get(anchor);
    const value = (before === undefined ? undefined : find(before, key)) ?? make();
    if (bucket === undefined) this.current.set(anchor, (bucket = []));
    bucket.push({ key, value });
    this.entries++;
    return value;
  }
}

/** The value filed in `bucket` under a key equal to `key`, part by part. */
function find<T>(bucket: readonly Entry<T>[], key: readonly unknown[]): T | undefined {
  for (let i = 0; i < bucket.length; i++) {
    const e = bucket[i]!;
    if (sameKey(e.key, key)) return e.value;
  }
  return undefined;
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// The interned kinds. Each generation holds several hundred runs' worth of new blocks, certificates
// and signature lists (docs/performance.md, "Caches", has the sizing).
const payloads = new InternTable<readonly Txn[]>(1 << 11);
const sigLists = new InternTable<readonly Sig[]>(1 << 12);
const qcs = new InternTable<QC>(1 << 12);
const tcs = new InternTable<TC>(1 << 11);

/**
 * A frozen payload equal to `txns`: keyed by each transaction's seq, client and op, last
 * transaction first. The last is the proposer's marker, whose seq is the round: the anchor.
 */
export function internPayload(txns: readonly Txn[]): readonly Txn[] {
  const key: unknown[] = [];
  for (let i = txns.length - 1; i >= 0; i--) {
    const t = txns[i]!;
    key.push(t.seq, t.client, t.op);
  }
  return payloads.intern(key, () => Object.freeze(txns.map((t) => Object.freeze({ client: t.client, seq: t.seq, op: t.op }))));
}

/** A frozen list of the same Sig objects in the same order; `sigs` serves as the key and must not change. */
export function internSigs(sigs: readonly Sig[]): readonly Sig[] {
  return sigLists.intern(sigs, () => Object.freeze([...sigs]));
}

/** A frozen QC with these parts; `signatures` should itself be interned. */
export function internQc(voteInfo: VoteInfo, ledgerCommitInfo: LedgerCommitInfo, signatures: readonly Sig[],
  author: NodeId | null, authorSignature: Sig | null): QC {
  return qcs.intern([signatures, author, voteInfo, ledgerCommitInfo, authorSignature],
    () => Object.freeze({ voteInfo, ledgerCommitInfo, signatures, author, authorSignature }));
}

/** A frozen TC of `round` with these reported rounds and signatures (the latter interned). */
export function internTc(round: Round, tmoHighQcRounds: readonly Round[], tmoSignatures: readonly Sig[]): TC {
  return tcs.intern([tmoSignatures, round, ...tmoHighQcRounds],
    () => Object.freeze({ round, tmoHighQcRounds: Object.freeze([...tmoHighQcRounds]), tmoSignatures }));
}
