// A PBFT replica (pbft.md §3-§4): a pure state machine. Normal case: the primary of the view assigns
// each batch of client requests a sequence number inside the watermarks (h, h+L] and multicasts a
// signed PRE-PREPARE; backups answer with PREPARE; a replica prepared (pre-prepare + Q-1 matching
// prepares of distinct backups) multicasts COMMIT; committed-local (Q matching commits) lets it
// execute in sequence order through the service and send signed replies. Checkpoints every K
// sequence numbers become stable with Q matching CHECKPOINTs, truncate the log and move the window.
// A replica whose window falls behind (a CHECKPOINT above h+L) fetches the committed entries, each
// proven by Q commits, from the replica that sent it.
import type { Actor, ActorInput, ActorOutput, ClientTxn, NodeId } from '../../kernel/actor.js';
import { cryptoFor, type Crypto } from '../../kernel/crypto.js';
import type { Digest } from '../../kernel/hash.js';
import type { ReplicaContext } from '../../kernel/protocol-module.js';
import type { Service } from '../../kernel/service.js';
import type { Store } from '../../kernel/store.js';
import { unreachable } from '../../kernel/unreachable.js';
import { quorumSize, rulesFor, type PbftRules } from './bugs.js';
import { validVote, validPrePrepare } from './checks.js';
import { Checkpoints } from './checkpoints.js';
import { prePrepareDigest, voteDigest, batchDigest } from './digests.js';
import { executeBatch, txnKey, type Durable } from './execution.js';
import type { PbftObservation } from './observations.js';
import { pbftOptions, type PbftOptions } from './options.js';
import { resendSlots } from './retransmit.js';
import { matching, SlotLog, type Slot } from './slots.js';
import { ReplicaTimer } from './timer.js';
import { entersLaterView } from './later-view.js';
import { GENESIS } from './view-change.js';
import type { Batch, CheckpointProof, CommittedEntry, NewView, PbftMessage, PreparedCert, PrePrepare, ViewChange, Vote } from './types.js';
import { ViewChanges } from './view-changes.js';

type Out = ActorOutput<PbftMessage, PbftObservation>;

const STORE_KEY = 'pbft';

export class PbftReplica implements Actor<PbftMessage, PbftObservation> {
  private readonly crypto: Crypto;
  private readonly rules: PbftRules;
  private readonly opts: PbftOptions;
  private readonly service: Service;
  private readonly st: Durable;
  /** Log slots, for seq in (h, h+L]. */
  private readonly slots: SlotLog;
  /** Committed-local entries not yet executed, by seq. */
  private readonly ready = new Map<number, CommittedEntry>();
  /** Every executed entry with its commit proof, index seq-1: what a fetch is answered from. */
  private readonly executed: CommittedEntry[];
  /** Client requests received and not yet executed, in arrival order, by key. */
  private readonly pending = new Map<string, ClientTxn>();
  /** Keys the primary already ordered in this view. */
  private readonly assigned = new Set<string>();
  /** §4.7-§4.8 checkpoints and catching up; see ./checkpoints.ts. */
  private readonly cp: Checkpoints;
  /** The highest-view prepared certificate per seq > h (pbft.md §3 preparedCerts). */
  readonly prepared = new Map<number, PreparedCert>();
  /** §5 view change; see ./view-changes.ts. */
  private readonly vc: ViewChanges;
  /** PRE-PREPARE, PREPARE and COMMIT of views not yet entered, replayed on entering (C5). */
  private readonly future = new Map<number, { from: NodeId; msg: PrePrepare | Vote }[]>();
  /** The replica timer (§5.1) and the RetransmitTimer (C6) on the kernel's one timer. */
  private readonly timer: ReplicaTimer;
  /** The highest seq O re-issued on entering the current view: batches above it are new in the view. */
  private viewBase = 0;
  /** Whether the primary may order an empty batch: at start, on entering a view, and once per retransmission period. */
  private beat = true;
  /** Whether the armed replica timer is the idle wait, which a request's wait replaces. */
  private idling = false;
  private out: Out[] = [];

