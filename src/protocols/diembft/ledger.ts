// Ledger (diembft-v4 §5): speculative execution of pending blocks and the committed chain. The
// speculative tree is also the BlockTree's pending block tree (§6: they map 1:1), rooted at the
// committed tip.
import { short } from './outbox.js';
import type { Genesis } from './genesis.js';
import { executeBlock } from './block-execution.js';
import type { Service } from '../../kernel/service.js';
import { TxnKeySet } from './txn-key-set.js';
import type { Block, Digest, StateId, Txn, VoteInfo } from './types.js';

export interface SpecEntry {
  readonly block: Block;
  readonly parentId: Digest | null;
  readonly state: StateId;
  readonly results: readonly string[];
  /** The service's state after the block. */
  readonly app: unknown;
}

/** One committed block as persisted (§12): the block, its final state id and the service's state. */
export interface ChainEntry {
  readonly block: Block;
  readonly state: StateId;
  readonly app: unknown;
  /** What execution recorded for each request of the block (absent for genesis). */
  readonly results?: readonly string[];
}

export type CommitSink = (entry: ChainEntry, height: number) => void;
export type AlarmSink = (detail: string) => void;

export class Ledger {
  private readonly spec = new Map<Digest, SpecEntry>();
  private readonly committed = new Map<Digest, number>();
  private readonly committedKeys = new TxnKeySet();
  /** Pending blocks discarded by pruning: they conflict with the committed chain. */
  private readonly pruned = new Set<Digest>();
  /** Fork points already alarmed, so a conflicting branch raises one alarm, not one per QC. */
  private readonly alarmedForks = new Set<Digest>();
  /**
   * The last two VoteInfos whose block and parent knowsBlocksOf found held. Every message a replica
   * receives names one or two VoteInfos (§11.1), and in a round most name the same shared objects.
   * A held block stops being held only when pruning drops it, which empties this cache.
   */
  private knownA: VoteInfo | null = null;
  private knownB: VoteInfo | null = null;

  /**
   * `chain` is shared with the Store: appending to it persists the commit (§12). `blocks`, when given,
   * is the Store's log of pending blocks: every block speculated is appended to it, and the blocks it
   * already holds (a restart) are speculated again, so a restarted replica still holds the blocks its
   * persisted certificates name and can serve them to others' sync requests.
   */
  constructor(private readonly chain: ChainEntry[], genesis: Genesis, private readonly service: Service,
    private readonly blocks: Block[] | null = null, private readonly dedupRequests = true) {
    if (chain.length === 0) chain.push({ block: genesis.block, state: genesis.state, app: service.initial() });
    chain.forEach((e, h) => {
      this.committed.set(e.block.id, h);
      for (const t of e.block.payload) this.committedKeys.add(t);
    });
    const tip = this.tip();
    this.spec.set(tip.block.id, { block: tip.block, parentId: null, state: tip.state, results: [], app: tip.app });
    if (blocks !== null && blocks.length > 0) this.restorePending(blocks);
  }

  /** Speculates the persisted pending blocks again, in the order they were first speculated (parents first). */
  private restorePending(blocks: Block[]): void {
    const logged = blocks.splice(0);
    for (const b of logged) if (b.round > this.tip().block.round) this.speculate(b);
  }

  tip(): ChainEntry {
    return this.chain[this.chain.length - 1]!;
  }

  height(): number {
    return this.chain.length - 1;
  }

  committedChain(): readonly ChainEntry[] {
    return this.chain;
  }

  /** §5 speculate: executes `b` on its parent's state; null when the parent is not pending. */
  speculate(b: Block): StateId | null {
    const known = this.spec.get(b.id);
    if (known !== undefined) return known.state;
    const parentId = b.qc?.voteInfo.id;
    const parent = parentId === undefined ? undefined : this.spec.get(parentId);
    if (parent === undefined || parent.block.round >= b.round) return null;
    const { state, results, app } = executeBlock(this.service, parent.state, parent.app, b,
      this.dedupRequests ? (t) => this.keyOnBranch(t, parent) : null);
    this.spec.set(b.id, { block: b, parentId: parent.block.id, state, results, app });
    this.blocks?.push(b);
    return state;
  }

  /** True when a transaction's key is committed or carried by a pending ancestor (from `from` up). */
  private keyOnBranch(t: Txn, from: SpecEntry): boolean {
    if (this.committedKeys.has(t)) return true;
    for (let e: SpecEntry | undefined = from; e !== undefined && e.parentId !== null; e = this.spec.get(e.parentId)) {
      const payload = e.block.payload;
      for (let i = 0; i < payload.length; i++) {
        const u = payload[i]!;
        if (u.seq === t.seq && u.client === t.client) return true;
      }
    }
    return false;
  }

  /** A pending block's execution and the height it would commit at, or null when it is not pending. */
  speculativeEntry(id: Digest): { readonly entry: ChainEntry; readonly height: number } | null {
    let e = this.spec.get(id);
    if (e === undefined) return null;
    const entry: ChainEntry = { block: e.block, state: e.state, app: e.app, results: e.results };
    let depth = 0;
    while (e !== undefined && !this.committed.has(e.block.id)) {
      depth++;
      e = e.parentId === null ? undefined : this.spec.get(e.parentId);
    }
    return { entry, height: (e === undefined ? this.height() : this.committed.get(e.block.id)!) + depth };
  }

