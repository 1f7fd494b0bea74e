// The replicated state machine (diembft-v4 §5, §10, [C]): a pure function of (parent state, block).
// A transaction whose key is already committed earlier on the chain records "duplicate", so forks
// that carried the same transaction still execute deterministically.
import { H, payloadHash } from './hash.js';
import { txnKey, type Block, type StateId, type Txn } from './types.js';

export interface Execution {
  readonly state: StateId;
  readonly results: readonly string[];
}

// A block's execution depends only on its ancestry, which its id fixes, and on the parent state; so
// one execution per (block object, parent state) serves every replica that shares the block.
const memo = new WeakMap<Block, { readonly parentState: StateId; readonly exec: Execution }>();

// The state digest covers only (parent state, payload, results), so blocks with that content in
// common (a proposal and its re-proposal after a timeout; the same block content in another run of
// the batch) share it. Payloads are interned (./intern.ts), so the payload object stands for its
// content. Each payload keeps its executions by parent state, up to a bound, then starts afresh.
const byContent = new WeakMap<readonly Txn[], Map<StateId, Execution[]>>();
/** Parent states remembered per payload before its table is cleared. */
const PER_PAYLOAD = 64;

export function execute(parentState: StateId, b: Block, earlierOnChain: (t: Txn) => boolean): Execution {
  const hit = memo.get(b);
  if (hit !== undefined && hit.parentState === parentState) return hit.exec;
  const seen = new Set<string>();
  const results = b.payload.map((t) => {
    const key = txnKey(t);
    const dup = seen.has(key) || earlierOnChain(t);
    seen.add(key);
    return dup ? 'duplicate' : 'ok';
  });
  const exec = executionOf(parentState, b.payload, results);
  memo.set(b, { parentState, exec });
  return exec;
}

/** The execution already made of this content, or a new one, filed under its payload. */
function executionOf(parentState: StateId, payload: readonly Txn[], results: readonly string[]): Execution {
  let byParent = byContent.get(payload);
  if (byParent === undefined) byContent.set(payload, (byParent = new Map()));
  let execs = byParent.get(parentState);
  if (execs === undefined) {
    if (byParent.size >= PER_PAYLOAD) byParent.clear();
    byParent.set(parentState, (execs = []));
  }
  for (let i = 0; i < execs.length; i++) if (sameResults(execs[i]!.results, results)) return execs[i]!;
  const exec: Execution = { state: H(['state', parentState, payloadHash(payload), ...results]), results };
  execs.push(exec);
  return exec;
}

function sameResults(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