  constructor(private readonly ctx: ReplicaContext, store: Store) {
    this.rules = rulesFor(ctx.bugs);
    this.slots = new SlotLog(this.rules.onePrePreparePerSlot);
    this.opts = pbftOptions(ctx.options);
    this.crypto = cryptoFor(ctx.crypto, ctx.chainSeed);
    this.service = ctx.service;
    let saved = store.data.get(STORE_KEY) as { st: Durable; executed: CommittedEntry[] } | undefined;
    if (saved === undefined) {
      saved = { st: { view: 0, nextSeq: 1, h: 0, proof: { seq: 0, d: GENESIS, msgs: [] }, app: ctx.service.initial(), stateId: 'genesis', tip: 'genesis',
        executedKeys: new Set(), replies: new Map(), voted: new Map() }, executed: [] };
      store.data.set(STORE_KEY, saved);
    }
    this.st = saved.st;
    this.executed = saved.executed;
    this.timer = new ReplicaTimer(ctx.roundTimeoutTicks);
    this.vc = new ViewChanges(this);
    this.cp = new Checkpoints(this);
  }

  step(input: ActorInput<PbftMessage>): readonly Out[] {
    this.out = [];
    switch (input.kind) {
      case 'start':
        this.observe({ type: 'enter-round', round: this.st.view + 1, via: 'start' });
        if (this.primary(this.st.view) !== this.ctx.id) this.waitIdle();
        this.tryAssign();
        break;
      case 'client': this.onRequest(input.txn); break;
      case 'timer': this.onTimer(input.round); break;
      case 'message': this.onMessage(input.from, input.msg); break;
      default: unreachable(input);
    }
    if (this.timer.idle && this.needsResend()) this.timer.resendLater(this.out);
    return this.out;
  }

  private onTimer(round: number): void {
    const firing = this.timer.fire(round, this.out);
    switch (firing) {
      case 'expired': this.vc.onTimeout(); break;
      case 'resend': this.resend(); this.beat = true; this.tryAssign(); break;
      case 'stale': break;
      default: unreachable(firing);
    }
  }

  /** C6: whether this replica has something peers may have lost and still need, or is a primary (its beat). */
  private needsResend(): boolean {
    return this.vc.inViewChange || this.cp.unstable || this.primary(this.st.view) === this.ctx.id;
  }

  /** C6: re-sends the view change, the in-window normal-case messages and unstable checkpoints. */
  private resend(): void {
    if (this.vc.inViewChange) this.vc.resend();
    else resendSlots(this, this.openSlots());
    this.cp.resend();
  }

  /** The slots of the current view above the last executed seq, in seq order. */
  private openSlots(): { pp: PrePrepare; mine: readonly Vote[] }[] {
    const v = this.st.view;
    const open: { pp: PrePrepare; mine: readonly Vote[] }[] = [];
    for (let seq = this.lastExec + 1; seq <= this.st.h + this.opts.logSize; seq++) {
      const s = this.slots.find(v, seq);
      if (s?.pp) open.push({ pp: s.pp, mine: s.mine });
    }
    return open;
  }

  private onMessage(from: NodeId, msg: PbftMessage): void {
    switch (msg.kind) {
      case 'pre-prepare': this.onPrePrepare(from, msg); break;
      case 'prepare': this.onPrepare(from, msg); break;
      case 'commit': this.onCommit(from, msg); break;
      case 'checkpoint': this.cp.onCheckpoint(from, msg); break;
      case 'fetch': this.cp.onFetch(from, msg); break;
      case 'committed': this.cp.onCommitted(msg); break;
      case 'view-change': this.vc.onViewChange(from, msg as ViewChange); break;
      case 'new-view': this.vc.onNewView(from, msg as NewView); break;
      default: unreachable(msg);
    }
  }

