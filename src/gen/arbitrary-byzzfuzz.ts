// The ByzzFuzz search strategy (docs/fuzzing.md, "Strategies"; Winter et al., OOPSLA 2023): over a
// generator config's identities, one Byzantine identity and no twins; up to c network faults (each a
// partition of the replicas in a drawn round, or a `delay` failure rule: messages of a drawn round,
// kind, sender and receiver, each `*` or one, arrive after a drawn 1 to 2x the run's round timeout
// ticks) and up to d process faults (a small-scope mutation of the Byzantine replica's messages of a
// drawn round to drawn receivers, as failure rules) within the first r rounds (the config's
// `rounds`), then the config's GST tail. Scripted leaders rotate over every identity, so the
// Byzantine one leads some rounds.
//
// Shrinking goes through the draws in order: process faults first (whole faults, then receivers),
// then network faults (whole faults, then a delay's ticks toward 1), then the number of scripted
// rounds (faults beyond it go), then the Byzantine
// identity toward the first, then the identities (replicas): every drawn scenario has all the
// config's n, and shrinking drops any one of them, the rest renamed a, b, c, ... in order. Faults
// on a dropped identity go; dropping the Byzantine identity, or leaving f = 0, drops its mutations.
import fc from 'fast-check';
import { DEFAULT_PROTOCOL, protocolNamed } from '../protocols/registry.js';
import { DEFAULT_RUN_OPTIONS } from '../scenario/run-options.js';
import type { FailureRule, Partition, RoundSpec, Scenario } from '../scenario/types.js';
import type { GeneratorConfig } from './config.js';
import { identityName } from './identities.js';
import { delayFault, delayRule, mutateFault, mutateRules, type DelayFault, type MutateFault } from './arbitrary-fault-rules.js';

export interface ByzzFuzzBounds {
  /** Most network faults (partitions and delays) per scenario. */
  readonly c: number;
  /** Most process faults (mutations) per scenario. */
  readonly d: number;
}

export const DEFAULT_BYZZFUZZ: ByzzFuzzBounds = Object.freeze({ c: 2, d: 2 });

interface PartitionFault {
  readonly round: number;
  /** A group label per replica (identity index order). */
  readonly labels: readonly number[];
}

type NetworkFault = { readonly partition: PartitionFault } | { readonly delay: DelayFault };

/**
 * The ByzzFuzz scenarios of `config`. A delay draws up to twice `roundTimeoutTicks` (the run's round
 * timeout; `twins fuzz` runs with the default), so it may carry a message past its round.
 */
export function byzzfuzzScenarios(config: GeneratorConfig, bounds: ByzzFuzzBounds = DEFAULT_BYZZFUZZ,
  roundTimeoutTicks: number = DEFAULT_RUN_OPTIONS.roundTimeoutTicks): fc.Arbitrary<Scenario> {
  const n = config.nodes;
  const r = Math.max(1, config.rounds);
  const protocol = protocolNamed(config.protocol ?? DEFAULT_PROTOCOL);
  // With f = 0 no identity may be Byzantine: network faults only.
  const mutationsOf = (k: number): readonly string[] => (protocol.thresholds(k).f === 0 ? [] : protocol.mutations?.names ?? []);
  const mutations = mutationsOf(n);
  const partition: fc.Arbitrary<NetworkFault> = fc.record({
    round: fc.integer({ min: 1, max: r }), labels: fc.array(fc.nat(n - 1), { minLength: n, maxLength: n }),
  }).map((p) => ({ partition: p }));
  const delay: fc.Arbitrary<NetworkFault> = delayFault(r, n, protocol.kinds.length, 2 * roundTimeoutTicks).map((d) => ({ delay: d }));
  const networkFault = fc.oneof(partition, delay);
  return fc.tuple(
    fc.array(mutateFault(r, n, mutations.length), { maxLength: mutations.length === 0 ? 0 : bounds.d }),
    fc.array(networkFault, { maxLength: bounds.c }),
    fc.integer({ min: 1, max: r }),
    fc.nat(n - 1),
    new IdentitySubset(n),
  ).map(([pfs, nfs, rounds, byz, kept]) => toScenario(config, protocol.kinds, kept, mutationsOf(kept.length), pfs, nfs, rounds, byz));
}

