// The generator config (schemas/generator-config.schema.json) after parsing: every optional field
// filled with its default, so the rest of src/gen never has to ask "was this given?".
import type { ClientsSpec, DropType, ReplyFault, WorkloadSpec } from '../scenario/types.js';

/** Clients attached to every scenario of a config (docs/services.md). */
export interface WorkloadAttachment {
  readonly service: string;
  readonly clients?: ClientsSpec;
  readonly workloads: readonly WorkloadSpec[];
  readonly replyFaults?: Readonly<Record<string, ReplyFault>>;
}

export type LeaderChoice = 'faulty' | 'all' | 'honest';
export type GenerationOrder = 'enumerate' | 'random';
export type LimitOrder = 'first' | 'sample';
export type Step = 'partitions' | 'roundConfigs' | 'scenarios';
export const STEPS: readonly Step[] = ['partitions', 'roundConfigs', 'scenarios'];

export interface PartitionOptions {
  /** Fewest groups a round's partition may have (k1 >= 1). */
  readonly min: number;
  /** Most groups a round's partition may have (k2 <= number of replicas). */
  readonly max: number;
  /** Keep only partitions in which some group holds a quorum of distinct identities (the protocol's). */
  readonly requireQuorum: boolean;
}

export interface DropOptions {
  /** Message types a drop may name, in the protocol's kind order then `any`, without repeats. */
  readonly types: readonly DropType[];
  /** Most drops in one round; 0 means no drops at all. */
  readonly maxPerRound: number;
}

export interface GstOptions {
  readonly rounds: number;
  readonly leaders?: readonly string[];
}

/** What `twins fuzz` adds to a config's space (its `search` block); `twins gen` ignores it. */
export interface SearchOptions {
  /** Scripted rounds may also be led by honest identities. */
  readonly honestLeaders: boolean;
  /** Link delays: min, and the largest maximum a scenario may draw; null leaves delays to the run options. */
  readonly delayTicks: { readonly min: number; readonly max: number } | null;
  /** Round timeouts drawn from this range; null leaves the timeout to the run options. */
  readonly roundTimeoutTicks: { readonly min: number; readonly max: number } | null;
  /** One honest replica may crash and restart. */
  readonly crash: boolean;
  /** Clients a run may have, drawn as a top-level `workload` is; absent: no clients from the search. */
  readonly workload?: WorkloadAttachment;
  /** Failure rules a run may have (delays and a twin's mutations); null: none from the search. */
  readonly faults: FaultOptions | null;
}

/** The `faults` dimension of a `search` block. */
export interface FaultOptions {
  /** Most failure rules a run draws (each a delay, or a mutation to a set of receivers). */
  readonly rules: number;
}

export interface GeneratorConfig {
  /** The protocol by registry name, when the config names one (absent: the default protocol). */
  readonly protocol?: string;
  readonly name: string;
  readonly nodes: number;
  readonly twins: number;
  readonly rounds: number;
  readonly partitions: PartitionOptions;
  readonly leaders: LeaderChoice;
  readonly drops: DropOptions;
  readonly replacement: boolean;
  readonly order: GenerationOrder;
  readonly seed: string;
  /** Per-step limits; a missing step is unlimited. */
  readonly limits: Readonly<Partial<Record<Step, bigint>>>;
  /** How each step's limit picks its items (always filled in for every step). */
  readonly limitOrder: Readonly<Record<Step, LimitOrder>>;
  readonly symmetry: boolean;
  /** The liveness tail copied into every scenario; null writes safety-only scenarios. */
  readonly gst: GstOptions | null;
  readonly output: string;
  /** Present only when the config has a `search` block. */
  readonly search?: SearchOptions;
  /** Clients attached to every scenario; absent: none. */
  readonly workload?: WorkloadAttachment;
}

export const DEFAULT_SEED = '0';
export const DEFAULT_GST: GstOptions = { rounds: 7 };

/**
 * Default limit order: a scenario limit in random order samples (the first X of a seeded
 * permutation), because "the first X in enumeration order, shuffled" would only vary the last
 * rounds. Everything else keeps the first X, as the paper's hooks do.
 */
export function defaultLimitOrder(step: Step, order: GenerationOrder): LimitOrder {
  return step === 'scenarios' && order === 'random' ? 'sample' : 'first';
}

export function defaultOutput(name: string): string {
  return `scenarios/${name}.jsonl`;
}

/** Overrides the CLI flags may apply after parsing. */
export interface ConfigOverrides {
  readonly seed?: string;
  readonly scenarios?: bigint;
  readonly output?: string;
}

export function withOverrides(config: GeneratorConfig, o: ConfigOverrides): GeneratorConfig {
  return {
    ...config,
    seed: o.seed ?? config.seed,
    output: o.output ?? config.output,
    limits: o.scenarios === undefined ? config.limits : { ...config.limits, scenarios: o.scenarios },
  };
}

/** The config as plain JSON (bigints as decimal strings), keys in a fixed order, for hashing and printing. */
export function configToJson(config: GeneratorConfig): Record<string, unknown> {
  const limits: Record<string, string> = {};
  for (const step of STEPS) {
    const v = config.limits[step];
    if (v !== undefined) limits[step] = v.toString();
  }
  return { ...config, limits };
}