  pendingState(id: Digest): StateId | null {
    return this.spec.get(id)?.state ?? null;
  }

  pendingBlock(id: Digest): Block | null {
    return this.spec.get(id)?.block ?? null;
  }

  pendingEntry(id: Digest): SpecEntry | null {
    return this.spec.get(id) ?? null;
  }

  committedBlock(id: Digest): Block | null {
    const h = this.committed.get(id);
    return h === undefined ? null : this.chain[h]!.block;
  }

  isCommitted(id: Digest): boolean {
    return this.committed.has(id);
  }

  /** A block held either as pending or as committed. */
  knows(id: Digest): boolean {
    return this.spec.has(id) || this.committed.has(id);
  }

  /** Both the block a VoteInfo names and its parent are held (pending or committed). */
  knowsBlocksOf(vi: VoteInfo): boolean {
    if (vi === this.knownA || vi === this.knownB) return true;
    if (!this.knows(vi.id) || !this.knows(vi.parentId)) return false;
    this.knownB = this.knownA;
    this.knownA = vi;
    return true;
  }

  /**
   * §5 commit: commits `id` and its uncommitted ancestors, oldest first. A commit that does not
   * extend the tip is refused with an alarm (I1), never thrown out of the replica. Returns true when
   * the tip moved.
   */
  commit(id: Digest, onCommit: CommitSink, onAlarm: AlarmSink): boolean {
    // [C] Repeated QCs are no-ops. Most name the tip itself, which a string comparison settles
    // without a Map probe.
    if (id === this.tip().block.id || this.committed.has(id)) return false;
    const path: SpecEntry[] = [];
    let cur: Digest | null = id;
    while (cur !== null && !this.committed.has(cur)) {
      const e = this.spec.get(cur);
      if (e === undefined) {
        const why = this.pruned.has(cur) ? 'was pruned as off the committed chain' : 'is neither pending nor committed';
        this.alarmOnce(cur, `commit of ${short(id)} does not extend committed tip ${short(this.tip().block.id)} `
          + `(height ${this.height()}): block ${short(cur)} ${why}`, onAlarm);
        return false;
      }
      path.push(e);
      cur = e.parentId;
    }
    const tipId = this.tip().block.id;
    if (cur !== tipId) {
      const forkAt = path[path.length - 1]!.block;
      this.alarmOnce(forkAt.id, `commit of ${short(id)} does not extend committed tip ${short(tipId)} `
        + `(height ${this.height()}): branch leaves the chain at ${short(cur ?? 'none')}, height `
        + `${cur === null ? '?' : this.committed.get(cur)}`, onAlarm);
      return false;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const e = path[i]!;
      const entry: ChainEntry = { block: e.block, state: e.state, app: e.app, results: e.results };
      this.committed.set(e.block.id, this.chain.length);
      this.chain.push(entry);
      // Indexed, not for-of: payloads are frozen, and V8 iterates a frozen array through an iterator
      // object per loop.
      const payload = e.block.payload;
      for (let k = 0; k < payload.length; k++) this.committedKeys.add(payload[k]!);
      onCommit(entry, this.chain.length - 1);
    }
    this.pruneToTip();
    return true;
  }

  private alarmOnce(key: Digest, detail: string, onAlarm: AlarmSink): void {
    if (this.alarmedForks.has(key)) return;
    this.alarmedForks.add(key);
    onAlarm(detail);
  }

  /** §6 pruneTo: the new root is the tip; every pending block that does not descend from it goes. */
  private pruneToTip(): void {
    const tip = this.tip().block;
    this.spec.forEach((e, id) => {
      if (id === tip.id || this.descendsFromTip(e, tip)) return;
      if (!this.committed.has(id)) this.forget(id);
      this.spec.delete(id);
    });
    if (this.blocks !== null) {
      // The log keeps only what is still pending: rounds strictly increase along the chain.
      let keep = 0;
      for (const b of this.blocks) if (this.spec.has(b.id)) this.blocks[keep++] = b;
      this.blocks.length = keep;
    }
    const root = this.spec.get(tip.id)!;
    if (root.parentId !== null) {
      this.spec.set(tip.id, { block: root.block, parentId: null, state: root.state, results: root.results, app: root.app });
    }
  }

  /** A pending block dropped by pruning is no longer held: knowsBlocksOf must ask again. */
  private forget(id: Digest): void {
    this.pruned.add(id);
    this.knownA = null;
    this.knownB = null;
  }

  /** Rounds strictly increase along a branch, so the walk stops at the tip's round. */
  private descendsFromTip(e: SpecEntry, tip: Block): boolean {
    let cur: SpecEntry | undefined = e;
    while (cur !== undefined && cur.block.round > tip.round && cur.parentId !== null) {
      if (cur.parentId === tip.id) return true;
      cur = this.spec.get(cur.parentId);
    }
    return false;
  }

  /** Pending block ids, oldest insertion first (for tests and diagnostics). */
  pendingIds(): Digest[] {
    return [...this.spec.keys()];
  }
}
