// Collects what one `step` wants done, in call order (§1.3: handlers enqueue sends and timers in
// call order). Modules push into the replica's outbox; the replica drains it at the end of a step.
import type { NodeId, Observation, ReplicaOutput } from './protocol.js';
import type { DiemMessage } from './types.js';
import type { SignedReply } from '../../kernel/reply.js';

/** What a step that wants nothing done returns: about half the steps of a run (a vote not for us, say). */
const NOTHING: readonly ReplicaOutput<DiemMessage>[] = Object.freeze([]);

export class Outbox {
  /**
   * This step's outputs are items[0..count). The array is reused from step to step (a fresh one per
   * step grows a backing store much larger than the three or four outputs of a typical step, and
   * `length = 0` would release the store). Entries at and past `count` are left over from earlier
   * steps and never read.
   */
  private readonly items: ReplicaOutput<DiemMessage>[] = [];
  private count = 0;

  send(to: NodeId, msg: DiemMessage): void {
    this.items[this.count++] = { kind: 'send', to, msg };
  }

  broadcast(msg: DiemMessage): void {
    this.items[this.count++] = { kind: 'broadcast', msg };
  }

  setTimer(round: number, delayTicks: number): void {
    this.items[this.count++] = { kind: 'set-timer', round, delayTicks };
  }

  observe(obs: Observation): void {
    this.items[this.count++] = { kind: 'observe', obs };
  }

  /** A signed reply for a client; the host routes it to `reply.client`. */
  reply(reply: SignedReply): void {
    this.items[this.count++] = { kind: 'reply', reply };
  }

  /** A protocol rejection: data carrying both compared values (STYLE rule 5). */
  reject(what: string, detail: string): void {
    this.observe({ type: 'reject', what, detail });
  }

  /** A local safety alarm; the harness turns it into a chain-integrity violation. */
  alarm(detail: string): void {
    this.observe({ type: 'alarm', detail });
  }

  /** This step's outputs, in call order, as a list of their own; the outbox is empty afterwards. */
  drain(): readonly ReplicaOutput<DiemMessage>[] {
    if (this.count === 0) return NOTHING;
    const out = this.items.slice(0, this.count);
    this.count = 0;
    return out;
  }
}

/** Short form of a digest for readable rejection details. */
export function short(id: string): string {
  return id.slice(0, 8);
}
