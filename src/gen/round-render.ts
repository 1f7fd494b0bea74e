// Turns a round configuration (indices) into the RoundSpec of DESIGN §5 and its JSON text. Groups
// come out in canonical order: sorted by first replica in replicasOf order, members in that order;
// drops sorted by (from, to, type).
import type { Drop, DropType, RoundSpec } from '../scenario/types.js';
import type { Cast } from './identities.js';
import type { RoundConfig } from './round-config-step.js';

export interface RoundEntry {
  readonly config: RoundConfig;
  readonly spec: RoundSpec;
  /** JSON.stringify(spec), computed once: scenario lines are built by joining these. */
  readonly json: string;
  /** The same JSON as UTF-8 bytes, so a line can be assembled without building strings. */
  readonly bytes: Buffer;
}

/** The groups of a partition given as block labels per replica, in canonical order. */
export function groupsOf(cast: Cast, labels: readonly number[]): string[][] {
  const groups: string[][] = [];
  labels.forEach((b, i) => (groups[b] ??= []).push(cast.replicas[i]!));
  return groups;
}

export function renderRound(cast: Cast, types: readonly DropType[], config: RoundConfig): RoundEntry {
  const groups = groupsOf(cast, config.labels);
  const leader = cast.nodes[config.leader]!;
  const spec: RoundSpec = config.drops.length === 0
    ? { leader, partitions: groups }
    : { leader, partitions: groups, drops: config.drops.map((d): Drop => ({
      from: cast.replicas[d.from]!, to: cast.replicas[d.to]!, type: types[d.type]!,
    })) };
  const json = JSON.stringify(spec);
  return { config, spec, json, bytes: Buffer.from(json, 'utf8') };
}

/** Relabels blocks by first occurrence, so any labelling of a partition becomes its RGS. */
export function canonicalLabels(labels: readonly number[]): number[] {
  const rename = new Map<number, number>();
  return labels.map((b) => {
    let r = rename.get(b);
    if (r === undefined) {
      r = rename.size;
      rename.set(b, r);
    }
    return r;
  });
}
