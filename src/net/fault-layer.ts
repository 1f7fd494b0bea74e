// The fault layer of network Twins (docs/network.md, "Network Twins"): it sits in a replica's
// transport between the replica and its outgoing links. Every message the replica hands to the
// transport for another replica passes through it: it reads the message's kind and round tag with
// the protocol module's own functions (the header fields the Twins rules key on), asks the run's
// fault policy (the simulator's very policies: the scenario's partitions and directed drops for that
// round, then its failure rules) for a fate, and carries the fate out on real time: drop, deliver now,
// deliver after `ticks * tickMs` ms, deliver twice, or deliver a mutated message instead.
import type { Envelope } from '../kernel/envelope.js';
import type { Fate, FaultPolicy } from '../kernel/fate.js';
import type { ProtocolModule } from '../kernel/protocol-module.js';

export interface FaultLayerOptions<M> {
  readonly module: ProtocolModule<M>;
  /** Shared by every replica of the run, so the heal reaches all links at once. */
  readonly policy: FaultPolicy<M>;
  readonly tickMs: number;
  /** The run's current tick (real time since the run started, in ticks). */
  readonly now: () => number;
  /** Puts `msg` on the link to replica `to` (frames it with the module's codec). */
  readonly transmit: (to: number, msg: M) => void;
  /** Logs what the layer did to a message it did not simply deliver. */
  readonly log: (event: Record<string, unknown>) => void;
}

interface MutableEnvelope<M> { from: number; to: number; message: M; kind: number; tag: number }

export class FaultLayer<M> {
  private readonly env: MutableEnvelope<M>;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly o: FaultLayerOptions<M>) {
    this.env = { from: 0, to: 0, message: undefined as M, kind: 0, tag: 0 };
  }

  /** Sends `msg` from replica `from` to replica `to` through the scenario's faults. */
  send(from: number, to: number, msg: M): void {
    if (this.stopped) return;
    const env = this.env;
    env.from = from;
    env.to = to;
    env.message = msg;
    env.kind = this.o.module.kindOf(msg);
    env.tag = this.o.module.roundTag(msg);
    const fate: Fate<M> = this.o.policy.fate(env as Envelope<M>, this.o.now());
    const kind = this.o.module.kinds[env.kind];
    const tag = env.tag;
    switch (fate.kind) {
      case 'deliver':
        if (fate.delayTicks !== null) this.o.log({ event: 'fault', fault: 'delay', to, kind, tag, ticks: fate.delayTicks });
        this.after(fate.delayTicks, to, msg);
        return;
      case 'drop':
        this.o.log({ event: 'fault', fault: 'drop', to, kind, tag, reason: fate.reason });
        return;
      case 'duplicate':
        this.o.log({ event: 'fault', fault: 'duplicate', to, kind, tag, copies: fate.delaysTicks.length });
        for (const d of fate.delaysTicks) this.after(d, to, msg);
        return;
      case 'replace':
        this.o.log({ event: 'fault', fault: 'mutate', to, kind, tag, sent: this.o.module.describe(fate.message) });
        this.after(fate.delayTicks, to, fate.message);
        return;
    }
  }

  /** Cancels every delayed message still held. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Transmits now (no delay of its own: the real link's latency stands for the link delay) or later. */
  private after(delayTicks: number | null, to: number, msg: M): void {
    if (delayTicks === null || delayTicks <= 0) {
      this.o.transmit(to, msg);
      return;
    }
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) this.o.transmit(to, msg);
    }, delayTicks * this.o.tickMs);
    this.timers.add(t);
  }
}
