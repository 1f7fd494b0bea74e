// The generic generator config each protocol's bug benches fuzz (bench/bug-detection.ts,
// bench/head-to-head.ts), and the size of a shrunk scenario as their tables print it.
import { protocolNames } from '../src/protocols/registry.js';
import type { Scenario } from '../src/scenario/types.js';

/** DiemBFT's is the reference workload W1; any other protocol's is generator-configs/<name>_random.json. */
export function randomConfigOf(protocol: string): string {
  return protocol === 'diembft' ? 'generator-configs/all_random.json' : `generator-configs/${protocol}_random.json`;
}

/** The protocols a bench covers: `--protocols a,b`, or every registered one. */
export function benchProtocols(flag: string | undefined): readonly string[] {
  const names = protocolNames();
  if (flag === undefined) return names;
  const wanted = flag.split(',');
  for (const w of wanted) if (!names.includes(w)) throw new Error(`--protocols: unknown protocol '${w}'; known: ${names.join(', ')}`);
  return wanted;
}

/** Scripted rounds / partitioned rounds / drops / failure rules. */
export function sizeOf(s: Scenario | null): string {
  if (s === null) return '-';
  const parts = s.rounds.filter((r) => r.partitions.length > 1).length;
  const drops = s.rounds.reduce((k, r) => k + (r.drops?.length ?? 0), 0);
  return `${s.rounds.length}r/${parts}p/${drops}d/${(s.rules ?? []).length}m`;
}
