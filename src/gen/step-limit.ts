// The paper's per-step hooks: after a step is counted, `limits.<step>` keeps X of its items, either
// the first X in enumeration order or a seeded random X-subset (kept in enumeration order). The
// kept items are then re-indexed densely 0..X-1 for the next step.
import { UserError } from '../scenario/errors.js';
import type { LimitOrder, Step } from './config.js';
import { sortedSample } from './permutation.js';

/** Sorted original indices of a sampled step. */
export type IndexList = BigUint64Array | bigint[];

/** Largest sample kept in memory; a bigger one should use random order, which needs no list. */
export const MAX_SAMPLE = 10_000_000n;

export interface LimitedStep {
  /** Items in the step before its limit. */
  readonly full: bigint;
  /** Items after the limit. */
  readonly size: bigint;
  /** Sorted original indices when sampled; null when the step keeps a prefix (or everything). */
  readonly sample: IndexList | null;
}

export interface LimitRequest {
  readonly step: Step;
  readonly full: bigint;
  readonly limit: bigint | undefined;
  readonly order: LimitOrder;
  readonly seed: string;
  readonly file: string | null;
}

export function applyLimit(req: LimitRequest): LimitedStep {
  const { full, limit } = req;
  if (limit === undefined || limit >= full) return { full, size: full, sample: null };
  if (req.order === 'first') return { full, size: limit, sample: null };
  if (limit > MAX_SAMPLE) {
    throw new UserError(req.file, `$.limits.${req.step}`,
      `a sample of ${limit} ${req.step} is kept in memory; the most is ${MAX_SAMPLE} ` +
      '(use "order": "random" to sample scenarios without a list)');
  }
  return { full, size: limit, sample: sortedSample(full, limit, req.seed, `sample:${req.step}`) };
}

/** Original index of dense item i of a limited step. */
export function originalIndex(step: LimitedStep, i: bigint): bigint {
  if (i < 0n || i >= step.size) throw new RangeError(`index ${i} outside [0, ${step.size})`);
  return step.sample === null ? i : step.sample[Number(i)]!;
}
