// Step 1: the partitions of the replicas into k1..k2 groups (optionally only those with a quorum
// group), limited by `limits.partitions`.
import { UserError } from '../scenario/errors.js';
import type { GeneratorConfig } from './config.js';
import type { Cast } from './identities.js';
import { PartitionCounter, type Unranked } from './partition-dp.js';
import { applyLimit, originalIndex, type LimitedStep } from './step-limit.js';

export class PartitionStep {
  readonly counter: PartitionCounter;
  readonly limited: LimitedStep;
  /** Unranking walks the DP; round configurations revisit the same partitions constantly. */
  private readonly cache = new Map<bigint, Unranked>();

  constructor(config: GeneratorConfig, cast: Cast, file: string | null) {
    const { min, max, requireQuorum } = config.partitions;
    this.counter = new PartitionCounter({
      copies: cast.copies, kMin: min, kMax: max, quorum: requireQuorum ? cast.quorum : null,
    });
    const full = this.counter.total();
    if (full === 0n) {
      throw new UserError(file, '$.partitions.requireQuorum',
        `no partition of the ${cast.replicas.length} replicas into ${min}..${max} groups has a group ` +
        `with a quorum of ${cast.quorum} distinct identities (n = ${config.nodes}, f = ${cast.f})`);
    }
    this.limited = applyLimit({
      step: 'partitions', full, limit: config.limits.partitions, order: config.limitOrder.partitions,
      seed: config.seed, file,
    });
  }

  get size(): bigint {
    return this.limited.size;
  }

  /** Dense partition i of the limited step. */
  at(i: bigint): Unranked {
    let p = this.cache.get(i);
    if (p === undefined) {
      p = this.counter.unrank(originalIndex(this.limited, i));
      if (this.cache.size >= 1 << 16) this.cache.clear();
      this.cache.set(i, p);
    }
    return p;
  }
}

/** Block sizes of a partition given as labels per replica. */
export function blockSizes(labels: readonly number[]): number[] {
  const sizes: number[] = [];
  for (const b of labels) sizes[b] = (sizes[b] ?? 0) + 1;
  return sizes;
}
