// Partitions for the fast-check arbitraries (DESIGN §8), as group labels per replica in replicasOf
// order (a restricted growth string: groups numbered by first member, as the generator writes them).
//
// Drawing: replica 0 is in group 0; replica i draws v in 0..max-1 and joins group min(v, top + 1),
// where `top` is the highest group so far. Fewer than `min` groups are topped up by moving the last
// member of the largest group to a new group. With requireQuorum, draws without a quorum group are
// drawn again.
//
// Shrinking is hand-written (arbitrary-partition-shrink.ts) because the simpler partition is often
// not one number away: {a b c d}{a'} and {a a' b c}{d} both have two groups, but only the second keeps
// the twin pair together, and getting there moves two replicas at once.
import fc from 'fast-check';
import { canonicalLabels } from './round-render.js';
import { partitionShrinks, type PartitionShape } from './arbitrary-partition-shrink.js';

export type { PartitionShape } from './arbitrary-partition-shrink.js';

/** Group labels per replica from raw draws (one per replica after the first), with >= min groups. */
export function labelsFromRaw(raw: readonly number[], min: number): number[] {
  const labels = [0];
  let top = 0;
  for (const v of raw) {
    const label = Math.min(v, top + 1);
    labels.push(label);
    if (label > top) top = label;
  }
  return topUpGroups(labels, min);
}

/** Splits groups until there are at least `min` (at most the replica count, which the config checks). */
function topUpGroups(labels: number[], min: number): number[] {
  let groups = groupCount(labels);
  while (groups < min) {
    const sizes = new Array<number>(groups).fill(0);
    for (const l of labels) sizes[l]!++;
    let largest = 0;
    sizes.forEach((s, g) => {
      if (s > sizes[largest]!) largest = g;
    });
    if (sizes[largest]! < 2) break;
    labels[labels.lastIndexOf(largest)] = groups;
    groups++;
  }
  return canonicalLabels(labels);
}

export function groupCount(labels: readonly number[]): number {
  let top = -1;
  for (const l of labels) if (l > top) top = l;
  return top + 1;
}

/** Whether some group holds `quorum` distinct identities (a and a' count once). */
export function hasQuorumGroup(labels: readonly number[], identityIndex: readonly number[], quorum: number): boolean {
  const perGroup = new Map<number, Set<number>>();
  labels.forEach((g, i) => {
    let ids = perGroup.get(g);
    if (ids === undefined) perGroup.set(g, ids = new Set());
    ids.add(identityIndex[i]!);
  });
  for (const ids of perGroup.values()) if (ids.size >= quorum) return true;
  return false;
}

/**
 * Most groups a partition with a quorum group can have: the quorum group takes one replica of each of
 * `quorum` identities and every other group needs at least one of the remaining replicas.
 */
export function maxGroupsWithQuorum(replicas: number, quorum: number): number {
  return replicas - quorum + 1;
}

export interface PartitionSpace extends PartitionShape {
  readonly min: number;
  readonly max: number;
  /** Distinct identities some group must hold (requireQuorum), or null. */
  readonly quorum: number | null;
}

/** Draws tried before a partition without a quorum group is repaired into one. */
const MAX_DRAWS = 64;

/** Partitions of the replicas into min..max groups: drawn as above, shrunk by partitionShrinks. */
export class PartitionArbitrary extends fc.Arbitrary<number[]> {
  constructor(private readonly space: PartitionSpace) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<number[]> {
    // Like fast-check's own biased draws: now and then keep to few groups, where simple failures live.
    const small = biasFactor !== undefined && mrng.nextInt(1, biasFactor) === 1;
    const top = small ? Math.min(1, this.space.max - 1) : this.space.max - 1;
    for (let attempt = 1; ; attempt++) {
      const raw = Array.from({ length: this.space.identityIndex.length - 1 }, () => mrng.nextInt(0, top));
      let labels = labelsFromRaw(raw, this.space.min);
      // Where quorum partitions are rare among random draws (many groups, large n), build one from
      // the draw instead of drawing forever.
      if (attempt >= MAX_DRAWS && this.space.quorum !== null) labels = withQuorumGroup(labels, this.space, this.space.quorum);
      if (this.valid(labels)) return new fc.Value(labels, undefined);
    }
  }

  canShrinkWithoutContext(value: unknown): value is number[] {
    return Array.isArray(value) && value.length === this.space.identityIndex.length &&
      value.every((l) => Number.isInteger(l)) && this.valid(value as number[]);
  }

  shrink(labels: number[], _context: unknown): fc.Stream<fc.Value<number[]>> {
    const { min } = this.space;
    return new fc.Stream(partitionShrinks(labels, this.space, min)).filter((l) => this.valid(l))
      .map((l) => new fc.Value(l, undefined));
  }

  private valid(labels: readonly number[]): boolean {
    const k = groupCount(labels);
    const { min, max, quorum, identityIndex } = this.space;
    return k >= min && k <= max && (quorum === null || hasQuorumGroup(labels, identityIndex, quorum));
  }
}

/**
 * The draw with a quorum group: the group with the most distinct identities takes one replica of each
 * missing identity until it holds `quorum`; then groups emptied on the way are refilled (up to `min`)
 * from other groups of two or more, or from replicas the quorum group can spare.
 */
export function withQuorumGroup(labels: readonly number[], space: PartitionSpace, quorum: number): number[] {
  const ids = space.identityIndex;
  const out = [...labels];
  const g = out[bestGroup(out, ids)]!;
  const inGroup = (id: number): boolean => out.some((l, i) => l === g && ids[i] === id);
  for (let i = 0; i < out.length && distinctIn(out, ids, g) < quorum; i++) {
    if (out[i] !== g && !inGroup(ids[i]!)) out[i] = g;
  }
  let result = canonicalLabels(out);
  while (groupCount(result) < space.min) {
    const y = spareReplica(result, ids, result[bestGroup(result, ids)]!, quorum);
    if (y === null) break;
    result[y] = groupCount(result);
    result = canonicalLabels(result);
  }
  return result;
}

/** Index of a replica in the group with the most distinct identities (the first such group). */
function bestGroup(labels: readonly number[], ids: readonly number[]): number {
  let best = 0;
  labels.forEach((l, i) => {
    if (distinctIn(labels, ids, l) > distinctIn(labels, ids, labels[best]!)) best = i;
  });
  return best;
}

function distinctIn(labels: readonly number[], ids: readonly number[], group: number): number {
  return new Set(ids.filter((_, i) => labels[i] === group)).size;
}

/** A replica that can start a new group: the last of another group of two or more, else one `q` can spare. */
function spareReplica(labels: readonly number[], ids: readonly number[], q: number, quorum: number): number | null {
  for (let i = labels.length - 1; i >= 0; i--) {
    if (labels[i] !== q && labels.filter((l) => l === labels[i]).length >= 2) return i;
  }
  for (let i = labels.length - 1; i >= 0; i--) {
    if (labels[i] !== q) continue;
    const twinInGroup = ids.some((id, j) => j !== i && id === ids[i] && labels[j] === q);
    if (twinInGroup || distinctIn(labels, ids, q) > quorum) return i;
  }
  return null;
}
