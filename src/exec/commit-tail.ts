// A GST tail counted in commits (TailUnit 'commit', src/kernel/protocol-module.ts). A protocol that
// changes rounds only on a fault (PBFT changes view when a request times out) enters no new round
// while it makes progress after the heal, so a tail of N rounds would last until the liveness bound.
// Its tail is N commits instead: complete once every honest replica that is not down for good has
// committed N entries proposed at or after the heal. Those are the commits `liveness.commit-after-gst`
// asks for (./oracles/commit-after-gst.ts), so a run never ends on its tail before every replica that
// oracle judges has made one; a run whose replicas stop committing lasts until the liveness bound,
// where the oracle judges it.
import type { CommitObservation, ObservationBase, ProposeObservation } from '../kernel/observation.js';
import type { ReplicaInfo } from './oracles/oracle.js';

export class CommitTail {
  /** The tick of each entry's first proposal, by entry id. */
  private readonly proposedAt = new Map<string, number>();
  /** By replica index: the commits counted so far. */
  private readonly counted: number[];
  /** By replica index: the height of the last commit counted (a replica commits each height once). */
  private readonly lastHeight: number[];
  /** Whether a replica's commits count: honest, and not crashed for good. */
  private readonly judged: boolean[];
  /** Judged replicas that have not reached the target. */
  private short: number;
  private healTick: number | null = null;

  /** A tail of `commits` commits (at least 1) for every judged replica of `replicas`. */
  constructor(replicas: readonly ReplicaInfo[], private readonly commits: number) {
    if (!(commits >= 1)) throw new Error(`CommitTail: a tail needs at least one commit, got ${commits}`);
    this.judged = replicas.map((r) => r.honest && r.permanentlyCrashed !== true);
    this.counted = replicas.map(() => 0);
    this.lastHeight = replicas.map(() => 0);
    this.short = this.judged.filter((j) => j).length;
  }

  /** The network healed at `tick`: commits count from now on. */
  heal(tick: number): void {
    this.healTick ??= tick;
  }

  /** Whether every judged replica has made its commits (true at once when none is judged). */
  get complete(): boolean {
    return this.healTick !== null && this.short === 0;
  }

  /** Follows one observation of any replica; true when it is the one that completes the tail. */
  observe(tick: number, replica: ReplicaInfo, obs: ObservationBase): boolean {
    if (obs.type === 'propose') {
      const id = (obs as ProposeObservation).blockId;
      if (!this.proposedAt.has(id)) this.proposedAt.set(id, tick);
      return false;
    }
    if (obs.type !== 'commit' || this.healTick === null || !this.judged[replica.index]) return false;
    const c = obs as CommitObservation;
    const i = replica.index;
    const at = this.proposedAt.get(c.blockId);
    if (at === undefined || at < this.healTick || c.height <= this.lastHeight[i]!) return false;
    this.lastHeight[i] = c.height;
    if (++this.counted[i]! !== this.commits) return false;
    return --this.short === 0;
  }
}
