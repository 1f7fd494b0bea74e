// Partitions for the fast-check arbitraries (DESIGN §8): raw numbers, as fast-check draws and shrinks
// them, turned into a partition of the replicas into min..max groups. The mapping is built so that
// shrinking any raw number toward 0 never adds a group:
//
// - Replica 0 is always in group 0. Replica i (i >= 1) draws a raw value v and joins group
//   min(v, top + 1), where `top` is the highest group used by replicas 0..i-1. The labels are a
//   restricted growth string, so the groups come out in canonical order (by first member), and the
//   final `top` is monotone in every raw value: a smaller value never opens a new group.
// - A raw value of 0 joins group 0, so replica a' (index 1) shrinks into a's group: the twin pair
//   together.
// - Fewer than `min` groups are topped up by splitting: the last member of the largest group moves to
//   a new group, until there are `min`. The group count is max(raw count, min), still monotone.
import { canonicalLabels } from './round-render.js';

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
    const sizes = groupSizes(labels, groups);
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

function groupSizes(labels: readonly number[], groups: number): number[] {
  const sizes = new Array<number>(groups).fill(0);
  for (const l of labels) sizes[l]!++;
  return sizes;
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
