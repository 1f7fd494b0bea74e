// Shrink candidates of a partition (group labels per replica, canonical), simplest first (DESIGN §8):
//
// 1. Fewer groups: merge group j into group i (i < j), last groups first.
// 2. The twin pair together: move x' into x's group. When that would empty x''s group, also try the
//    swap that keeps the group count: x' joins x, and the last honest replica of x's group takes x''s
//    place ({a b c d}{a'} -> {a a' b c}{d}).
// 3. Earlier groups: move one replica to a lower-numbered group, or swap two replicas of different
//    groups, keeping the group count and every twin pair that is together, when the result is
//    lexicographically smaller ({a a' b d}{c} -> {a a' b c}{d}).
//
// Every candidate is strictly smaller in (groups, split twin pairs, labels in lexicographic order),
// so shrinking always ends, and never adds a group or splits a twin pair.
import { canonicalLabels } from './round-render.js';

/** Who the replicas are: each replica's identity index, in replicasOf order. */
export interface PartitionShape {
  readonly identityIndex: readonly number[];
}

/** Candidates for `labels`, lazily, in the order above; callers drop those outside min..max. */
export function* partitionShrinks(labels: readonly number[], shape: PartitionShape, min: number): Generator<number[]> {
  const seen = new Set<string>();
  const fresh = (candidate: number[]): boolean => {
    const key = candidate.join(',');
    if (seen.has(key) || key === labels.join(',')) return false;
    seen.add(key);
    return true;
  };
  for (const c of merges(labels, min)) if (fresh(c)) yield c;
  for (const c of twinMoves(labels, shape)) if (fresh(c)) yield c;
  for (const c of earlierGroups(labels, shape)) if (fresh(c)) yield c;
  for (const c of swaps(labels, shape)) if (fresh(c)) yield c;
}

function* merges(labels: readonly number[], min: number): Generator<number[]> {
  const k = groupCount(labels);
  if (k - 1 < min) return;
  for (let j = k - 1; j >= 1; j--) {
    for (let i = 0; i < j; i++) yield canonicalLabels(labels.map((g) => (g === j ? i : g)));
  }
}

function* twinMoves(labels: readonly number[], shape: PartitionShape): Generator<number[]> {
  const ids = shape.identityIndex;
  for (let x = 0; x < labels.length; x++) {
    for (let t = x + 1; t < labels.length; t++) {
      if (ids[t] !== ids[x] || labels[t] === labels[x]) continue;
      const moved = [...labels];
      moved[t] = labels[x]!;
      yield canonicalLabels(moved);
      if (moved.includes(labels[t]!)) continue;
      // x' was alone: keep the group count by sending the last honest replica of x's group there.
      const y = lastHonestIn(labels, ids, labels[x]!, x);
      if (y === null) continue;
      moved[y] = labels[t]!;
      yield canonicalLabels(moved);
    }
  }
}

function lastHonestIn(labels: readonly number[], ids: readonly number[], group: number, except: number): number | null {
  for (let y = labels.length - 1; y >= 0; y--) {
    if (y !== except && labels[y] === group && copiesOf(ids, ids[y]!) === 1) return y;
  }
  return null;
}

function* earlierGroups(labels: readonly number[], shape: PartitionShape): Generator<number[]> {
  const ids = shape.identityIndex;
  for (let i = 1; i < labels.length; i++) {
    const from = labels[i]!;
    const sizeOfFrom = labels.filter((g) => g === from).length;
    if (sizeOfFrom < 2) continue;
    for (let to = 0; to < from; to++) {
      const moved = [...labels];
      moved[i] = to;
      const candidate = canonicalLabels(moved);
      if (splitPairs(candidate, ids) <= splitPairs(labels, ids) && lexLess(candidate, labels)) yield candidate;
    }
  }
}

function* swaps(labels: readonly number[], shape: PartitionShape): Generator<number[]> {
  const ids = shape.identityIndex;
  for (let i = 1; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      if (labels[j]! >= labels[i]!) continue;
      const swapped = [...labels];
      swapped[i] = labels[j]!;
      swapped[j] = labels[i]!;
      const candidate = canonicalLabels(swapped);
      if (splitPairs(candidate, ids) <= splitPairs(labels, ids) && lexLess(candidate, labels)) yield candidate;
    }
  }
}

function groupCount(labels: readonly number[]): number {
  let top = -1;
  for (const l of labels) if (l > top) top = l;
  return top + 1;
}

function copiesOf(ids: readonly number[], id: number): number {
  return ids.filter((x) => x === id).length;
}

/** Replica pairs of one identity that sit in different groups. */
export function splitPairs(labels: readonly number[], ids: readonly number[]): number {
  let n = 0;
  for (let x = 0; x < labels.length; x++) {
    for (let t = x + 1; t < labels.length; t++) if (ids[t] === ids[x] && labels[t] !== labels[x]) n++;
  }
  return n;
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
