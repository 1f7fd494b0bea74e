// Shared helpers for the generator tests: configs from a few fields, and brute-force references that
// share no code with src/gen (lists instead of DPs, integer partitions instead of unranking).
import { readFileSync } from 'node:fs';
import { checkGeneratorConfig, type GeneratorConfig } from '../../src/gen/index.js';
import { binomial, factorial, stirling2 } from '../../src/gen/bigmath.js';

/** A generator config from the given fields over a small default (n = 4, 1 twin, 2 rounds, 1..2 groups). */
export function configOf(fields: Record<string, unknown> = {}): GeneratorConfig {
  return checkGeneratorConfig({
    name: 'test', nodes: 4, twins: 1, rounds: 2, partitions: { min: 1, max: 2 }, ...fields,
  }, 'test.json');
}

/** Every set partition of `r` items as block labels (restricted growth strings), in lexicographic order. */
export function allPartitions(r: number): number[][] {
  const out: number[][] = [];
  const grow = (labels: number[], top: number): void => {
    if (labels.length === r) {
      out.push(labels.slice());
      return;
    }
    for (let b = 0; b <= top + 1; b++) {
      labels.push(b);
      grow(labels, Math.max(top, b));
      labels.pop();
    }
  };
  grow([], -1);
  return out;
}

/** Whether some block holds `quorum` distinct identities, given each replica's identity. */
export function hasQuorum(labels: readonly number[], identityOf: readonly number[], quorum: number): boolean {
  const perBlock = new Map<number, Set<number>>();
  labels.forEach((b, i) => {
    const set = perBlock.get(b) ?? new Set<number>();
    set.add(identityOf[i]!);
    perBlock.set(b, set);
  });
  return [...perBlock.values()].some((s) => s.size >= quorum);
}

/** Integer partitions of n into exactly k positive parts, non-increasing. */
export function integerPartitions(n: number, k: number, largest = n): number[][] {
  if (k === 0) return n === 0 ? [[]] : [];
  const out: number[][] = [];
  for (let first = Math.min(n - k + 1, largest); first >= 1; first--) {
    for (const rest of integerPartitions(n - first, k - 1, first)) out.push([first, ...rest]);
  }
  return out;
}

/** Set partitions of r labelled items with block sizes `shape`: r! / (prod s_i! prod m_j!). */
export function partitionsOfShape(r: number, shape: readonly number[]): bigint {
  let denominator = 1n;
  const multiplicity = new Map<number, number>();
  for (const s of shape) {
    denominator *= factorial(s);
    multiplicity.set(s, (multiplicity.get(s) ?? 0) + 1);
  }
  for (const m of multiplicity.values()) denominator *= factorial(m);
  return factorial(r) / denominator;
}

/**
 * Closed form of the round-configuration count without a quorum rule:
 * leaders x sum over k, over shapes of k blocks, of (#partitions of that shape) x sum_{j<=m} C(D, j),
 * with D = types x sum s(s-1) directed intra-group pairs. Without drops this is leaders x sum_k S(r, k).
 */
export function closedFormRoundConfigs(r: number, kMin: number, kMax: number, leaders: number,
  types: number, maxPerRound: number): bigint {
  let sum = 0n;
  for (let k = kMin; k <= kMax; k++) {
    if (types === 0 || maxPerRound === 0) {
      sum += stirling2(r, k);
      continue;
    }
    for (const shape of integerPartitions(r, k)) {
      const d = types * shape.reduce((acc, s) => acc + s * (s - 1), 0);
      let sets = 0n;
      for (let j = 0; j <= maxPerRound; j++) sets += binomial(d, j);
      sum += partitionsOfShape(r, shape) * sets;
    }
  }
  return BigInt(leaders) * sum;
}

/** The bad-config corpus: one file per rule, with the JSON path and a message excerpt it must produce. */
export const BAD_CONFIGS = new URL('../../../test/gen/bad-configs/', import.meta.url);
export const expectedBad = JSON.parse(readFileSync(new URL('expected.json', BAD_CONFIGS), 'utf8')) as
  Record<string, { readonly path: string | null; readonly contains: string; readonly space?: boolean }>;
