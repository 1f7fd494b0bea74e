// The ByzzFuzz search strategy (docs/fuzzing.md, "Strategies"; Winter et al., OOPSLA 2023): over a
// generator config's identities, one Byzantine identity and no twins; up to c network faults (a
// partition of the replicas in a drawn round) and up to d process faults (a small-scope mutation of
// the Byzantine replica's messages of a drawn round to drawn receivers, as failure rules) within the
// first r rounds (the config's `rounds`), then the config's GST tail. Scripted leaders rotate over
// every identity, so the Byzantine one leads some rounds.
//
// Shrinking goes through the draws in order: process faults first (whole faults, then receivers),
// then network faults, then the number of scripted rounds (faults beyond it go), then the Byzantine
// identity toward the first.
import fc from 'fast-check';
import { DEFAULT_PROTOCOL, protocolNamed } from '../protocols/registry.js';
import type { FailureRule, Partition, RoundSpec, Scenario } from '../scenario/types.js';
import type { GeneratorConfig } from './config.js';
import { identityName } from './identities.js';

export interface ByzzFuzzBounds {
  /** Most network faults (partitions) per scenario. */
  readonly c: number;
  /** Most process faults (mutations) per scenario. */
  readonly d: number;
}

export const DEFAULT_BYZZFUZZ: ByzzFuzzBounds = Object.freeze({ c: 2, d: 2 });

interface ProcessFault {
  readonly round: number;
  readonly receivers: readonly number[];
  readonly mutation: number;
}

interface NetworkFault {
  readonly round: number;
  /** A group label per replica (identity index order). */
  readonly labels: readonly number[];
}

export function byzzfuzzScenarios(config: GeneratorConfig, bounds: ByzzFuzzBounds = DEFAULT_BYZZFUZZ): fc.Arbitrary<Scenario> {
  const n = config.nodes;
  const r = Math.max(1, config.rounds);
  const protocol = protocolNamed(config.protocol ?? DEFAULT_PROTOCOL);
  // With f = 0 no identity may be Byzantine: network faults only.
  const mutations = protocol.thresholds(n).f === 0 ? [] : protocol.mutations?.names ?? [];
  const nodes = Array.from({ length: n }, (_, i) => identityName(i));
  const round = fc.integer({ min: 1, max: r });
  const processFault: fc.Arbitrary<ProcessFault> = fc.record({
    round, receivers: fc.subarray(nodes.map((_, i) => i), { minLength: 1 }), mutation: fc.nat(Math.max(0, mutations.length - 1)),
  });
  const networkFault: fc.Arbitrary<NetworkFault> = fc.record({
    round, labels: fc.array(fc.nat(n - 1), { minLength: n, maxLength: n }),
  });
  return fc.tuple(
    fc.array(processFault, { maxLength: mutations.length === 0 ? 0 : bounds.d }),
    fc.array(networkFault, { maxLength: bounds.c }),
    fc.integer({ min: 1, max: r }),
    fc.nat(n - 1),
  ).map(([pfs, nfs, rounds, byz]) => toScenario(config, nodes, mutations, pfs, nfs, rounds, byz));
}

function toScenario(config: GeneratorConfig, nodes: readonly string[], mutations: readonly string[],
  pfs: readonly ProcessFault[], nfs: readonly NetworkFault[], roundCount: number, byz: number): Scenario {
  const byzantine = nodes[byz]!;
  const faulty = mutations.length === 0 ? {} : { byzantine: [byzantine] };
  const rounds: RoundSpec[] = Array.from({ length: roundCount }, (_, i) => ({
    leader: nodes[i % nodes.length]!, partitions: partitionOf(nodes, nfs.filter((f) => f.round === i + 1)),
  }));
  const rules: FailureRule[] = pfs.filter((p) => p.round <= roundCount).flatMap((p) => p.receivers
    .filter((to) => to !== byz)
    .map((to) => ({ src: byzantine, dest: nodes[to]!, kind: '*', rounds: [p.round], action: 'mutate' as const,
      mutation: mutations[p.mutation]! })));
  return {
    schemaVersion: 1, ...(config.protocol === undefined ? {} : { protocol: config.protocol }),
    nodes, twins: [], ...faulty, rounds,
    ...(config.gst === null ? {} : { gst: config.gst }),
    ...(rules.length === 0 ? {} : { rules }),
  };
}

/** The common refinement of the network faults' partitions of one round (the whole network when none). */
function partitionOf(nodes: readonly string[], faults: readonly NetworkFault[]): Partition {
  const groups = new Map<string, string[]>();
  nodes.forEach((name, i) => {
    const key = faults.map((f) => f.labels[i]).join(',');
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [name]);
    else g.push(name);
  });
  return [...groups.values()];
}
