// Checkpoints and catching up (pbft.md §4.7-§4.8): after every K sequence numbers a replica
// multicasts CHECKPOINT with its state digest; Q matching ones from distinct replicas make it stable
// and move the window. CHECKPOINTs are kept for any seq above h: one above h+L means this replica
// fell behind, and it fetches the committed entries it missed from the sender, each proven by Q
// commits (./checks.ts validCommitted).
import type { NodeId } from '../../kernel/actor.js';
import type { Digest } from '../../kernel/hash.js';
import { quorumSize } from './bugs.js';
import { validCheckpoint, validCommitted, validFetch } from './checks.js';
import { checkpointDigest, fetchDigest } from './digests.js';
import type { PbftReplica } from './replica.js';
import type { Checkpoint, Committed, Fetch } from './types.js';

export class Checkpoints {
  /** Received CHECKPOINTs with seq > h, by seq then sender. */
  private readonly received = new Map<number, Map<NodeId, Checkpoint>>();
  /** Own checkpoint digests with seq >= h. */
  private readonly own = new Map<number, Digest>();
  /** The highest checkpoint seq a fetch was sent for. */
  private fetchedFor = 0;
  /** `sender/seq` of the checkpoints at or below h already answered with this replica's own (C6). */
  private readonly answered = new Set<string>();

  constructor(private readonly r: PbftReplica) {}

  /** §4.7: after executing `seq` (a multiple of K). */
  take(seq: number): void {
    const r = this.r;
    this.own.set(seq, r.state.stateId);
    this.send(seq, r.state.stateId, null);
  }

  onCheckpoint(from: NodeId, c: Checkpoint): void {
    const r = this.r;
    const problem = validCheckpoint(r.keys, c, from, r.n, r.options.checkpointPeriod);
    if (problem !== null) return r.reject('checkpoint', problem);
    if (c.seq <= r.state.h) return this.answer(c);
    let bySender = this.received.get(c.seq);
    if (bySender === undefined) this.received.set(c.seq, (bySender = new Map()));
    if (!bySender.has(c.i)) bySender.set(c.i, c);
    if (c.seq > r.state.h + r.options.logSize && c.seq > this.fetchedFor && c.i !== r.id) {
      this.fetchedFor = c.seq;
      this.fetchFrom(c.i);
    }
    this.checkStable(c.seq);
  }

  private checkStable(seq: number): void {
    const r = this.r;
    const bySender = this.received.get(seq);
    const mine = this.own.get(seq);
    if (bySender === undefined || mine === undefined || seq <= r.state.h) return;
    const msgs = [...bySender.values()].filter((c) => c.d === mine).sort((a, b) => a.i - b.i);
    if (msgs.length < quorumSize(r.ruleSet.checkpointQuorum, r.n)) return;
    r.observe({ type: 'checkpoint-stable', round: r.state.view + 1, seq, digest: mine, signers: msgs.map((c) => c.i) });
    r.advanceTo({ seq, d: mine, msgs });
    r.tryAssign();
  }

  /** Whether this replica took a checkpoint that is not stable yet. */
  get unstable(): boolean {
    for (const seq of this.own.keys()) if (seq > this.r.state.h) return true;
    return false;
  }

  /** C6: re-sends this replica's own checkpoints that are not stable yet. */
  resend(): void {
    for (const seq of this.own.keys()) if (seq > this.r.state.h) this.send(seq, this.own.get(seq)!, null);
  }

  /**
   * C6: a replica re-sends a checkpoint while it is not stable for it; one that holds a stable
   * checkpoint at or above it answers with its own latest, once per sender and stable seq (so two
   * replicas that both hold it stable never answer each other in a loop).
   */
  private answer(c: Checkpoint): void {
    const r = this.r;
    const key = `${c.i}/${r.state.h}`;
    if (c.i === r.id || this.answered.has(key)) return;
    this.answered.add(key);
    this.send(r.state.h, r.state.proof.d, c.i);
  }

  /** Signs and sends this replica's CHECKPOINT for `seq` to `to`, or to all with null. */
  private send(seq: number, d: Digest, to: NodeId | null): void {
    const r = this.r;
    const v = r.state.view;
    const msg: Checkpoint = { kind: 'checkpoint', v, seq, d, i: r.id, sig: r.keys.sign(r.id, checkpointDigest(v, seq, d, r.id)) };
    r.emit(to === null ? { kind: 'broadcast', msg } : { kind: 'send', to, msg });
  }

  /** Forgets what a new stable checkpoint at `seq` makes useless. */
  truncate(seq: number): void {
    for (const k of this.received.keys()) if (k <= seq) this.received.delete(k);
    for (const k of this.own.keys()) if (k < seq) this.own.delete(k);
    for (const k of this.answered) if (Number(k.split('/')[1]) < seq) this.answered.delete(k);
  }

  /** Asks `to` (or every replica, with null) for the committed entries this replica has not executed. */
  fetchFrom(to: NodeId | null): void {
    const r = this.r;
    const { view: v } = r.state;
    const fromSeq = r.lastExec + 1;
    const msg: Fetch = { kind: 'fetch', v, fromSeq, i: r.id, sig: r.keys.sign(r.id, fetchDigest(v, fromSeq, r.id)) };
    r.emit(to === null ? { kind: 'broadcast', msg } : { kind: 'send', to, msg });
  }

  onFetch(from: NodeId, f: Fetch): void {
    const r = this.r;
    const problem = validFetch(r.keys, f, from, r.n);
    if (problem !== null) return r.reject('fetch', problem);
    if (f.fromSeq > r.lastExec) return;
    const msg: Committed = { kind: 'committed', v: r.state.view, entries: r.executedFrom(f.fromSeq), i: r.id };
    r.emit({ kind: 'send', to: from, msg });
  }

  /** A fetched entry proves itself (Q matching commits of distinct replicas over its digest). */
  onCommitted(m: Committed): void {
    const r = this.r;
    const q = quorumSize(r.ruleSet.commitQuorum, r.n);
    for (const e of m.entries) {
      if (e.batch.seq <= r.lastExec) continue;
      const problem = validCommitted(r.keys, e, r.n, q);
      if (problem !== null) return r.reject('committed', problem);
      r.observe({ type: 'cert-accepted', cert: 'committed', view: e.v, seq: e.batch.seq, digest: e.d,
        signers: [...new Set(e.commits.map((x) => x.i))] });
      r.commitLocal(e);
    }
    for (const seq of [...this.own.keys()]) this.checkStable(seq);
  }
}
