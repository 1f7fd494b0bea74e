// The replica's timers on the kernel's one timer per actor (src/kernel/actor.ts). PBFT needs two: the
// replica timer of pbft.md §5.1 (a request or view-change wait; its expiry starts a view change) and
// the RetransmitTimer of C6 (re-send what peers may have lost). Both run on one kernel timer cut in
// chunks of at most the retransmission period R: at the end of a chunk that is not the last the
// replica re-sends, and at the end of the last one the replica timer expires. A replica with nothing
// to wait for but something to re-send arms a re-send-only timer of R. The replica armed every chunk
// itself, so it knows the time left without a clock.
import type { ActorOutput } from '../../kernel/actor.js';

/** What one kernel timer input means. */
export type TimerFiring = 'expired' | 'resend' | 'stale';

type SetTimer = Extract<ActorOutput<unknown, never>, { kind: 'set-timer' }>;
/** Where set-timer outputs go: the replica's output list. */
interface Sink { push(o: SetTimer): number }

export class ReplicaTimer {
  private gen = 0;
  /** The generation of the armed kernel timer, or -1 when none is armed. */
  private armed = -1;
  /** Ticks of the replica timer left after the armed chunk. */
  private left = 0;
  /** Whether the armed chunk belongs to the replica timer (false: re-send only). */
  private waits = false;

  constructor(private readonly period: number) {}

  /** Whether the replica timer (§5.1) runs. */
  get running(): boolean { return this.armed !== -1 && this.waits; }

  /** Whether no kernel timer is armed. */
  get idle(): boolean { return this.armed === -1; }

  /** Arms the replica timer for `ticks` (replacing whatever was armed), or cancels it with null. */
  set(ticks: number | null, out: Sink): void {
    if (ticks === null) {
      this.armed = -1;
      this.waits = false;
      return;
    }
    this.waits = true;
    this.chunk(ticks, out);
  }

  /** Arms a re-send-only timer of one period. */
  resendLater(out: Sink): void {
    this.waits = false;
    this.left = 0;
    this.arm(this.period, out);
  }

  /** Handles the kernel timer of generation `round`: a stale one is ignored. */
  fire(round: number, out: Sink): TimerFiring {
    if (round !== this.armed) return 'stale';
    this.armed = -1;
    if (!this.waits) return 'resend';
    if (this.left === 0) {
      this.waits = false;
      return 'expired';
    }
    this.chunk(this.left, out);
    return 'resend';
  }

  private chunk(ticks: number, out: Sink): void {
    const now = Math.min(ticks, this.period);
    this.left = ticks - now;
    this.arm(now, out);
  }

  private arm(ticks: number, out: Sink): void {
    this.armed = ++this.gen;
    out.push({ kind: 'set-timer', round: this.armed, delayTicks: ticks });
  }
}