  get n(): number { return this.ctx.n; }
  get id(): NodeId { return this.ctx.id; }
  get state(): Durable { return this.st; }
  get options(): PbftOptions { return this.opts; }
  get ruleSet(): PbftRules { return this.rules; }
  get keys(): Crypto { return this.crypto; }
  /** T: the base timeout of the replica timer (§5.1). */
  get baseTimeout(): number { return this.ctx.roundTimeoutTicks; }
  /**
   * How long an idle backup waits for the next batch: the primary orders an empty batch at least once
   * per retransmission period T (tryAssign), so a primary silent for 3T is suspected like one that
   * leaves a request waiting.
   */
  get idleWait(): number { return 3 * this.ctx.roundTimeoutTicks; }
  primary(v: number): NodeId { return this.ctx.leaderOverride?.(v + 1) ?? v % this.n; }
  private inWindow(seq: number): boolean { return seq > this.st.h && seq <= this.st.h + this.opts.logSize; }
  get lastExec(): number { return this.executed.length; }
  /** Whether a client request or an accepted pre-prepare of the current view waits to execute. */
  get waiting(): boolean { return this.pending.size > 0 || this.awaitsSlot(); }
  emit(o: Out): void { this.out.push(o); }
  observe(obs: PbftObservation): void { this.out.push({ kind: 'observe', obs }); }
  reject(what: string, detail: string): void { this.observe({ type: 'reject', what, detail }); }

  /** Arms the replica timer for `ticks` (replacing an armed one), or cancels it with null. */
  setTimer(ticks: number | null): void {
    this.idling = false;
    this.timer.set(ticks, this.out);
  }

  /** Arms the replica timer for the idle wait. */
  waitIdle(): void {
    this.setTimer(this.idleWait);
    this.idling = true;
  }

  get timerArmed(): boolean { return this.timer.running; }

  /**
   * T1: a backup arms its timer for T when a new request waits, or a pre-prepare it accepted waits to
   * execute (an empty batch stands for a request here), and no view change runs.
   */
  private armForRequest(): void {
    if ((!this.timerArmed || this.idling) && !this.vc.inViewChange && this.primary(this.st.view) !== this.ctx.id) this.setTimer(this.ctx.roundTimeoutTicks);
  }

  /** Whether an accepted pre-prepare of the current view waits to execute. */
  private awaitsSlot(): boolean {
    return this.openSlots().some((s) => s.pp.seq > this.lastExec);
  }

  /** §5.2, C5: whether a normal-case message is for the current view; one for a later view is kept. */
  private admit(from: NodeId, msg: PrePrepare | Vote): boolean {
    const floor = this.vc.inViewChange ? this.vc.pendingView : this.st.view + 1;
    if (msg.v >= floor && entersLaterView(this.rules, msg)) {
      this.vc.enteredWithoutNewView(msg.v);
      this.enterView(msg.v, [], 'pre-prepare');
      return true;
    }
    if (msg.v >= floor) {
      let buf = this.future.get(msg.v);
      if (buf === undefined) this.future.set(msg.v, (buf = []));
      if (buf.length < this.opts.logSize * 3 * this.n) buf.push({ from, msg });
      // A pre-prepare of a later view means this replica missed a view change: its timer moves it on,
      // and the primary of that view answers its VIEW-CHANGE with the NEW-VIEW (./view-changes.ts).
      if (msg.kind === 'pre-prepare' && !this.vc.inViewChange && (!this.timerArmed || this.idling)) this.setTimer(this.ctx.roundTimeoutTicks);
      return false;
    }
    return msg.v === this.st.view && !this.vc.inViewChange;
  }

  private slot(v: number, seq: number, d: Digest): Slot {
    return this.slots.at(v, seq, d);
  }

