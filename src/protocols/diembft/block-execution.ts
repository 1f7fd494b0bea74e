// Block execution (diembft-v4 §5, §10, [C]): a pure function of (service, parent state, block). Each
// transaction goes to the replicated service in order; one whose key is already committed earlier on
// the chain, or earlier in the block, is not applied and records "duplicate", so forks that carried
// the same transaction still execute deterministically. The state id commits to the parent state,
// the payload and every reply, hence (through the parent) to the whole history from genesis.
import type { Service } from '../../kernel/service.js';
import { H, payloadHash } from './hash.js';
import { txnKey, type Block, type StateId, type Txn } from './types.js';

export interface Execution {
  readonly state: StateId;
  readonly results: readonly string[];
  /** The service's state after the block. */
  readonly app: unknown;
}

interface Memo {
  /** One execution per (block object, parent state): a block's ancestry is fixed by its id. */
  readonly byBlock: WeakMap<Block, { readonly parentState: StateId; readonly exec: Execution }>;
  /**
   * By payload, then parent state: blocks with the same content (a proposal and its re-proposal
   * after a timeout; the same content in another run of the batch) share their execution. Payloads
   * are interned (./intern.ts), so the payload object stands for its content.
   */
  readonly byContent: WeakMap<readonly Txn[], Map<StateId, Execution[]>>;
}

/**
 * Memo tables per service. A state id commits to the whole history, so for one service the
 * execution of a block on a parent state is always the same; the tables only save work.
 */
const memos = new WeakMap<Service, Memo>();
/** The same for executions that never skip a request run earlier on the chain (bug no_request_dedup). */
const memosNoDedup = new WeakMap<Service, Memo>();
/** Parent states remembered per payload before its table is cleared. */
const PER_PAYLOAD = 64;

function memoOf(service: Service, table: WeakMap<Service, Memo>): Memo {
  let m = table.get(service);
  if (m === undefined) table.set(service, (m = { byBlock: new WeakMap(), byContent: new WeakMap() }));
  return m;
}

/** `earlierOnChain` null: no request is skipped for having run earlier on the chain (a bug). */
export function executeBlock(service: Service, parentState: StateId, parentApp: unknown, b: Block,
  earlierOnChain: ((t: Txn) => boolean) | null): Execution {
  const memo = memoOf(service, earlierOnChain === null ? memosNoDedup : memos);
  const hit = memo.byBlock.get(b);
  if (hit !== undefined && hit.parentState === parentState) return hit.exec;
  const seen = new Set<string>();
  let app = parentApp;
  const results = b.payload.map((t) => {
    const key = txnKey(t);
    const dup = seen.has(key) || (earlierOnChain !== null && earlierOnChain(t));
    seen.add(key);
    if (dup) return 'duplicate';
    const r = service.apply(app, t);
    app = r.state;
    return r.reply;
  });
  const exec = executionOf(memo, parentState, b.payload, results, app);
  memo.byBlock.set(b, { parentState, exec });
  return exec;
}

/** The execution already made of this content, or a new one, filed under its payload. */
function executionOf(memo: Memo, parentState: StateId, payload: readonly Txn[], results: readonly string[],
  app: unknown): Execution {
  let byParent = memo.byContent.get(payload);
  if (byParent === undefined) memo.byContent.set(payload, (byParent = new Map()));
  let execs = byParent.get(parentState);
  if (execs === undefined) {
    if (byParent.size >= PER_PAYLOAD) byParent.clear();
    byParent.set(parentState, (execs = []));
  }
  for (let i = 0; i < execs.length; i++) if (sameResults(execs[i]!.results, results)) return execs[i]!;
  const exec: Execution = { state: H(['state', parentState, payloadHash(payload), ...results]), results, app };
  execs.push(exec);
  return exec;
}

function sameResults(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
