// The executor config (DESIGN §7): the input of `twins exec`. A config names cases; each case is one
// scenario source plus run options. Options resolve in three layers: a case's own fields, then the
// config's `defaults`, then DEFAULT_RUN_OPTIONS. No I/O: the CLI reads the file and any file a case
// names in `scenarios`.
import { UserError } from './errors.js';
import { childPath } from './json-path.js';
import { parseJson } from './json-syntax.js';
import { checkScenarioRules } from './scenario-rules.js';
import { checkServiceFields } from './client-rules.js';
import { DEFAULT_RUN_OPTIONS, type Budget, type RunOptions } from './run-options.js';
import { assertSchema } from './schema-errors.js';
import { executorConfigValidator, protocolOptionsValidator } from './schemas.js';
import type { Scenario } from './types.js';
import { DEFAULT_PROTOCOL, findProtocol } from '../protocols/registry.js';

export type Expectation = 'pass' | 'safety-violation' | 'liveness-violation';
export type { Budget, CryptoKind, DelayRange, RunOptions } from './run-options.js';
export { DEFAULT_RUN_OPTIONS } from './run-options.js';

/** What a config may name for one protocol: its bugs and its oracles (generic ones included). */
export interface ProtocolCatalogEntry {
  readonly bugs: readonly string[];
  readonly oracles: readonly string[];
}

/** The catalogue entry of a protocol by registry name, or undefined for an unknown protocol. */
export type ProtocolCatalog = (protocol: string) => ProtocolCatalogEntry | undefined;

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

const OVERRIDE_KEYS = ['protocol', 'protocolOptions', 'oracles', 'bugs', 'delayTicks', 'roundTimeoutTicks', 'seed',
  'crypto', 'budget', 'healDeadlineTicks', 'livenessTicks', 'service', 'clients', 'workloads'] as const;

/**
 * Parses and checks an executor config. `catalog` gives each protocol's bugs and oracles; naming
 * any other protocol, bug or oracle is an error, and so are protocol options its schema refuses.
 * Inline scenarios are fully checked; files named by `scenarios` are the caller's to read.
 */
export function parseExecutorConfig(text: string, file: string, catalog: ProtocolCatalog): ExecutorConfig {
  const value = parseJson(text, file);
  assertSchema(executorConfigValidator(), value, file);
  const raw = value as RawConfig;
  const defaults = checkOverrides(raw.defaults ?? {}, file, '$.defaults', catalog, raw.defaults?.protocol);
  const seen = new Map<string, number>();
  const cases = raw.cases.map((c, i) => {
    const path = childPath('$', 'cases', i);
    const earlier = seen.get(c.name);
    if (earlier !== undefined) {
      throw new UserError(file, childPath(path, 'name'), `duplicate case name '${c.name}'; $.cases[${earlier}] has it too`);
    }
    seen.set(c.name, i);
    if (c.scenario !== undefined) checkScenarioRules(c.scenario, file, childPath(path, 'scenario'));
    const protocol = c.protocol ?? raw.defaults?.protocol ?? c.scenario?.protocol;
    const options = checkOverrides(c, file, path, catalog, protocol);
    if (c.scenario !== undefined) {
      const own = c.scenario.protocol ?? DEFAULT_PROTOCOL;
      if (protocol !== undefined && own !== protocol) {
        throw new UserError(file, childPath(path, 'scenario', 'protocol'),
          `the scenario is for protocol '${own}' but the case runs '${protocol}'`);
      }
    }
    const { seed: _rawSeed, ...rest } = c;
    return { ...rest, ...options, expect: c.expect ?? 'pass' };
  });
  return { ...raw, defaults, cases };
}

/** Options for running `c`: its own fields over the config defaults over DEFAULT_RUN_OPTIONS. */
export function resolveCaseOptions(config: ExecutorConfig, c: ExecutorCase): RunOptions {
  const d = config.defaults;
  const D = DEFAULT_RUN_OPTIONS;
  const out: Record<string, unknown> = { ...D };
  for (const key of OVERRIDE_KEYS) {
    const v = c[key] ?? d[key];
    if (v !== undefined) out[key] = v;
  }
  out.budget = {
    events: c.budget?.events ?? d.budget?.events ?? D.budget.events,
    ticks: c.budget?.ticks ?? d.budget?.ticks ?? D.budget.ticks,
  };
  out.protocolOptions = { ...D.protocolOptions, ...d.protocolOptions, ...c.protocolOptions };
  return out as unknown as RunOptions;
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

/**
 * Checks the rules a schema cannot state and returns the run option fields of `o`, normalized. Bugs,
 * oracles and protocol options are checked against `protocol` (the case's, else the default one).
 */
function checkOverrides(o: RawOverrides, file: string, path: string, catalog: ProtocolCatalog,
  protocol: string | undefined): RunOptionsOverrides {
  const name = protocol ?? DEFAULT_PROTOCOL;
  const entry = catalog(name);
  if (entry === undefined) {
    const at = o.protocol !== undefined ? childPath(path, 'protocol') : path;
    throw new UserError(file, at, `unknown protocol '${name}'`);
  }
  checkNames(o.bugs, entry.bugs, 'bug', file, childPath(path, 'bugs'));
  checkNames(o.oracles, entry.oracles, `oracle of protocol '${name}'`, file, childPath(path, 'oracles'));
  if (o.protocolOptions !== undefined) checkProtocolOptions(o.protocolOptions, name, file, childPath(path, 'protocolOptions'));
  checkServiceFields(o, file, path);
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

function checkNames(names: readonly string[] | undefined, known: readonly string[], what: string, file: string,
  path: string): void {
  names?.forEach((x, i) => {
    if (known.includes(x)) return;
    const list = known.length === 0 ? 'none' : known.join(', ');
    throw new UserError(file, childPath(path, i), `unknown ${what} '${x}'; known: ${list}`);
  });
}

/** The bag must satisfy the protocol module's own option schema. */
export function checkProtocolOptions(bag: Readonly<Record<string, unknown>>, protocol: string, file: string, path: string): void {
  const module = findProtocol(protocol);
  if (module === undefined) return;
  const validate = protocolOptionsValidator(module.options.schema);
  if (validate(bag)) return;
  const e = validate.errors?.[0];
  const extra = (e?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
  const where = e === undefined ? path : path + e.instancePath.replace(/\/([^/]+)/g, '.$1');
  const detail = extra !== undefined
    ? `unknown option '${extra}' of protocol '${protocol}'; known: ${Object.keys(module.options.defaults).join(', ')}`
    : `${e?.message ?? 'is not valid'} (protocol '${protocol}' options)`;
  throw new UserError(file, where, detail);
}
