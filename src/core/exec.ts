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
  const exec: Execution = { state: H(['state', parentState, payloadHash(b.payload), ...results]), results };
  memo.set(b, { parentState, exec });
  return exec;
}