  // §4.1 REQUEST: a request already executed is answered from the stored reply; a new one waits in
  // `pending` for the primary to order it.
  private onRequest(txn: ClientTxn): void {
    const key = txnKey(txn);
    if (this.st.executedKeys.has(key)) {
      const r = this.st.replies.get(key);
      if (r !== undefined) this.out.push({ kind: 'reply', reply: r });
      return;
    }
    if (this.pending.has(key)) return;
    this.pending.set(key, txn);
    this.armForRequest();
    this.tryAssign();
  }

  // §4.1 tryAssign: the primary orders pending requests in batches while the window has room. With
  // nothing pending and nothing in flight it orders an empty batch once per retransmission period
  // (on entering its view at once), so the log keeps growing without clients.
  tryAssign(): void {
    const v = this.st.view;
    if (this.primary(v) !== this.ctx.id || this.vc.inViewChange) return;
    while (this.st.nextSeq <= this.st.h + this.opts.logSize) {
      const txns: ClientTxn[] = [];
      for (const [key, t] of this.pending) {
        if (txns.length >= this.opts.batchSize) break;
        if (!this.assigned.has(key)) txns.push(t);
      }
      if (txns.length === 0 && (this.st.nextSeq > this.lastExec + 1 || !this.beat)) return;
      if (txns.length === 0) this.beat = false;
      for (const t of txns) this.assigned.add(txnKey(t));
      const batch: Batch = { seq: this.st.nextSeq++, marker: this.ctx.marker, txns };
      const d = batchDigest(batch);
      const pp: PrePrepare = { kind: 'pre-prepare', v, seq: batch.seq, d, batch,
        sig: this.crypto.sign(this.ctx.id, prePrepareDigest(v, batch.seq, d)) };
      this.observe({ type: 'propose', round: v + 1, blockId: d, parentId: this.st.tip });
      this.out.push({ kind: 'broadcast', msg: pp });
      if (txns.length === 0) return;
    }
  }

  // §4.2 PRE-PREPARE: from the primary of the current view, inside the window, the first for (v, seq).
  private onPrePrepare(from: NodeId, pp: PrePrepare): void {
    const problem = validPrePrepare(this.crypto, pp, from, this.primary(pp.v));
    if (problem !== null) return this.reject('pre-prepare', problem);
    if (!this.admit(from, pp)) return;
    if (!this.inWindow(pp.seq)) return this.reject('pre-prepare', `seq ${pp.seq} outside (${this.st.h}, ${this.st.h + this.opts.logSize}]`);
    const s = this.slot(pp.v, pp.seq, pp.d);
    if (s.pp !== null) {
      if (s.pp.d !== pp.d) this.reject('pre-prepare', `(${pp.v}, ${pp.seq}) already holds ${s.pp.d.slice(0, 8)}, got ${pp.d.slice(0, 8)}`);
      // C6: the primary re-sent it, so some replica lacks this slot's votes: re-send this replica's own.
      else for (const x of s.mine) this.out.push({ kind: 'broadcast', msg: x });
      return;
    }
    this.acceptPrePrepare(pp);
  }

  /** Takes `pp` into its slot, prepares it as a backup, and waits for its requests (§4.2). */
  acceptPrePrepare(pp: PrePrepare): void {
    const s = this.slot(pp.v, pp.seq, pp.d);
    if (s.pp !== null) return;
    s.pp = pp;
    for (const t of pp.batch.txns) {
      const key = txnKey(t);
      if (!this.st.executedKeys.has(key) && !this.pending.has(key)) { this.pending.set(key, t); this.armForRequest(); }
    }
    if (pp.seq > this.lastExec) this.armForRequest();
    if (this.primary(pp.v) !== this.ctx.id) this.vote('prepare', pp.v, pp.seq, pp.d);
    this.checkPrepared(pp.v, pp.seq, pp.d);
  }

