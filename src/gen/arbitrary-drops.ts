// Drops for the fast-check arbitraries (DESIGN §8). The generator's drop universe of a partition is
// every directed (from, to, type) between two different replicas of the same group, ordered by
// sender, receiver, then type (src/gen/drops.ts). A round draws up to maxPerRound raw numbers; each
// picks one not yet picked element of that universe (its index modulo what is left), so k raw numbers
// always give min(k, universe size) distinct drops, whatever the partition. Shrinking removes raw
// numbers (fewer drops) or lowers them (earlier drops in the universe).
import type { DropTriple } from './drops.js';

/** The drop universe of a partition given as group labels per replica, in the generator's order. */
export function dropUniverse(labels: readonly number[], typeCount: number): DropTriple[] {
  const out: DropTriple[] = [];
  for (let from = 0; from < labels.length; from++) {
    for (let to = 0; to < labels.length; to++) {
      if (to === from || labels[to] !== labels[from]) continue;
      for (let type = 0; type < typeCount; type++) out.push({ from, to, type });
    }
  }
  return out;
}

/** Size of the largest drop universe: every replica in one group. */
export function maxDropUniverse(replicas: number, typeCount: number): number {
  return replicas * (replicas - 1) * typeCount;
}

/** The drops the raw draws pick from `universe`, in universe order. */
export function pickDrops(raw: readonly number[], universe: readonly DropTriple[]): DropTriple[] {
  const left = universe.map((_, i) => i);
  const picked: number[] = [];
  for (const v of raw) {
    if (left.length === 0) break;
    picked.push(left.splice(v % left.length, 1)[0]!);
  }
  return picked.sort((x, y) => x - y).map((i) => universe[i]!);
}
