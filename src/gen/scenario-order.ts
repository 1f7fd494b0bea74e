// Output order: which scenario index is written at output position k.
//
// - enumerate: positions follow index order; a `first` limit keeps a prefix, a `sample` limit keeps
//   a seeded subset in index order (a sorted list, O(limit) memory).
// - random: position k holds perm(k) for a seeded permutation (permutation.ts). With a `sample`
//   limit (the default in random order) or no limit, perm ranges over the whole space and the first
//   X positions are a uniform sample without repeats, in random order, in constant memory. With a
//   `first` limit, perm ranges over the first X indices only.
import type { GeneratorConfig } from './config.js';
import { SeededPermutation } from './permutation.js';
import { applyLimit, originalIndex, type LimitedStep } from './step-limit.js';

export class PositionMap {
  readonly limited: LimitedStep;
  private readonly perm: SeededPermutation | null;

  constructor(config: GeneratorConfig, arrangements: bigint, file: string | null) {
    const random = config.order === 'random';
    const sampleInRandom = random && config.limitOrder.scenarios === 'sample';
    this.limited = sampleInRandom
      ? { full: arrangements, size: minLimit(arrangements, config.limits.scenarios), sample: null }
      : applyLimit({
        step: 'scenarios', full: arrangements, limit: config.limits.scenarios,
        order: config.limitOrder.scenarios, seed: config.seed, file,
      });
    const domain = sampleInRandom ? arrangements : this.limited.size;
    this.perm = random && domain > 0n ? new SeededPermutation(domain, config.seed, 'order') : null;
  }

  get size(): bigint {
    return this.limited.size;
  }

  indexAt(position: bigint): bigint {
    if (position < 0n || position >= this.size) throw new RangeError(`position ${position} outside [0, ${this.size})`);
    return this.perm !== null ? this.perm.at(position) : originalIndex(this.limited, position);
  }
}

function minLimit(full: bigint, limit: bigint | undefined): bigint {
  return limit === undefined || limit > full ? full : limit;
}
