// The executor config (DESIGN §7): the input of `twins exec`. A config names cases; each case is one
// scenario source plus run options. Options resolve in three layers: a case's own fields, then the
// config's `defaults`, then DEFAULT_RUN_OPTIONS. No I/O: the CLI reads the file and any file a case
// names in `scenarios`.
import { UserError } from './errors.js';
import { childPath } from './json-path.js';
import { parseJson } from './json-syntax.js';
import { checkScenarioRules } from './scenario-rules.js';
import { assertSchema } from './schema-errors.js';
import { executorConfigValidator } from './schemas.js';
import type { Scenario } from './types.js';

export type Expectation = 'pass' | 'safety-violation' | 'liveness-violation';
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
  /** Injected bug names from the bug catalogue. */
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
  /** Whether replicas re-broadcast their timeout when the round timer fires again. */
  readonly retransmitTimeouts: boolean;
}

/** Run options as written in a config: every field optional, `budget` field by field. */
export type RunOptionsOverrides = {
  readonly [K in Exclude<keyof RunOptions, 'budget'>]?: RunOptions[K];
} & { readonly budget?: Partial<Budget> };

export interface ExecutorCase extends RunOptionsOverrides {
  readonly name: string;
  readonly description?: string;
  /** An inline scenario; exactly one of `scenario` and `scenarios` is set. */
  readonly scenario?: Scenario;
  /** A path relative to the config file's directory: a scenario .json, a .jsonl, or a generator config. */
  readonly scenarios?: string;
  /** What the case must show; `pass` when the config does not say. */
  readonly expect: Expectation;
}

export interface ExecutorConfig {
  readonly $schema?: string;
  readonly name: string;
  readonly description?: string;
  readonly defaults: RunOptionsOverrides;
  readonly cases: readonly ExecutorCase[];
}

/** The built-in defaults (diembft-v4.md §17 cast: delta 1 tick, round timeout 20 ticks). */
export const DEFAULT_RUN_OPTIONS: RunOptions = Object.freeze({
  bugs: Object.freeze([]) as readonly string[],
  delayTicks: 1,
  roundTimeoutTicks: 20,
  seed: '1',
  crypto: 'mock',
  budget: Object.freeze({ events: 200000, ticks: 100000 }),
  retransmitTimeouts: true,
});

const OVERRIDE_KEYS = ['bugs', 'delayTicks', 'roundTimeoutTicks', 'seed', 'crypto', 'budget',
  'healDeadlineTicks', 'livenessTicks', 'retransmitTimeouts'] as const;

/**
 * Parses and checks an executor config. `knownBugs` is the bug catalogue; naming any other bug is an
 * error. Inline scenarios are fully checked; files named by `scenarios` are the caller's to read.
 */
export function parseExecutorConfig(text: string, file: string, knownBugs: readonly string[]): ExecutorConfig {
  const value = parseJson(text, file);
  assertSchema(executorConfigValidator(), value, file);
  const raw = value as RawConfig;
  const defaults = checkOverrides(raw.defaults ?? {}, file, '$.defaults', knownBugs);
  const seen = new Map<string, number>();
  const cases = raw.cases.map((c, i) => {
    const path = childPath('$', 'cases', i);
    const earlier = seen.get(c.name);
    if (earlier !== undefined) {
      throw new UserError(file, childPath(path, 'name'), `duplicate case name '${c.name}'; $.cases[${earlier}] has it too`);
    }
    seen.set(c.name, i);
    const options = checkOverrides(c, file, path, knownBugs);
    if (c.scenario !== undefined) checkScenarioRules(c.scenario, file, childPath(path, 'scenario'));
    const { seed: _rawSeed, ...rest } = c;
    return { ...rest, ...options, expect: c.expect ?? 'pass' };
  });
  return { ...raw, defaults, cases };
}

/** Options for running `c`: its own fields over the config defaults over DEFAULT_RUN_OPTIONS. */
export function resolveCaseOptions(config: ExecutorConfig, c: ExecutorCase): RunOptions {
  const d = config.defaults;
  const D = DEFAULT_RUN_OPTIONS;
  const heal = c.healDeadlineTicks ?? d.healDeadlineTicks;
  const liveness = c.livenessTicks ?? d.livenessTicks;
  return {
    bugs: c.bugs ?? d.bugs ?? D.bugs,
    delayTicks: c.delayTicks ?? d.delayTicks ?? D.delayTicks,
    roundTimeoutTicks: c.roundTimeoutTicks ?? d.roundTimeoutTicks ?? D.roundTimeoutTicks,
    seed: c.seed ?? d.seed ?? D.seed,
    crypto: c.crypto ?? d.crypto ?? D.crypto,
    budget: {
      events: c.budget?.events ?? d.budget?.events ?? D.budget.events,
      ticks: c.budget?.ticks ?? d.budget?.ticks ?? D.budget.ticks,
    },
    ...(heal === undefined ? {} : { healDeadlineTicks: heal }),
    ...(liveness === undefined ? {} : { livenessTicks: liveness }),
    retransmitTimeouts: c.retransmitTimeouts ?? d.retransmitTimeouts ?? D.retransmitTimeouts,
  };
}

// The config as the schema admits it, before seeds are normalized and `expect` is defaulted.
type RawOverrides = Omit<RunOptionsOverrides, 'seed'> & { readonly seed?: string | number };
type RawCase = Omit<ExecutorCase, 'seed' | 'expect'> & RawOverrides & { readonly expect?: Expectation };
interface RawConfig {
  readonly $schema?: string;
  readonly name: string;
  readonly description?: string;
  readonly defaults?: RawOverrides;
  readonly cases: readonly RawCase[];
}

/** Checks the rules a schema cannot state and returns the run option fields of `o`, normalized. */
function checkOverrides(o: RawOverrides, file: string, path: string, knownBugs: readonly string[]): RunOptionsOverrides {
  o.bugs?.forEach((bug, i) => {
    if (!knownBugs.includes(bug)) {
      const known = knownBugs.length === 0 ? 'none' : knownBugs.join(', ');
      throw new UserError(file, childPath(path, 'bugs', i), `unknown bug '${bug}'; known: ${known}`);
    }
  });
  const delay = o.delayTicks;
  if (typeof delay === 'object' && delay.min > delay.max) {
    throw new UserError(file, childPath(path, 'delayTicks'), `min ${delay.min} is greater than max ${delay.max}`);
  }
  if (typeof o.seed === 'number' && !Number.isSafeInteger(o.seed)) {
    // JSON.parse has already rounded it, so two different seeds in the file could run the same.
    throw new UserError(file, childPath(path, 'seed'), 'integer seed is too large to be exact; write it as a string');
  }
  const out: Record<string, unknown> = {};
  for (const key of OVERRIDE_KEYS) if (o[key] !== undefined) out[key] = o[key];
  if (o.seed !== undefined) out.seed = String(o.seed);
  return out as RunOptionsOverrides;
}
