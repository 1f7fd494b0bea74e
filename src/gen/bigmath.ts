// Exact combinatorics over BigInt. Scenario spaces overflow 2^53 quickly (n = 4 with drops and
// seven rounds is already ~7e18), so every count is a bigint.

const binomialRows: bigint[][] = [[1n]];

/** C(n, k), exact; 0 when k < 0 or k > n. Rows are cached because drop-set counts reuse them. */
export function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n || n < 0) return 0n;
  while (binomialRows.length <= n) {
    const prev = binomialRows[binomialRows.length - 1]!;
    const row: bigint[] = [1n];
    for (let i = 1; i < prev.length; i++) row.push(prev[i - 1]! + prev[i]!);
    row.push(1n);
    binomialRows.push(row);
  }
  return binomialRows[n]![k]!;
}

/** n (n-1) ... (n-r+1): arrangements of r distinct items out of n; 0 when r > n. */
export function fallingFactorial(n: bigint, r: number): bigint {
  let out = 1n;
  for (let i = 0; i < r; i++) {
    const factor = n - BigInt(i);
    if (factor <= 0n) return 0n;
    out *= factor;
  }
  return out;
}

/** Stirling number of the second kind S(n, k): partitions of n labelled items into k non-empty blocks. */
export function stirling2(n: number, k: number): bigint {
  // S(n, k) = k S(n-1, k) + S(n-1, k-1): the last item joins one of k blocks or opens its own.
  let row: bigint[] = [1n];
  for (let i = 1; i <= n; i++) {
    const next: bigint[] = [0n];
    for (let j = 1; j <= i; j++) next.push(BigInt(j) * (row[j] ?? 0n) + (row[j - 1] ?? 0n));
    row = next;
  }
  return row[k] ?? 0n;
}

export function factorial(n: number): bigint {
  let out = 1n;
  for (let i = 2; i <= n; i++) out *= BigInt(i);
  return out;
}

/** Number of bits needed to write x >= 0 (0 for 0). */
export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
