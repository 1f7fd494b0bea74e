// The simulated network's delivery rules (DESIGN §5, diembft-v4 §16.2). A message tagged with round
// r goes from replica x to replica y only if x and y share a group of round r's partition for the
// message's kind, and no directed drop rule of round r names (x, y, kind). Rounds outside the
// schedule, and every round after heal, deliver everything.

export type LinkKind = 'proposal' | 'vote' | 'timeout' | 'sync';
export const LINK_KINDS: readonly LinkKind[] = ['proposal', 'vote', 'timeout', 'sync'];
export const KIND_INDEX: Readonly<Record<LinkKind, number>> = { proposal: 0, vote: 1, timeout: 2, sync: 3 };

export const DELIVER = 0;
export const BLOCKED_PARTITION = 1;
export const BLOCKED_DROP = 2;
export type LinkVerdict = typeof DELIVER | typeof BLOCKED_PARTITION | typeof BLOCKED_DROP;

/** Decides whether one delivery happens. Replicas are indices into the world's replica list. */
export interface LinkPolicy {
  verdict(from: number, to: number, kind: number, round: number): LinkVerdict;
}

/** One scripted round: a group id per replica for each message kind, plus directed drops. */
export interface RoundRules {
  /** groupOf[kind][replica] = group index; kind as in KIND_INDEX. */
  readonly groupOf: readonly Int32Array[];
  /** Directed drops as (kind, from, to) triples. */
  readonly drops: readonly (readonly [number, number, number])[];
}

/** A per-round partition schedule with directed drops and a heal switch. */
export class PartitionSchedule implements LinkPolicy {
  private healed = false;
  private readonly dropKeys: Set<number>[];

  constructor(private readonly replicaCount: number, private readonly rounds: readonly RoundRules[]) {
    for (const r of rounds) {
      if (r.groupOf.length !== LINK_KINDS.length) throw new Error('RoundRules.groupOf needs one entry per kind');
      for (const g of r.groupOf) if (g.length !== replicaCount) throw new Error('group table size != replica count');
    }
    this.dropKeys = rounds.map((r) => new Set(r.drops.map(([k, f, t]) => this.key(k, f, t))));
  }

  get isHealed(): boolean {
    return this.healed;
  }

  /** From now on nothing is dropped (the start of the GST tail). */
  heal(): void {
    this.healed = true;
  }

  verdict(from: number, to: number, kind: number, round: number): LinkVerdict {
    if (this.healed || round < 1 || round > this.rounds.length) return DELIVER;
    const rules = this.rounds[round - 1]!;
    const groups = rules.groupOf[kind]!;
    if (groups[from] !== groups[to]) return BLOCKED_PARTITION;
    if (this.dropKeys[round - 1]!.has(this.key(kind, from, to))) return BLOCKED_DROP;
    return DELIVER;
  }

  private key(kind: number, from: number, to: number): number {
    return (kind * this.replicaCount + from) * this.replicaCount + to;
  }
}

/** Everyone hears everyone: the fault-free network. */
export const WHOLE_NETWORK: LinkPolicy = { verdict: () => DELIVER };
