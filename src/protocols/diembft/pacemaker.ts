// Pacemaker (diembft-v4 §8): round entry through a QC or TC of the previous round, the round timer,
// the f+1 Bracha join and TC formation at the TC quorum.
import type { BlockTree } from './block-tree.js';
import type { Outbox } from './outbox.js';
import type { NodeId } from './protocol.js';
import { internSigs, internTc } from './intern.js';
import { insertionSort } from './insertion-sort.js';
import type { Safety } from './safety.js';
import { rnd, type QC, type Round, type TC, type TimeoutInfo, type TimeoutMsg } from './types.js';

interface TimeoutBucket {
  readonly infos: TimeoutInfo[];
  readonly senders: Set<NodeId>;
  tcFormed: boolean;
}

const bySender = (a: TimeoutInfo, b: TimeoutInfo): number => a.sender - b.sender;

export interface PacemakerDeps {
  readonly out: Outbox;
  readonly safety: Safety;
  readonly tree: BlockTree;
  readonly f: number;
  readonly tcQuorum: number;
  /** False under B06: every timeout message counts, not every distinct sender. */
  readonly countDistinctSigners: boolean;
  /** Timeouts for the current round that make this replica join them (f+1; 1 under timeout_join_at_one). */
  readonly joinAt: number;
  /** False under tc_reenters_round: a TC of the round before the current one enters the current round again. */
  readonly tcEntryNeedsCurrentRound: boolean;
  readonly roundTimeoutTicks: number;
  readonly retransmitTimeouts: boolean;
  /** Writes the consensus state to the Store (§12 saveConsensus). */
  readonly persist: () => void;
}

export class Pacemaker {
  currentRound: Round = 0;
  /** The TC that moved us into currentRound, if any. */
  lastRoundTc: TC | null = null;
  /** [C] Last round this replica broadcast a timeout for (§8 Bracha guard, §18 A8). */
  timedOutRound: Round = 0;
  private readonly pendingTimeouts = new Map<Round, TimeoutBucket>();

  constructor(private readonly deps: PacemakerDeps) {}

  /** §8 startTimer: enters `newRound` and arms its timer; a new timer replaces the previous one. */
  startTimer(newRound: Round, via: 'qc' | 'tc' | 'start'): void {
    this.currentRound = newRound;
    this.deps.out.setTimer(newRound, this.deps.roundTimeoutTicks);
    this.deps.out.observe({ type: 'enter-round', round: newRound, via });
    if (this.pendingTimeouts.size > 0) {
      for (const r of this.pendingTimeouts.keys()) if (r < newRound) this.pendingTimeouts.delete(r);
    }
    this.deps.persist();
  }

  /**
   * §13.5 local timeout event. Only the current round's timer counts; once the replica has timed out
   * the round (e.g. by the Bracha join, which logically cancels the timer) the timer fires again
   * only to retransmit, when that is on (§8 [X]).
   */
  onTimer(round: Round): void {
    if (round !== this.currentRound) {
      this.deps.out.reject('timer.stale', `timer round ${round} != current round ${this.currentRound}`);
      return;
    }
    this.deps.out.observe({ type: 'timer-fired', round });
    if (this.timedOutRound === round && !this.deps.retransmitTimeouts) {
      this.deps.out.reject('timer.stale', `round ${round} already timed out and retransmission is off`);
      return;
    }
    this.localTimeoutRound();
  }

  /** §8 localTimeoutRound: signs a timeout through Safety and broadcasts it; never a refused one (§18 A7). */
  localTimeoutRound(): void {
    const { out, safety, tree } = this.deps;
    this.deps.persist();
    const r = this.currentRound;
    const signed = safety.makeTimeout(r, tree.highQc, this.lastRoundTc);
    if (signed.ok) {
      this.timedOutRound = r;
      out.observe({ type: 'timeout', round: r, highQcRound: rnd(signed.value.highQc) });
      out.broadcast(Object.freeze({ kind: 'timeout', tmoInfo: signed.value, lastRoundTc: this.lastRoundTc,
        highCommitQc: tree.highCommitQc }));
    } else {
      out.reject('timeout.refused', signed.reason);
    }
    // [X] Re-arm to retransmit; also after a refusal, so a fresher high QC can be reported later.
    if (this.deps.retransmitTimeouts) out.setTimer(r, this.deps.roundTimeoutTicks);
  }

  /**
   * §8 processRemoteTimeout. Counts distinct senders per round (or messages under B06); the Bracha
   * join fires at f+1 for the current round unless this replica already timed it out, and the TC
   * forms once, at the TC quorum (§18 A9).
   */
  processRemoteTimeout(m: TimeoutMsg): TC | null {
    const t = m.tmoInfo;
    if (t.round < this.currentRound) return null;
    let bucket = this.pendingTimeouts.get(t.round);
    if (bucket === undefined) {
      bucket = { infos: [], senders: new Set(), tcFormed: false };
      this.pendingTimeouts.set(t.round, bucket);
    }
    if (this.deps.countDistinctSigners && bucket.senders.has(t.sender)) return null;
    bucket.senders.add(t.sender);
    bucket.infos.push(t);
    const count = bucket.infos.length;
    if (count >= this.deps.joinAt && t.round === this.currentRound && this.timedOutRound < this.currentRound) {
      this.localTimeoutRound();                                   // Bracha join
    }
    if (bucket.tcFormed || count < this.deps.tcQuorum) return null;
    bucket.tcFormed = true;
    const infos = insertionSort([...bucket.infos], bySender);
    return internTc(t.round, infos.map((i) => rnd(i.highQc)), internSigs(infos.map((i) => i.signature)));
  }

  /** §8 advanceRoundTc: enter tc.round + 1 (recovery path). */
  advanceRoundTc(tc: TC | null): boolean {
    if (tc === null) return false;
    if (this.deps.tcEntryNeedsCurrentRound ? tc.round < this.currentRound : tc.round + 1 < this.currentRound) return false;
    this.lastRoundTc = tc;
    this.startTimer(tc.round + 1, 'tc');
    return true;
  }

  /** Bug block_round_unjustified: enters a proposal's block round on the block's QC, whatever that QC's round. */
  enterBlockRound(round: Round): void {
    if (round <= this.currentRound) return;
    this.lastRoundTc = null;
    this.startTimer(round, 'qc');
  }

  /** §8 advanceRoundQc: enter qc.round + 1 (happy path). */
  advanceRoundQc(qc: QC): boolean {
    if (rnd(qc) < this.currentRound) return false;
    this.lastRoundTc = null;
    this.startTimer(rnd(qc) + 1, 'qc');
    return true;
  }
}