  /** Signs and multicasts a PREPARE or COMMIT, never for two digests at one (v, seq). */
  private vote(kind: 'prepare' | 'commit', v: number, seq: number, d: Digest): boolean {
    const key = `${kind}/${this.slots.key(v, seq, d)}`;
    const before = this.st.voted.get(key);
    if (before !== undefined && before !== d) return false;
    this.st.voted.set(key, d);
    const i = this.ctx.id;
    const msg: Vote = { kind, v, seq, d, i, sig: this.crypto.sign(i, voteDigest(kind, v, seq, d, i)) };
    this.slot(v, seq, d).mine.push(msg);
    this.out.push({ kind: 'broadcast', msg });
    return true;
  }

  // §4.3 PREPARE: from a backup of the current view, inside the window; the first per sender is kept.
  private onPrepare(from: NodeId, x: Vote): void {
    const problem = validVote(this.crypto, x, from, this.n);
    if (problem !== null) return this.reject('prepare', problem);
    if (!this.admit(from, x) || !this.inWindow(x.seq)) return;
    if (x.i === this.primary(x.v)) return this.reject('prepare', `from the primary ${x.i} of view ${x.v}`);
    const s = this.slot(x.v, x.seq, x.d);
    if (!s.prepares.has(x.i)) s.prepares.set(x.i, x);
    this.checkPrepared(x.v, x.seq, x.d);
  }

  // §4.4 COMMIT: from any replica of the current view, inside the window; the first per sender is kept.
  private onCommit(from: NodeId, x: Vote): void {
    const problem = validVote(this.crypto, x, from, this.n);
    if (problem !== null) return this.reject('commit', problem);
    if (!this.admit(from, x) || !this.inWindow(x.seq)) return;
    const s = this.slot(x.v, x.seq, x.d);
    if (!s.commits.has(x.i)) s.commits.set(x.i, x);
    this.checkCommitted(x.v, x.seq, x.d);
  }

  private checkPrepared(v: number, seq: number, d: Digest): void {
    const s = this.slot(v, seq, d);
    if (s.pp === null || s.sentCommit) return;
    const q = quorumSize(this.rules.prepareQuorum, this.n, 1);
    const prepares = matching(s.prepares, s.pp.d);
    if (prepares.length < q) return;
    const held = this.prepared.get(seq);
    if (held === undefined || held.pp.v <= v) this.prepared.set(seq, { pp: s.pp, prepares: prepares.slice(0, q) });
    this.observe({ type: 'cert-accepted', cert: 'prepared', view: v, seq, digest: s.pp.d,
      signers: [this.primary(v), ...prepares.slice(0, q).map((x) => x.i)] });
    s.sentCommit = this.vote('commit', v, seq, s.pp.d);
    this.checkCommitted(v, seq, d);
  }

  private checkCommitted(v: number, seq: number, d: Digest): void {
    const s = this.slot(v, seq, d);
    if (s.pp === null || !s.sentCommit || s.committed) return;
    const q = quorumSize(this.rules.commitQuorum, this.n);
    const commits = matching(s.commits, s.pp.d);
    if (commits.length < q) return;
    s.committed = true;
    this.observe({ type: 'cert-accepted', cert: 'committed', view: v, seq, digest: s.pp.d, signers: commits.slice(0, q).map((x) => x.i) });
    this.commitLocal({ v, batch: s.pp.batch, d: s.pp.d, commits: commits.slice(0, q) });
  }

  commitLocal(e: CommittedEntry): void {
    const seq = e.batch.seq;
    const known = seq <= this.lastExec ? this.executed[seq - 1] : this.ready.get(seq);
    if (known !== undefined) {
      if (known.d !== e.d) this.observe({ type: 'alarm', detail: `seq ${seq} committed ${known.d.slice(0, 8)} and ${e.d.slice(0, 8)}` });
      return;
    }
    this.ready.set(seq, e);
    this.tryExecute();
  }