/**
 * The identities a scenario keeps, as increasing indices into the config's: always all of them when
 * drawn (so it takes nothing from the random stream); a shrink drops one, any one, the last first.
 */
export class IdentitySubset extends fc.Arbitrary<readonly number[]> {
  constructor(private readonly top: number) {
    super();
  }

  generate(): fc.Value<readonly number[]> {
    return new fc.Value(Array.from({ length: this.top }, (_, i) => i), undefined);
  }

  canShrinkWithoutContext(value: unknown): value is readonly number[] {
    return Array.isArray(value) && value.length >= 1 && value.every((x, k) => Number.isInteger(x) && x >= 0 && x < this.top
      && (k === 0 || x > (value[k - 1] as number)));
  }

  shrink(value: readonly number[]): fc.Stream<fc.Value<readonly number[]>> {
    if (value.length <= 1) return fc.Stream.nil();
    const drops = Array.from({ length: value.length }, (_, k) => value.length - 1 - k);
    return fc.Stream.of(...drops.map((k) => new fc.Value(value.filter((_, j) => j !== k), undefined)));
  }
}

/**
 * The scenario over the kept identities (indices into the config's `nodes`), renamed a, b, c, ... in
 * order; faults that name a dropped identity go. Rules: the mutations, then the delays.
 */
function toScenario(config: GeneratorConfig, kinds: readonly string[], kept: readonly number[], mutations: readonly string[],
  pfs: readonly MutateFault[], nfs: readonly NetworkFault[], roundCount: number, byz: number): Scenario {
  const nodes = kept.map((_, k) => identityName(k));
  /** The new name of the config's identity `i`, or undefined when it was dropped. */
  const rename = (i: number): string | undefined => {
    const k = kept.indexOf(i);
    return k < 0 ? undefined : nodes[k];
  };
  const byzantine = rename(byz);
  const mutating = byzantine !== undefined && mutations.length > 0;
  const partitions = nfs.flatMap((f) => ('partition' in f ? [f.partition] : []));
  const delays = nfs.flatMap((f) => ('delay' in f ? [f.delay] : []));
  const rounds: RoundSpec[] = Array.from({ length: roundCount }, (_, i) => ({
    leader: nodes[i % nodes.length]!,
    partitions: partitionOf(nodes, partitions.filter((f) => f.round === i + 1).map((f) => ({ ...f, labels: kept.map((j) => f.labels[j]!) }))),
  }));
  const mutationRules: FailureRule[] = !mutating ? [] : pfs.flatMap((p) => mutateRules(p, roundCount, byzantine,
    (to) => (to === byz ? undefined : rename(to)), mutations));
  const delayRules = delays.flatMap((d) => delayRule(d, roundCount, rename, kinds) ?? []);
  const rules = [...mutationRules, ...delayRules];
  return {
    schemaVersion: 1, ...(config.protocol === undefined ? {} : { protocol: config.protocol }),
    nodes, twins: [], ...(mutating ? { byzantine: [byzantine] } : {}), rounds,
    ...(config.gst === null ? {} : { gst: config.gst }),
    ...(rules.length === 0 ? {} : { rules }),
  };
}

/** The common refinement of the network faults' partitions of one round (the whole network when none). */
function partitionOf(nodes: readonly string[], faults: readonly PartitionFault[]): Partition {
  const groups = new Map<string, string[]>();
  nodes.forEach((name, i) => {
    const key = faults.map((f) => f.labels[i]).join(',');
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [name]);
    else g.push(name);
  });
  return [...groups.values()];
}
