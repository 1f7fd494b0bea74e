// fast-check arbitraries over the scenario space of a generator config (DESIGN §6, §8): the same
// fields with the same meaning as `twins gen`, so a failure found by fuzzing is a scenario the
// generator could have written. Every value is a valid scenario (validateScenario agrees).
//
// What the fuzz space is, field by field:
// - rounds: 1..R scripted rounds, not exactly R, so that shrinking can drop whole rounds. A scenario
//   of the generator (exactly R rounds) is in the space; so are its shorter cousins.
// - partitions: min..max groups of all replicas (twins counted separately), with a quorum group when
//   requireQuorum; leaders: the eligible identities of `leaders`; drops: up to maxPerRound distinct
//   intra-group drops of the configured types; replacement: false forbids a repeated round; gst:
//   copied into every scenario.
// - limits, limitOrder, order, seed and symmetry steer enumeration and sampling only: fast-check's
//   own seed drives the search, and renamings of honest identities are harmless duplicates here.
//
// - workload (docs/services.md): the clients of ./arbitrary-workload.ts, when the config has one.
//
// Shrinking moves toward simpler scenarios: fewer rounds (any round can go), then per round fewer
// drops, fewer groups and the twin pair together (arbitrary-partition.ts), and an earlier leader (the
// first eligible identity).
import fc from 'fast-check';
import type { Drop, RoundSpec, Scenario } from '../scenario/types.js';
import { UserError } from '../scenario/errors.js';
import type { GeneratorConfig, GstOptions, LeaderChoice } from './config.js';
import { castOf, type Cast } from './identities.js';
import { checkGeneratorConfig } from './parse-config.js';
import { CountLimitError, PartitionCounter } from './partition-dp.js';
import { dropUniverse, maxDropUniverse, pickDrops } from './arbitrary-drops.js';
import { PartitionArbitrary, maxGroupsWithQuorum } from './arbitrary-partition.js';
import { searchLeaders, withSearch } from './arbitrary-search.js';
import { workloadArbitrary } from './arbitrary-workload.js';

/**
 * The fields of a generator config that describe its space, each optional. Missing fields take the
 * schema's defaults; the required ones default to the reference workload W1 (DESIGN §10): n = 4,
 * one twin, 7 rounds, 1..2 groups.
 */
export interface ScenarioSpaceFields {
  /** The protocol by registry name (default diembft): its kinds and quorum shape the space. */
  readonly protocol?: string;
  readonly name?: string;
  readonly nodes?: number;
  readonly twins?: number;
  readonly rounds?: number;
  readonly partitions?: { readonly min?: number; readonly max?: number; readonly requireQuorum?: boolean };
  readonly leaders?: LeaderChoice;
  readonly drops?: { readonly types: readonly Drop['type'][]; readonly maxPerRound: number };
  readonly replacement?: boolean;
  readonly gst?: GstOptions | null;
  readonly search?: GeneratorConfig['search'];
}

/** A parsed generator config (parseGeneratorConfig) or a few of its fields. */
export type ScenarioSpaceInput = GeneratorConfig | ScenarioSpaceFields;

const W1_DEFAULTS = { name: 'fuzz', nodes: 4, twins: 1, rounds: 7 } as const;

/** The full generator config for an input; fields are checked as a config file's would be. */
export function resolveGeneratorConfig(input: ScenarioSpaceInput): GeneratorConfig {
  if (isParsedConfig(input)) return input;
  const partitions = { min: 1, max: 2, ...input.partitions };
  // Through JSON, so that a field set to undefined counts as missing, as it would in a file.
  const fields: unknown = JSON.parse(JSON.stringify({ ...W1_DEFAULTS, ...input, partitions }));
  return checkGeneratorConfig(fields, null);
}

function isParsedConfig(input: ScenarioSpaceInput): input is GeneratorConfig {
  const c = input as Partial<GeneratorConfig>;
  return typeof c.limitOrder === 'object' && typeof c.output === 'string' && typeof c.order === 'string';
}

