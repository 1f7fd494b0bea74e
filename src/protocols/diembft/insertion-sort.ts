// A stable in-place sort for the short lists consensus sorts: the signatures of one certificate and
// the signers of a check, at most n entries. It orders exactly as Array.prototype.sort (both are
// stable), but V8's built-in sort allocates a merge state of several hundred bytes per call, which
// on W1 was 5% of all bytes allocated (about 50 sorts of 3-4 entries per run).

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
