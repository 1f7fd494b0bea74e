// A stable in-place sort for the short lists consensus sorts: the signatures of one certificate and
// the signers of a check, at most n entries. It orders exactly as Array.prototype.sort (both are
// stable), but the built-in sort allocates a merge state per call, which for lists this short costs
// more than the sort (docs/performance.md).

/** Sorts `list` in place by `compare` (negative: a first), keeping equal entries in order; returns it. */
export function insertionSort<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < list.length; i++) {
    const x = list[i]!;
    let j = i - 1;
    while (j >= 0 && compare(list[j]!, x) > 0) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = x;
  }
  return list;
}
