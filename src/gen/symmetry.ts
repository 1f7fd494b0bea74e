// Symmetry reduction (DESIGN §6). Renaming honest identities consistently across all rounds cannot
// change what a scenario does, so a class of such renamings needs one representative. The rule is
// local, so it works on a stream in constant memory: a scenario is kept iff its canonical encoding
// (the JSON of its rounds, compared round by round) is the smallest among its images under every
// permutation of the honest names. Twinned identities are never renamed: their replicas are not
// interchangeable with an honest one.
import { UserError } from '../scenario/errors.js';
import { dropTypesOf, identityOf, replicasOf, type Drop, type Partition, type RoundSpec, type Scenario } from '../scenario/types.js';
import type { Cast } from './identities.js';
import { DEFAULT_PROTOCOL, protocolNamed } from '../protocols/registry.js';
import type { RoundConfig } from './round-config-step.js';
import { canonicalLabels } from './round-render.js';

/** More honest identities than this would mean more than 8! = 40320 images per scenario. */
export const MAX_SYMMETRY_HONEST = 8;

/** Every permutation of 0..n-1, identity first. */
export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let at = rest.length; at >= 0; at--) out.push([...rest.slice(0, at), n - 1, ...rest.slice(at)]);
  }
  return out;
}

interface Renaming {
  /** Image of each node index. */
  readonly node: readonly number[];
  /** Image of each replica index. */
  readonly replica: readonly number[];
}

export class SymmetryFilter {
  /** Every honest renaming except the identity. */
  readonly renamings: readonly Renaming[];
  private readonly images: Map<bigint, string>[];

  constructor(private readonly cast: Cast, private readonly render: (c: RoundConfig) => string,
    file: string | null) {
    const h = cast.honest.length;
    if (h > MAX_SYMMETRY_HONEST) {
      throw new UserError(file, '$.symmetry',
        `${h} honest identities have ${h}! renamings; symmetry supports at most ${MAX_SYMMETRY_HONEST}`);
    }
    const t = cast.twins.length;
    this.renamings = permutations(h).slice(1).map((p) => {
      const node = [...cast.nodes.keys()].map((i) => (i < t ? i : t + p[i - t]!));
      const replica = cast.identityIndex.map((id, r) => (id < t ? r : cast.replicas.indexOf(cast.nodes[node[id]!]!)));
      return { node, replica };
    });
    this.images = this.renamings.map(() => new Map());
  }

  /** Whether no honest renaming gives a smaller encoding. `digits` key the image cache. */
  isCanonical(digits: readonly bigint[], rounds: readonly RoundConfig[], jsons: readonly string[]): boolean {
    for (let p = 0; p < this.renamings.length; p++) {
      for (let j = 0; j < rounds.length; j++) {
        const image = this.image(p, digits[j]!, rounds[j]!);
        if (image < jsons[j]!) return false;
        if (image > jsons[j]!) break;
      }
    }
    return true;
  }

  private image(p: number, digit: bigint, round: RoundConfig): string {
    const cache = this.images[p]!;
    let json = cache.get(digit);
    if (json === undefined) {
      json = this.render(renameRound(round, this.renamings[p]!));
      if (cache.size >= 1 << 14) cache.clear();
      cache.set(digit, json);
    }
    return json;
  }
}

function renameRound(round: RoundConfig, r: Renaming): RoundConfig {
  const moved: number[] = [];
  round.labels.forEach((b, i) => (moved[r.replica[i]!] = b));
  const drops = round.drops
    .map((d) => ({ from: r.replica[d.from]!, to: r.replica[d.to]!, type: d.type }))
    .sort((x, y) => x.from - y.from || x.to - y.to || x.type - y.type);
  return { labels: canonicalLabels(moved), leader: r.node[round.leader]!, drops };
}

/**
 * Renames identities of a scenario (e.g. `{b: 'c', c: 'b'}`) and puts its groups and drops back in
 * canonical order. Used by tests to check that the filter only removes renamings of kept scenarios,
 * and usable to check that renamed scenarios get the same verdict.
 */
export function renameScenario(s: Scenario, mapping: Readonly<Record<string, string>>): Scenario {
  const order = replicasOf(s);
  const rank = (replica: string): number => order.indexOf(replica);
  const name = (replica: string): string => {
    const base = identityOf(replica);
    return (mapping[base] ?? base) + replica.slice(base.length);
  };
  const partition = (p: Partition): string[][] => p
    .map((g) => g.map(name).sort((x, y) => rank(x) - rank(y)))
    .sort((x, y) => rank(x[0]!) - rank(y[0]!));
  const dropTypes = dropTypesOf(protocolNamed(s.protocol ?? DEFAULT_PROTOCOL).kinds);
  const rounds = s.rounds.map((round): RoundSpec => {
    const drops = round.drops?.map((d): Drop => ({ from: name(d.from), to: name(d.to), type: d.type }));
    return {
      ...round,
      leader: mapping[round.leader] ?? round.leader,
      partitions: partition(round.partitions),
      ...(drops === undefined ? {} : { drops: sortDrops(drops, rank, dropTypes) }),
    };
  });
  return { ...s, rounds };
}

function sortDrops(drops: Drop[], rank: (r: string) => number, types: readonly string[]): Drop[] {
  return drops.sort((x, y) => rank(x.from) - rank(y.from) || rank(x.to) - rank(y.to) ||
    types.indexOf(x.type) - types.indexOf(y.type));
}

/** Every renaming of the honest identities of a scenario, as name maps (identity first). */
export function honestRenamings(s: Pick<Scenario, 'nodes' | 'twins'>): Record<string, string>[] {
  const honest = s.nodes.filter((id) => !s.twins.includes(id));
  return permutations(honest.length).map((p) => Object.fromEntries(honest.map((id, i) => [id, honest[p[i]!]!])));
}
