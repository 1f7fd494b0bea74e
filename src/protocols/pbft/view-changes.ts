// View change, the replica's part (pbft.md §5): on a timeout a backup multicasts VIEW-CHANGE(w) with
// its stable checkpoint proof and prepared certificates; f+1 view-changes for higher views make a
// replica join (D10); the primary of w, holding Q of them (its own included, C9), multicasts
// NEW-VIEW with the pre-prepares O it re-issues; a replica checks V, recomputes O and enters w.
// Timeouts double per attempt (§5.1: T·2^(k-1), capped at 64T) until a new request executes.
import type { NodeId } from '../../kernel/actor.js';
import { quorumSize } from './bugs.js';
import { newViewDigest, viewChangeDigest } from './digests.js';
import type { PbftReplica } from './replica.js';
import type { NewView, PrePrepare, ViewChange } from './types.js';
import { computeO, signO, validViewChange, type VcParams } from './view-change.js';

export class ViewChanges {
  inViewChange = false;
  /** w while a view change runs; otherwise the current view. */
  pendingView: number;
  /** k: view changes since the last new execution. */
  attempt = 0;
  /** Valid VIEW-CHANGEs for views above the current one, the first per sender. */
  private readonly received = new Map<number, Map<NodeId, ViewChange>>();
  private readonly newViewSent = new Set<number>();
  /** This replica's latest VIEW-CHANGE, re-sent while the view change runs (C6). */
  private lastVc: ViewChange | null = null;
  /** The NEW-VIEW this replica sent as primary, sent again to a replica still changing views. */
  private lastNv: NewView | null = null;

  constructor(private readonly r: PbftReplica) {
    this.pendingView = r.state.view;
  }

  private params(): VcParams {
    const r = this.r;
    return { n: r.n, quorum: quorumSize('quorum', r.n), prepareQuorum: quorumSize(r.ruleSet.prepareQuorum, r.n, 1),
      checkpointPeriod: r.options.checkpointPeriod, logSize: r.options.logSize, primary: (v) => r.primary(v) };
  }

  /** §5.1: the k-th wait of a view change, T·2^(min(k,7)-1). */
  private vcTimeout(k: number): number {
    return this.r.baseTimeout * 2 ** (Math.min(Math.max(k, 1), 7) - 1);
  }

  /** T6. */
  onTimeout(): void {
    this.attempt++;
    this.start((this.inViewChange ? this.pendingView : this.r.state.view) + 1);
  }

  /** §5.2: multicasts VIEW-CHANGE(w) and stops the normal case until a NEW-VIEW for w or above. */
  private start(w: number): void {
    const r = this.r;
    this.inViewChange = true;
    this.pendingView = w;
    const h = r.state.h;
    const P = [...r.prepared.values()].filter((c) => c.pp.seq > h && c.pp.seq <= h + r.options.logSize)
      .sort((a, b) => a.pp.seq - b.pp.seq);
    const C = r.state.proof;
    const vc: ViewChange = { kind: 'view-change', v: w, C, P, i: r.id, sig: r.keys.sign(r.id, viewChangeDigest(w, C, P, r.id)) };
    r.observe({ type: 'view-change', round: w + 1, certificates: P.length });
    this.lastVc = vc;
    r.emit({ kind: 'broadcast', msg: vc });
    r.setTimer(null);                                                       // T4
  }

  onViewChange(from: NodeId, vc: ViewChange): void {
    const r = this.r;
    if (from !== vc.i) return r.reject('view-change', `view-change by ${String(vc.i)} sent by ${from}`);
    const sigOk = vc.sig?.signer === vc.i && r.keys.verify(vc.sig, viewChangeDigest(vc.v, vc.C, vc.P, vc.i));
    const problem = validViewChange(r.keys, vc, this.params(), sigOk);
    if (problem !== null) return r.reject('view-change', problem);
    if (vc.v <= r.state.view) return this.answerLate(vc);
    let bySender = this.received.get(vc.v);
    if (bySender === undefined) this.received.set(vc.v, (bySender = new Map()));
    if (!bySender.has(vc.i)) bySender.set(vc.i, vc);
    this.join();
    this.progress();
  }

  /** C6: while the view change runs, re-sends the VIEW-CHANGE, and asks all for committed entries it lacks. */
  resend(): void {
    if (this.lastVc === null) return;
    this.r.emit({ kind: 'broadcast', msg: this.lastVc });
    this.r.fetchFromAll();
  }

  /**
   * C6: a VIEW-CHANGE for this view or an older one comes from a replica that missed the NEW-VIEW;
   * the primary of the current view sends it the NEW-VIEW again, which it accepts (N2 admits a view
   * at or above the one it is changing to).
   */
  private answerLate(vc: ViewChange): void {
    const r = this.r;
    if (this.inViewChange || this.lastNv === null || this.lastNv.v !== r.state.view || vc.i === r.id) return;
    r.emit({ kind: 'send', to: vc.i, msg: this.lastNv });
  }

  /** D10: the largest view that f+1 senders reach or exceed, if above this replica's target. */
  private join(): void {
    const target = this.inViewChange ? this.pendingView : this.r.state.view;
    const highest = new Map<NodeId, number>();
    for (const [v, bySender] of this.received) {
      if (v <= target) continue;
      for (const i of bySender.keys()) highest.set(i, Math.max(highest.get(i) ?? 0, v));
    }
    const f = Math.floor((this.r.n - 1) / 3);
    const views = [...highest.values()].sort((a, b) => b - a);
    if (views.length >= f + 1) this.start(views[f]!);
  }

