// Collects what one `step` wants done, in call order (§1.3: handlers enqueue sends and timers in
// call order). Modules push into the replica's outbox; the replica drains it at the end of a step.
import type { NodeId, Observation, ReplicaOutput } from './protocol.js';
import type { DiemMessage } from './types.js';

export class Outbox {
  private items: ReplicaOutput<DiemMessage>[] = [];

  send(to: NodeId, msg: DiemMessage): void {
    this.items.push({ kind: 'send', to, msg });
  }

  broadcast(msg: DiemMessage): void {
    this.items.push({ kind: 'broadcast', msg });
  }

  setTimer(round: number, delayTicks: number): void {
    this.items.push({ kind: 'set-timer', round, delayTicks });
  }

  observe(obs: Observation): void {
    this.items.push({ kind: 'observe', obs });
  }

  /** A protocol rejection: data carrying both compared values (STYLE rule 5). */
  reject(what: string, detail: string): void {
    this.observe({ type: 'reject', what, detail });
  }

  /** A local safety alarm; the harness turns it into a chain-integrity violation. */
  alarm(detail: string): void {
    this.observe({ type: 'alarm', detail });
  }

  drain(): ReplicaOutput<DiemMessage>[] {
    const out = this.items;
    this.items = [];
    return out;
  }
}

/** Short form of a digest for readable rejection details. */
export function short(id: string): string {
  return id.slice(0, 8);
}
