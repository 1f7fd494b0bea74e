// The ByzzFuzz search strategy (docs/fuzzing.md, "Strategies"; Winter et al., OOPSLA 2023): over a
// generator config's identities, one Byzantine identity and no twins; up to c network faults (a
// partition of the replicas in a drawn round) and up to d process faults (a small-scope mutation of
// the Byzantine replica's messages of a drawn round to drawn receivers, as failure rules) within the
// first r rounds (the config's `rounds`), then the config's GST tail. Scripted leaders rotate over
// every identity, so the Byzantine one leads some rounds.
//
// Shrinking goes through the draws in order: process faults first (whole faults, then receivers),
// then network faults, then the number of scripted rounds (faults beyond it go), then the Byzantine
// identity toward the first, then the number of identities (replicas): every drawn scenario has the
// config's n, and shrinking tries fewer, keeping the first ones (faults on the others go, and with
// f = 0 so do the Byzantine identity and its mutations).
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
  const mutationsOf = (k: number): readonly string[] => (protocol.thresholds(k).f === 0 ? [] : protocol.mutations?.names ?? []);
  const mutations = mutationsOf(n);
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
    new NodeCount(n),
  ).map(([pfs, nfs, rounds, byz, k]) => toScenario(config, nodes.slice(0, k), mutationsOf(k), pfs, nfs, rounds, Math.min(byz, k - 1)));
}

/**
 * The number of identities: always `top` when drawn (so it takes nothing from the random stream),
 * shrinking toward 1 as an integer does.
 */
class NodeCount extends fc.Arbitrary<number> {
  private readonly range: fc.Arbitrary<number>;

  constructor(private readonly top: number) {
    super();
    this.range = fc.integer({ min: 1, max: top });
  }

  generate(): fc.Value<number> {
    return new fc.Value(this.top, undefined);
  }

  canShrinkWithoutContext(value: unknown): value is number {
    return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= this.top;
  }

  shrink(value: number): fc.Stream<fc.Value<number>> {
    return this.range.shrink(value, undefined);
  }
}

function toScenario(config: GeneratorConfig, nodes: readonly string[], mutations: readonly string[],
  pfs: readonly ProcessFault[], nfs: readonly NetworkFault[], roundCount: number, byz: number): Scenario {
  const byzantine = nodes[byz]!;
  const faulty = mutations.length === 0 ? {} : { byzantine: [byzantine] };
  const rounds: RoundSpec[] = Array.from({ length: roundCount }, (_, i) => ({
    leader: nodes[i % nodes.length]!, partitions: partitionOf(nodes, nfs.filter((f) => f.round === i + 1)),
  }));
  const rules: FailureRule[] = mutations.length === 0 ? [] : pfs.filter((p) => p.round <= roundCount).flatMap((p) => p.receivers
    .filter((to) => to !== byz && to < nodes.length)
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