  /** T4, C9 and the NEW-VIEW of the new primary. */
  private progress(): void {
    const r = this.r;
    const w = this.pendingView;
    const q = quorumSize(r.ruleSet.viewChangeQuorum, r.n);
    const held = this.received.get(w);
    if (!this.inViewChange || held === undefined) return;
    if (held.size >= q && !r.timerArmed && r.primary(w) !== r.id) r.setTimer(this.vcTimeout(this.attempt));
    if (r.primary(w) !== r.id || this.newViewSent.has(w) || !held.has(r.id) || held.size < q) return;
    const own = held.get(r.id)!;
    const V = [own, ...[...held.values()].filter((x) => x.i !== r.id).sort((a, b) => a.i - b.i).slice(0, q - 1)]
      .sort((a, b) => a.i - b.i);
    const O = signO(r.keys, r.id, w, this.computeBatches(V));
    this.newViewSent.add(w);
    this.lastNv = { kind: 'new-view', v: w, V, O, i: r.id, sig: r.keys.sign(r.id, newViewDigest(w, V, O, r.id)) };
    r.emit({ kind: 'broadcast', msg: this.lastNv });
  }

  private computeBatches(V: readonly ViewChange[]): ReturnType<typeof computeO>['batches'] {
    const o = computeO(V);
    return this.r.ruleSet.newPrimaryUsesCerts ? o.batches : o.batches.map((b) => ({ seq: b.seq, marker: '', txns: [] }));
  }

  /** The replica entered view `v` without its NEW-VIEW (./later-view.ts): any view change up to `v` is over. */
  enteredWithoutNewView(v: number): void {
    this.inViewChange = false;
    this.pendingView = v;
    for (const w of [...this.received.keys()]) if (w <= v) this.received.delete(w);
  }

  /** §5.4: NEW-VIEW from primary(v) with Q valid view-changes for v and exactly the O they yield. */
  onNewView(from: NodeId, nv: NewView): void {
    const r = this.r;
    const floor = this.inViewChange ? this.pendingView : r.state.view + 1;
    if (!Number.isSafeInteger(nv.v) || nv.v < floor) return;
    const problem = this.checkNewView(from, nv);
    if (problem !== null) return r.reject('new-view', problem);
    const { proof } = computeO(nv.V);
    const wasArmed = r.timerArmed;
    r.observe({ type: 'cert-accepted', cert: 'new-view', view: nv.v, seq: proof.seq, digest: proof.d, signers: nv.V.map((x) => x.i) });
    this.inViewChange = false;
    this.pendingView = nv.v;
    for (const v of [...this.received.keys()]) if (v <= nv.v) this.received.delete(v);
    if (proof.seq > r.state.h) {
      const behind = r.lastExec < proof.seq;
      r.advanceTo(proof);
      if (behind && proof.msgs.length > 0) r.fetchFrom(proof.msgs.find((m) => m.i !== r.id)?.i ?? proof.msgs[0]!.i);
    }
    r.enterView(nv.v, nv.O);
    if (r.primary(nv.v) === r.id) r.setTimer(null);                          // T5
    else if (!wasArmed && r.waiting) r.setTimer(this.vcTimeout(this.attempt));
    else if (!wasArmed) r.waitIdle();
  }

  private checkNewView(from: NodeId, nv: NewView): string | null {
    const r = this.r;
    const primary = r.primary(nv.v);
    if (from !== primary || nv.i !== primary) return `new-view for view ${nv.v} from ${from}, its primary is ${primary}`;
    if (nv.sig?.signer !== primary || !r.keys.verify(nv.sig, newViewDigest(nv.v, nv.V, nv.O, nv.i))) return 'new-view signature does not verify';
    if (!Array.isArray(nv.V) || !Array.isArray(nv.O)) return 'malformed new-view';
    const q = quorumSize(r.ruleSet.viewChangeQuorum, r.n);
    const senders = new Set(nv.V.map((x) => x.i));
    if (senders.size !== nv.V.length || nv.V.length < q) return `V holds ${senders.size} distinct senders, need ${q}`;
    const params = this.params();
    for (const x of nv.V) {
      if (x.v !== nv.v) return `V holds a view-change to ${x.v}`;
      const sigOk = x.sig?.signer === x.i && r.keys.verify(x.sig, viewChangeDigest(x.v, x.C, x.P, x.i));
      const bad = validViewChange(r.keys, x, params, sigOk);
      if (bad !== null) return `V: ${bad}`;
    }
    const want = this.computeBatches(nv.V);
    if (want.length !== nv.O.length) return `O holds ${nv.O.length} pre-prepares, V yields ${want.length}`;
    const expected = signO(r.keys, primary, nv.v, want);
    for (let k = 0; k < want.length; k++) if (!samePrePrepare(expected[k]!, nv.O[k]!)) return `O differs at seq ${want[k]!.seq}`;
    return null;
  }
}

function samePrePrepare(a: PrePrepare, b: PrePrepare): boolean {
  return a.v === b.v && a.seq === b.seq && a.d === b.d && a.sig.value === b.sig?.value && a.sig.signer === b.sig.signer;
}
