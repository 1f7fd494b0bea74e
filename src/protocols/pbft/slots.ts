// The replica's log slots (pbft.md §3): per (v, seq) inside the window, the one accepted pre-prepare
// and the PREPAREs and COMMITs received for it (the first per sender), and this replica's own votes.
import type { NodeId } from '../../kernel/actor.js';
import type { Digest } from '../../kernel/hash.js';
import type { PrePrepare, Vote } from './types.js';

export interface Slot {
  pp: PrePrepare | null;
  readonly prepares: Map<NodeId, Vote>;
  readonly commits: Map<NodeId, Vote>;
  sentCommit: boolean;
  committed: boolean;
  /** This replica's own PREPARE and COMMIT for the slot, re-sent on retransmission (C6). */
  readonly mine: Vote[];
}

export class SlotLog {
  /** Slots by `v/seq` (or `v/seq/d`, see `key`). */
  private readonly slots = new Map<string, Slot>();

  /** Whether a slot is one per (v, seq) (PP5), or one per (v, seq, d) under a bug. */
  constructor(private readonly onePerSeq: boolean) {}

  /** PP5: one slot, so one accepted pre-prepare, per (v, seq); under a bug one per (v, seq, d). */
  key(v: number, seq: number, d: Digest): string {
    return this.onePerSeq ? `${v}/${seq}` : `${v}/${seq}/${d}`;
  }

  /** The slot of (v, seq, d), made empty on first use. */
  at(v: number, seq: number, d: Digest): Slot {
    const key = this.key(v, seq, d);
    let s = this.slots.get(key);
    if (s === undefined) {
      s = { pp: null, prepares: new Map(), commits: new Map(), sentCommit: false, committed: false, mine: [] };
      this.slots.set(key, s);
    }
    return s;
  }

  /** The slot of (v, seq) when slots are one per (v, seq), if any. */
  find(v: number, seq: number): Slot | undefined {
    return this.slots.get(`${v}/${seq}`);
  }

  /** Forgets every slot with seq at or below `seq` (a stable checkpoint). */
  dropUpTo(seq: number): void {
    for (const key of this.slots.keys()) if (Number(key.split('/')[1]) <= seq) this.slots.delete(key);
  }
}

/** The votes for digest `d`, sorted by sender. */
export function matching(votes: Map<NodeId, Vote>, d: Digest): Vote[] {
  const out: Vote[] = [];
  for (const x of votes.values()) if (x.d === d) out.push(x);
  return out.sort((a, b) => a.i - b.i);
}