  // §4.5-§4.7 execution in sequence order, replies, and a checkpoint every K.
  private tryExecute(): void {
    for (let e = this.ready.get(this.lastExec + 1); e !== undefined; e = this.ready.get(this.lastExec + 1)) {
      this.ready.delete(e.batch.seq);
      const parentId = this.st.tip;
      const x = executeBatch(this.service, this.crypto, this.ctx.id, this.st, e.batch, e.d);
      this.executed.push(e);
      for (const t of e.batch.txns) { this.pending.delete(txnKey(t)); this.assigned.delete(txnKey(t)); }
      this.afterExecution(e, x.results.some((r) => r !== 'duplicate'));
      this.observe({ type: 'commit', height: e.batch.seq, blockId: e.d, round: e.v + 1, stateId: this.st.stateId,
        author: this.primary(e.v), parentId, requests: e.batch.txns, results: x.results, serviceDigest: x.serviceDigest });
      for (const r of x.replies) this.out.push({ kind: 'reply', reply: r });
      if (e.batch.seq % this.opts.checkpointPeriod === 0) this.cp.take(e.batch.seq);
    }
    this.tryAssign();
  }

  /**
   * §4.6 step 3 and T3. A new client request ran, or a batch new in the current view (the view
   * works): the view change (if any) is over. A backup whose wait is over waits for the next batch
   * (idleWait); it re-arms its timer for T after a new request ran while others wait, or after a new
   * batch when only batches wait (a batch never restarts the wait for a request).
   */
  private afterExecution(e: CommittedEntry, newRequest: boolean): void {
    const newInView = e.v === this.st.view && e.batch.seq > this.viewBase;
    if (newRequest || newInView) this.vc.attempt = 0;
    if (this.primary(this.st.view) === this.ctx.id || this.vc.inViewChange) return;
    if (this.pending.size === 0 && !this.awaitsSlot()) {
      if (newInView || !this.timerArmed) this.waitIdle();
    }
    else if (newRequest || (this.pending.size === 0 && newInView)) this.setTimer(this.ctx.roundTimeoutTicks);
  }

  /** §4.8: `proof` becomes the stable checkpoint; the log at and below it is discarded. */
  advanceTo(proof: CheckpointProof): void {
    if (proof.seq <= this.st.h) return;
    this.st.h = proof.seq;
    this.st.proof = proof;
    this.slots.dropUpTo(proof.seq);
    for (const k of this.prepared.keys()) if (k <= proof.seq) this.prepared.delete(k);
    this.cp.truncate(proof.seq);
  }

  /** Executed entries from `seq` on, with their commit proofs. */
  executedFrom(seq: number): readonly CommittedEntry[] {
    return this.executed.slice(seq - 1);
  }

  /** Asks `to` for the committed entries this replica has not executed. */
  fetchFrom(to: NodeId): void {
    this.cp.fetchFrom(to);
  }

  /** Asks every replica for the committed entries this replica has not executed. */
  fetchFromAll(): void {
    this.cp.fetchFrom(null);
  }

  /** §5.5: enters view `v` with the re-issued pre-prepares `O`; replays what waited for it (C5). */
  enterView(v: number, O: readonly PrePrepare[], via: 'new-view' | 'pre-prepare' = 'new-view'): void {
    this.st.view = v;
    this.viewBase = Math.max(this.st.h, O.length === 0 ? 0 : O[O.length - 1]!.seq);
    this.beat = true;
    this.assigned.clear();
    this.observe({ type: 'enter-round', round: v + 1, via });
    for (const pp of O) if (pp.seq > this.st.h) this.acceptPrePrepare(pp);
    if (this.primary(v) === this.ctx.id) this.st.nextSeq = Math.max(this.st.h, O.length === 0 ? 0 : O[O.length - 1]!.seq) + 1;
    for (const w of [...this.future.keys()]) {
      const buf = this.future.get(w)!;
      if (w > v) continue;
      this.future.delete(w);
      if (w === v) for (const { from, msg } of buf) this.onMessage(from, msg);
    }
    this.tryAssign();
  }
}
