// Drop sets of a round configuration. A drop is a directed (from, to, type) between two different
// replicas of the SAME group: across groups nothing is delivered anyway, so such a drop would only
// inflate the space with duplicates. A drop set is a set (not a sequence) of at most maxPerRound
// distinct drops.
//
// Order of the drop universe of a partition: by sender (replicasOf order), then receiver, then type
// (in the config's type order). Drop sets are ordered by size, then lexicographically by their
// sorted element indices, so index 0 is always "no drops".
import { binomial } from './bigmath.js';

/** Number of possible drops for blocks of the given sizes: types x ordered intra-group pairs. */
export function dropUniverseSize(sizes: readonly number[], typeCount: number): number {
  let pairs = 0;
  for (const s of sizes) pairs += s * (s - 1);
  return pairs * typeCount;
}

/** Number of drop sets of size 0..maxPerRound out of `universe` drops. */
export function dropSetCount(universe: number, maxPerRound: number): bigint {
  let sum = 0n;
  for (let j = 0; j <= maxPerRound && j <= universe; j++) sum += binomial(universe, j);
  return sum;
}

/** The drop set at `index` (< dropSetCount): sorted element indices into the drop universe. */
export function unrankDropSet(index: bigint, universe: number, maxPerRound: number): number[] {
  let size = 0;
  for (; size <= maxPerRound; size++) {
    const c = binomial(universe, size);
    if (index < c) break;
    index -= c;
  }
  if (size > maxPerRound) throw new RangeError('drop-set index out of range');
  const out: number[] = [];
  let x = 0;
  for (let i = size; i > 0; i--) {
    // Combinations whose next element is x: choose the remaining i-1 from the items after x.
    for (;; x++) {
      const c = binomial(universe - x - 1, i - 1);
      if (index < c) break;
      index -= c;
    }
    out.push(x);
    x++;
  }
  return out;
}

export interface DropTriple {
  readonly from: number;
  readonly to: number;
  readonly type: number;
}

/** Decodes drop-universe elements of a partition (labels per replica) into replica/type indices. */
export function decodeDrops(elements: readonly number[], labels: readonly number[], typeCount: number): DropTriple[] {
  const pairs: [number, number][] = [];
  const wanted = new Set(elements.map((e) => Math.floor(e / typeCount)));
  const maxPair = Math.max(-1, ...wanted);
  for (let from = 0; from < labels.length && pairs.length <= maxPair; from++) {
    for (let to = 0; to < labels.length && pairs.length <= maxPair; to++) {
      if (to !== from && labels[to] === labels[from]) pairs.push([from, to]);
    }
  }
  return elements.map((e) => {
    const [from, to] = pairs[Math.floor(e / typeCount)]!;
    return { from, to, type: e % typeCount };
  });
}
