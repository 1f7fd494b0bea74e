// The Twins fault policy (DESIGN §5, diembft-v4 §16.2): a message tagged with round r goes from replica
// x to replica y only if x and y share a group of round r's partition for the message's kind, and no
// directed drop rule of round r names (x, y, kind). Rounds outside the schedule, and every round after
// heal, deliver everything.
import type { Envelope } from '../kernel/envelope.js';
import { DELIVER, dropFate, type Fate, type FaultPolicy } from '../kernel/fate.js';

/** One scripted round: a group id per replica for each message kind, plus directed drops. */
export interface RoundRules {
  /** groupOf[kind][replica] = group index; kind is an index into the protocol's `kinds`. */
  readonly groupOf: readonly Int32Array[];
  /** Directed drops as (kind, from, to) triples. */
  readonly drops: readonly (readonly [number, number, number])[];
}

const PARTITION = dropFate('partition');
const DROP_RULE = dropFate('drop-rule');

/** A per-round partition schedule with directed drops and a heal switch. */
export class TwinsPolicy implements FaultPolicy {
  private healed = false;
  private readonly dropKeys: Set<number>[];

  constructor(private readonly replicaCount: number, kindCount: number, private readonly rounds: readonly RoundRules[]) {
    for (const r of rounds) {
      if (r.groupOf.length !== kindCount) throw new Error('RoundRules.groupOf needs one entry per kind');
      for (const g of r.groupOf) if (g.length !== replicaCount) throw new Error('group table size != replica count');
    }
    this.dropKeys = rounds.map((r) => new Set(r.drops.map(([k, f, t]) => this.key(k, f, t))));
  }

  /** From now on nothing is dropped (the start of the GST tail). */
  heal(): void {
    this.healed = true;
  }

  fate(env: Envelope<unknown>): Fate<never> {
    const round = env.tag;
    if (this.healed || round < 1 || round > this.rounds.length) return DELIVER;
    const rules = this.rounds[round - 1]!;
    const groups = rules.groupOf[env.kind]!;
    if (groups[env.from] !== groups[env.to]) return PARTITION;
    if (this.dropKeys[round - 1]!.has(this.key(env.kind, env.from, env.to))) return DROP_RULE;
    return DELIVER;
  }

  private key(kind: number, from: number, to: number): number {
    return (kind * this.replicaCount + from) * this.replicaCount + to;
  }
}