/** Scenarios of the space of `input` (a parsed generator config or a few of its fields). */
export function scenarios(input: ScenarioSpaceInput = {}): fc.Arbitrary<Scenario> {
  const config = resolveGeneratorConfig(input);
  const cast = castOf(config);
  const round = roundSpecsOver(config, cast, searchLeaders(config, cast));
  // minLength 0 and a filter rather than minLength 1: fast-check can only drop an array's last item
  // when the array may become empty, and "fewer rounds" should be able to drop any round.
  const constraints = { minLength: 0, maxLength: config.rounds, size: 'max' } as const;
  const rounds = config.replacement
    ? fc.array(round, constraints)
    : fc.uniqueArray(round, { ...constraints, selector: (r: RoundSpec) => JSON.stringify(r) });
  const toScenario = (rs: readonly RoundSpec[]): Scenario => ({
    schemaVersion: 1, ...(config.protocol === undefined ? {} : { protocol: config.protocol }),
    nodes: cast.nodes, twins: cast.twins, rounds: rs,
    ...(config.gst === null ? {} : { gst: config.gst }),
  });
  const nonEmpty = rounds.filter((rs) => rs.length > 0);
  const scripted = config.search === undefined ? nonEmpty.map(toScenario)
    : withSearch(config, cast, config.search, nonEmpty.map(toScenario));
  if (config.workload === undefined) return scripted;
  // Rounds first: fast-check shrinks a tuple's items in order, and the rounds matter most.
  return fc.tuple(scripted, workloadArbitrary(config.workload)).map(([s, w]) => ({ ...s, ...w }));
}

/** One scripted round of the space: a partition, a leader and drops. */
export function roundSpecs(input: ScenarioSpaceInput = {}): fc.Arbitrary<RoundSpec> {
  const config = resolveGeneratorConfig(input);
  return roundSpecsOver(config, castOf(config), castOf(config).leaders);
}

/** Rounds whose leader is drawn from `leaders` (the eligible ones, and with honest leaders on, the rest). */
function roundSpecsOver(config: GeneratorConfig, cast: Cast, leaders: readonly string[]): fc.Arbitrary<RoundSpec> {
  const typeCount = config.drops.types.length;
  // Drops first: fast-check shrinks a tuple's items in order, and a drop is the cheapest thing to lose.
  return fc.tuple(rawDrops(config, cast), groupLabels(config, cast), leaderIndex(leaders)).map(([drops, labels, leader]) => {
    const groups: string[][] = [];
    labels.forEach((g, i) => (groups[g] ??= []).push(cast.replicas[i]!));
    const picked = pickDrops(drops, dropUniverse(labels, typeCount));
    const spec: RoundSpec = { leader: leaders[leader]!, partitions: groups };
    if (picked.length === 0) return spec;
    return { ...spec, drops: picked.map((d): Drop => ({
      from: cast.replicas[d.from]!, to: cast.replicas[d.to]!, type: config.drops.types[d.type]!,
    })) };
  });
}

/** Group labels per replica (a restricted growth string) with min..max groups and, if asked, a quorum group. */
export function groupLabels(config: GeneratorConfig, cast: Cast): fc.Arbitrary<number[]> {
  const { min, requireQuorum } = config.partitions;
  let max = config.partitions.max;
  if (requireQuorum) {
    assertQuorumPossible(config, cast);
    // More groups than this cannot leave a quorum group; drawing them would only be drawn again.
    max = Math.min(max, maxGroupsWithQuorum(cast.replicas.length, cast.quorum));
  }
  return new PartitionArbitrary({ identityIndex: cast.identityIndex, min, max, quorum: requireQuorum ? cast.quorum : null });
}

function assertQuorumPossible(config: GeneratorConfig, cast: Cast): void {
  const { min, max } = config.partitions;
  let total: bigint;
  try {
    total = new PartitionCounter({ copies: cast.copies, kMin: min, kMax: max, quorum: cast.quorum }).total();
  } catch (err) {
    // Too many shapes to count: with that many replicas some partition in the range holds a quorum group.
    if (err instanceof CountLimitError) return;
    throw err;
  }
  if (total === 0n) {
    throw new UserError(null, '$.partitions.requireQuorum',
      `no partition of the ${cast.replicas.length} replicas into ${min}..${max} groups has a group ` +
      `with a quorum of ${cast.quorum} distinct identities (n = ${config.nodes}, f = ${cast.f})`);
  }
}

function rawDrops(config: GeneratorConfig, cast: Cast): fc.Arbitrary<number[]> {
  const { types, maxPerRound } = config.drops;
  const universe = maxDropUniverse(cast.replicas.length, types.length);
  if (maxPerRound === 0 || universe === 0) return fc.constant([]);
  return fc.array(fc.nat({ max: universe - 1 }), { maxLength: maxPerRound, size: 'max' });
}

function leaderIndex(leaders: readonly string[]): fc.Arbitrary<number> {
  return leaders.length === 1 ? fc.constant(0) : fc.nat({ max: leaders.length - 1 });
}
