// Step 1 of the generator, made index-addressable: set partitions of the replicas as restricted
// growth strings (RGS), counted and unranked by a memoized DP instead of being listed.
//
// A partition is written as one block label per replica, in replicasOf order, where each label is at
// most one more than the largest label before it (so blocks are numbered by first member and the
// groups come out in canonical order). Partitions of k blocks are ordered lexicographically by this
// string, and the k range is walked in increasing k.
//
// Replicas are placed identity by identity (a twin pair a, a' together) so that "a group holds a quorum
// of distinct identities" can be tracked without remembering who is where. The DP state is the multiset
// of blocks, each described only by what the weight and the quorum rule need: its size (for the
// drop-set weight) and its distinct-identity count (until some block reaches the quorum). With no
// weight and no quorum rule the state is just the block count, i.e. the Stirling recurrence.

export interface PartitionCounterOptions {
  /** Replicas per identity in replicasOf order (1, or 2 for a twin pair). */
  readonly copies: readonly number[];
  /** Distinct identities some block must hold, or null for no quorum rule. */
  readonly quorum: number | null;
  readonly kMin: number;
  readonly kMax: number;
  /** Weight of a finished partition from its block sizes (label order); every partition weighs 1 if absent. */
  readonly weight?: (sizes: readonly number[]) => bigint;
}

interface State {
  readonly sizes: readonly number[];
  readonly distinct: readonly number[];
  /** Some block already holds the quorum (always true without a quorum rule). */
  readonly met: boolean;
}

export interface Unranked {
  /** Block label per replica (restricted growth string). */
  readonly labels: readonly number[];
  readonly k: number;
  /** Index inside the partition's own weight: in [0, weight(partition)). */
  readonly residual: bigint;
}

const START: State = { sizes: [], distinct: [], met: false };

/**
 * Most placements the DP may try over its lifetime. Its states grow with the shapes of partial
 * partitions, which explode when drops weigh partitions by group sizes or a quorum group is required
 * among dozens of replicas; past this bound counting is refused (CountLimitError) rather than left to
 * run for minutes. Every shipped and tested config needs far less.
 */
export const MAX_COUNT_WORK = 300_000;

/** The DP needed more than MAX_COUNT_WORK placements. */
export class CountLimitError extends Error {
  constructor() {
    super(`counting needs more than ${MAX_COUNT_WORK} steps`);
  }
}

export class PartitionCounter {
  private readonly memo = new Map<string, bigint>();
  private readonly remaining: number[];
  private readonly tracksSizes: boolean;
  /** Placements tried so far (see MAX_COUNT_WORK). */
  work = 0;

  constructor(private readonly opts: PartitionCounterOptions) {
    this.tracksSizes = opts.weight !== undefined;
    this.remaining = [];
    let sum = 0;
    for (let i = opts.copies.length; i >= 0; i--) {
      this.remaining[i] = sum;
      sum += opts.copies[i - 1] ?? 0;
    }
  }

  /** Total weight of the partitions into exactly k blocks. */
  countK(k: number): bigint {
    return this.count(0, this.start(), k);
  }

  /** Total weight over the whole k range. */
  total(): bigint {
    let sum = 0n;
    for (let k = this.opts.kMin; k <= this.opts.kMax; k++) sum += this.countK(k);
    return sum;
  }

  /** The partition holding weighted position `index` (0 <= index < total()). */
  unrank(index: bigint): Unranked {
    let k = this.opts.kMin;
    for (; k <= this.opts.kMax; k++) {
      const c = this.countK(k);
      if (index < c) break;
      index -= c;
    }
    if (k > this.opts.kMax) throw new RangeError('partition index out of range');
    const labels: number[] = [];
    let state = this.start();
    for (let pos = 0; pos < this.opts.copies.length; pos++) {
      for (const option of this.options(pos, state)) {
        const w = this.count(pos + 1, option.next, k);
        if (index < w) {
          labels.push(...option.labels);
          state = option.next;
          break;
        }
        index -= w;
      }
    }
    return { labels, k, residual: index };
  }

  /** Total weight of the partitions that come strictly before `labels` in the order. */
  prefix(labels: readonly number[]): bigint {
    const k = Math.max(-1, ...labels) + 1;
    let sum = 0n;
    for (let j = this.opts.kMin; j < k; j++) sum += this.countK(j);
    let state = this.start();
    let at = 0;
    for (let pos = 0; pos < this.opts.copies.length; pos++) {
      const want = labels.slice(at, at + this.opts.copies[pos]!);
      at += want.length;
      for (const option of this.options(pos, state)) {
        if (sameLabels(option.labels, want)) {
          state = option.next;
          break;
        }
        sum += this.count(pos + 1, option.next, k);
      }
    }
    return sum;
  }

  private start(): State {
    return this.opts.quorum === null ? { ...START, met: true } : START;
  }

  private count(pos: number, state: State, k: number): bigint {
    const m = state.sizes.length;
    if (m > k || this.remaining[pos]! < k - m) return 0n;
    if (pos === this.opts.copies.length) return this.finish(state, k);
    const key = this.key(pos, state, k);
    const cached = this.memo.get(key);
    if (cached !== undefined) return cached;
    let sum = 0n;
    for (const option of this.options(pos, state)) {
      if (++this.work > MAX_COUNT_WORK) throw new CountLimitError();
      sum += this.count(pos + 1, option.next, k);
    }
    this.memo.set(key, sum);
    return sum;
  }

  private finish(state: State, k: number): bigint {
    if (state.sizes.length !== k || !state.met) return 0n;
    return this.opts.weight === undefined ? 1n : this.opts.weight(state.sizes);
  }

  /** Memo key: the block multiset, reduced to what the weight and quorum rule can still see. */
  private key(pos: number, state: State, k: number): string {
    const m = state.sizes.length;
    if (!this.tracksSizes && state.met) return `${pos}|${k}|${m}`;
    const blocks: number[] = [];
    for (let b = 0; b < m; b++) {
      blocks.push((this.tracksSizes ? state.sizes[b]! : 0) * 64 + (state.met ? 0 : state.distinct[b]!));
    }
    blocks.sort((x, y) => x - y);
    return `${pos}|${k}|${state.met ? 1 : 0}|${blocks.join(',')}`;
  }

  /** The ways to place identity `pos` (one or two replicas), in lexicographic RGS order. */
  private *options(pos: number, state: State): Generator<{ labels: number[]; next: State }> {
    const m = state.sizes.length;
    if (this.opts.copies[pos] === 1) {
      for (let b = 0; b <= m; b++) yield { labels: [b], next: this.place(state, [b]) };
      return;
    }
    for (let b1 = 0; b1 <= m; b1++) {
      const top = b1 === m ? m + 1 : m;
      for (let b2 = 0; b2 <= top; b2++) yield { labels: [b1, b2], next: this.place(state, [b1, b2]) };
    }
  }

  /** Adds one identity's replicas to blocks `labels`; the identity counts once per block. */
  private place(state: State, labels: readonly number[]): State {
    const sizes = state.sizes.slice();
    const distinct = state.distinct.slice();
    let met = state.met;
    for (let i = 0; i < labels.length; i++) {
      const b = labels[i]!;
      if (b === sizes.length) {
        sizes.push(0);
        distinct.push(0);
      }
      sizes[b] = sizes[b]! + 1;
      if (labels.indexOf(b) === i) distinct[b] = distinct[b]! + 1;
      if (this.opts.quorum !== null && distinct[b]! >= this.opts.quorum) met = true;
    }
    return { sizes, distinct, met };
  }
}

function sameLabels(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
