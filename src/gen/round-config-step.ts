// Step 2: round configurations = (partition, leader, drop set), ordered partition first, then leader
// (in `nodes` order), then drop set. The number of drop sets depends on the partition's group
// sizes, so the step is a weighted version of step 1: partition p stands for
// leaders x dropSets(p) consecutive round configurations.
import { UserError } from '../scenario/errors.js';
import type { GeneratorConfig } from './config.js';
import { dropSetCount, dropUniverseSize, unrankDropSet, decodeDrops, type DropTriple } from './drops.js';
import type { Cast } from './identities.js';
import { PartitionCounter } from './partition-dp.js';
import { blockSizes, type PartitionStep } from './partition-step.js';
import { applyLimit, originalIndex, type LimitedStep } from './step-limit.js';

export interface RoundConfig {
  /** Block label per replica (restricted growth string: groups numbered by first member). */
  readonly labels: readonly number[];
  /** Index into `nodes` of the round's leader. */
  readonly leader: number;
  /** Drops sorted by (from, to, type); replica indices and an index into `drops.types`. */
  readonly drops: readonly DropTriple[];
}

export class RoundConfigStep {
  readonly limited: LimitedStep;
  /** Round configurations over every partition, before any limit. */
  readonly unlimited: bigint;
  private readonly leaderCount: bigint;
  private readonly leaderIds: readonly number[];
  private readonly trivialDrops: boolean;
  private readonly weighted: PartitionCounter | null;
  private readonly samplePrefix: bigint[] | null = null;
  private readonly dropSets = new Map<number, bigint>();

  constructor(private readonly config: GeneratorConfig, cast: Cast, private readonly partitions: PartitionStep,
    file: string | null) {
    this.leaderIds = cast.leaders.map((id) => cast.nodes.indexOf(id));
    this.leaderCount = BigInt(cast.leaders.length);
    if (this.leaderCount === 0n) {
      throw new UserError(file, '$.leaders',
        `"${config.leaders}" leaves no identity to lead (n = ${config.nodes}, twins = ${config.twins})`);
    }
    this.trivialDrops = config.drops.maxPerRound === 0 || config.drops.types.length === 0;
    this.weighted = this.trivialDrops ? null : new PartitionCounter({
      copies: cast.copies, kMin: config.partitions.min, kMax: config.partitions.max,
      quorum: config.partitions.requireQuorum ? cast.quorum : null,
      weight: (sizes) => this.leaderCount * this.dropSetsFor(sizes),
    });
    this.unlimited = this.weighted === null ? this.leaderCount * partitions.limited.full : this.weighted.total();
    if (this.weighted !== null && partitions.limited.sample !== null) this.samplePrefix = this.prefixOverSample();
    this.limited = applyLimit({
      step: 'roundConfigs', full: this.totalOverPartitions(), limit: config.limits.roundConfigs,
      order: config.limitOrder.roundConfigs, seed: config.seed, file,
    });
  }

  get size(): bigint {
    return this.limited.size;
  }

  /** Dense round configuration i of the limited step. */
  at(i: bigint): RoundConfig {
    return this.decode(originalIndex(this.limited, i));
  }

  /** Round configuration c of the step before its own limit (over the limited partitions). */
  decode(c: bigint): RoundConfig {
    let labels: readonly number[];
    let residual: bigint;
    if (this.weighted === null) {
      labels = this.partitions.at(c / this.leaderCount).labels;
      residual = c % this.leaderCount;
    } else if (this.samplePrefix !== null) {
      const j = upperBound(this.samplePrefix, c) - 1;
      labels = this.partitions.at(BigInt(j)).labels;
      residual = c - this.samplePrefix[j]!;
    } else {
      ({ labels, residual } = this.weighted.unrank(c));
    }
    const sizes = blockSizes(labels);
    const sets = this.dropSetsFor(sizes);
    const leader = this.leaderIds[Number(residual / sets)]!;
    const { types, maxPerRound } = this.config.drops;
    const universe = dropUniverseSize(sizes, types.length);
    const elements = this.trivialDrops ? [] : unrankDropSet(residual % sets, universe, maxPerRound);
    return { labels, leader, drops: decodeDrops(elements, labels, types.length) };
  }

  private dropSetsFor(sizes: readonly number[]): bigint {
    if (this.trivialDrops) return 1n;
    const universe = dropUniverseSize(sizes, this.config.drops.types.length);
    let n = this.dropSets.get(universe);
    if (n === undefined) {
      n = dropSetCount(universe, this.config.drops.maxPerRound);
      this.dropSets.set(universe, n);
    }
    return n;
  }

  private totalOverPartitions(): bigint {
    const p = this.partitions.limited;
    if (this.weighted === null) return this.leaderCount * p.size;
    if (this.samplePrefix !== null) return this.samplePrefix[this.samplePrefix.length - 1]!;
    if (p.size === p.full) return this.unlimited;
    return this.weighted.prefix(this.partitions.counter.unrank(p.size).labels);
  }

  /** Weight prefix sums over a sampled partition list, for binary search. */
  private prefixOverSample(): bigint[] {
    const out: bigint[] = [0n];
    for (let j = 0n; j < this.partitions.size; j++) {
      const sizes = blockSizes(this.partitions.at(j).labels);
      out.push(out[out.length - 1]! + this.leaderCount * this.dropSetsFor(sizes));
    }
    return out;
  }
}

/** First index whose value is greater than x, in a sorted array. */
function upperBound(sorted: readonly bigint[], x: bigint): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
