// The options of one scenario run (DESIGN §7): ONE type and ONE defaults table, shared by executor
// configs, the library's runScenario, replay and fuzz. Field names match the executor config
// (docs/file-formats.md). A protocol's own knobs travel in `protocolOptions`, a bag only the
// protocol's module reads.
import type { ClientsSpec, WorkloadSpec } from './types.js';

export type CryptoKind = 'mock' | 'ed25519';

/** Link delay drawn uniformly (from the seeded network stream) between min and max ticks, inclusive. */
export interface DelayRange {
  readonly min: number;
  readonly max: number;
}

/** A run stops with a verdict when it has processed `events` events or reached tick `ticks`. */
export interface Budget {
  readonly events: number;
  readonly ticks: number;
}

export interface RunOptions {
  /** The protocol module by registry name. Undefined: the scenario's own `protocol`, else diembft. */
  readonly protocol?: string;
  /** The protocol's own options, checked against its option schema; missing fields take its defaults. */
  readonly protocolOptions: Readonly<Record<string, unknown>>;
  /** Ids of the oracles to run. Undefined: every generic oracle and every oracle of the protocol. */
  readonly oracles?: readonly string[];
  /** Injected bug names from the protocol's bug catalogue. */
  readonly bugs: readonly string[];
  /** Link delay in ticks: a constant, or a range. */
  readonly delayTicks: number | DelayRange;
  readonly roundTimeoutTicks: number;
  /** Seed of the run's random streams. Integer seeds in a config are normalized to decimal strings. */
  readonly seed: string;
  readonly crypto: CryptoKind;
  readonly budget: Budget;
  /** Tick by which the network heals. Undefined: derived from the round timeout by the executor. */
  readonly healDeadlineTicks?: number;
  /** Ticks after the heal within which liveness must show. Undefined: derived from the round timeout. */
  readonly livenessTicks?: number;
  /** The service, client settings and workloads, over the scenario's own (docs/services.md). */
  readonly service?: string;
  readonly clients?: ClientsSpec;
  readonly workloads?: readonly WorkloadSpec[];
}

/** Run options as a caller may give them: every field optional, `budget` field by field, any seed. */
export type RunOptionsInput = {
  readonly [K in Exclude<keyof RunOptions, 'budget' | 'seed'>]?: RunOptions[K];
} & { readonly budget?: Partial<Budget>; readonly seed?: string | number };

/** The built-in defaults (diembft-v4.md §17 cast: delta 1 tick, round timeout 20 ticks). */
export const DEFAULT_RUN_OPTIONS: RunOptions = Object.freeze({
  protocolOptions: Object.freeze({}),
  bugs: Object.freeze([]) as readonly string[],
  delayTicks: 1,
  roundTimeoutTicks: 20,
  seed: '1',
  crypto: 'mock',
  budget: Object.freeze({ events: 200000, ticks: 100000 }),
});

/** `input` over `base` (by default the built-in defaults): budget field by field, the seed as a string. */
export function withRunOptions(input: RunOptionsInput, base: RunOptions = DEFAULT_RUN_OPTIONS): RunOptions {
  const { budget, seed, protocolOptions, ...rest } = input;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) out[k] = v;
  out.budget = { events: budget?.events ?? base.budget.events, ticks: budget?.ticks ?? base.budget.ticks };
  out.protocolOptions = protocolOptions === undefined ? base.protocolOptions : { ...base.protocolOptions, ...protocolOptions };
  if (seed !== undefined) out.seed = String(seed);
  return out as unknown as RunOptions;
}

export function delayRange(d: RunOptions['delayTicks']): DelayRange {
  return typeof d === 'number' ? { min: d, max: d } : { min: d.min, max: d.max };
}
