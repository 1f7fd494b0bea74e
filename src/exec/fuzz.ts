// The fuzz engine (DESIGN §8): fast-check draws scenarios from the arbitrary of a generator config,
// the executor judges each one, and on a failure fast-check shrinks it to a minimal scenario that
// still fails. `fuzz` returns the outcome as data (fast-check's `check` habit); the CLI prints it and
// writes the regression file. `fuzzFrom` shrinks the first failure of a search judged elsewhere (the
// CLI's worker threads, src/cli/fuzz-pool.ts) exactly as `fuzz` would have.
//
// Deterministic: the same config, options and seed give the same runs, the same counterexample and
// the same shrunk scenario, byte for byte. Nothing here reads a clock; a time limit is a `shouldStop`
// callback the caller injects, consulted only before the first failure so that shrinking always
// finishes.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { scenarios, type ScenarioSpaceInput } from '../gen/arbitraries.js';
import { strategyScenarios, type Strategy } from '../gen/strategies.js';
import { scenarioShape } from '../gen/arbitrary-shape.js';
import { canonicalJson, scenarioId } from '../scenario/canonical.js';
import type { Scenario } from '../scenario/types.js';
import { crashDetail } from './case-result.js';
import { countsAsFailure, isIgnored } from './counts-as-failure.js';
import type { ExecOptions } from './exec-options.js';
import type { Verdict, Violation } from './report-types.js';
import { runScenario, type RunResult } from './run-scenario.js';
import { wordsOf } from './report/protocol-words.js';
import { DEFAULT_VOCABULARY, roundName, type Vocabulary } from '../kernel/vocabulary.js';
import { DEFAULT_PROTOCOL } from '../protocols/registry.js';

export interface FuzzOptions {
  /** fast-check seed (a 32-bit integer). */
  readonly seed: number;
  /** Scenarios to try before declaring the search clean. */
  readonly numRuns: number;
  /** Executor options for every run (bugs, delays, ...); defaults as in `runScenario`. */
  readonly exec?: Partial<ExecOptions>;
  /** fast-check replay path ("12:0:3") from an earlier report: re-run that counterexample directly. */
  readonly path?: string;
  /**
   * Shrink only to scenarios that fire the oracle of the first failure (default true). Without it a
   * shrink may wander to a different, unrelated failure.
   */
  readonly sameOracle?: boolean;
  /**
   * Oracle ids whose violations do not count as failures; an id ending in `.` ignores a whole family
   * (`liveness.` fuzzes for safety only). A crash always counts.
   */
  readonly ignoreOracles?: readonly string[];
  /** Asked before every search run; true ends the search (interrupted). Never asked while shrinking. */
  readonly shouldStop?: () => boolean;
  /** How scenarios are drawn (docs/fuzzing.md, "Strategies"); default `twins`. */
  readonly strategy?: Strategy;
  /** Told after every scenario run, with the phase it belongs to (for progress output). */
  readonly onRun?: (phase: 'search' | 'shrink') => void;
}

export interface FuzzReport {
  readonly failed: boolean;
  /** The search ended early through `shouldStop` (only when nothing failed). */
  readonly interrupted: boolean;
  readonly seed: number;
  /** Scenarios run in the search phase (up to and including the first failure). */
  readonly numRuns: number;
  /** Runs up to and including the first failing scenario; null when nothing failed. */
  readonly runsToFailure: number | null;
  /** Successful shrink steps (each a smaller scenario that still fails). */
  readonly numShrinks: number;
  /** Scenarios run while shrinking, successful or not. */
  readonly shrinkRuns: number;
  /** The first failing scenario, as drawn. */
  readonly counterexample: Scenario | null;
  readonly counterexampleResult: RunResult | null;
  /** The minimal failing scenario fast-check shrank it to. */
  readonly shrunk: Scenario | null;
  readonly shrunkResult: RunResult | null;
  /** The oracle the shrunk scenario violates (the first failure's oracle with `sameOracle`). */
  readonly violation: Violation | null;
  /** fast-check's replay path of the shrunk scenario, for `path` (with the same seed). */
  readonly counterexamplePath: string | null;
}

/** Runs the property "no oracle fires" over the scenarios of `config` and reports what happened. */
export function fuzz(config: ScenarioSpaceInput, options: FuzzOptions): FuzzReport {
  return checkAndShrink(config, options, new Judge(options, 0, null), options.path ?? null, options.numRuns);
}

/** The first failing run of a search judged elsewhere (on worker threads), for `fuzzFrom`. */
export interface SearchFailure {
  /** Its run index, counting from 0 as fast-check's replay path does. */
  readonly index: number;
  /** Its result, when it cannot be run again here: a worker died on it, a crash. */
  readonly result?: RunResult;
}

/**
 * The report `fuzz` gives when the first failure of its search is run `failure.index`, without the
 * search: fast-check replays that run (its replay path is the index) and shrinks it exactly as `fuzz`
 * would, so the shrunk scenario, its steps and its replay path are the same. The runs before it
 * count as passed; the caller judged them. Never asks `shouldStop`: shrinking always finishes.
 */
export function fuzzFrom(config: ScenarioSpaceInput, options: FuzzOptions, failure: SearchFailure): FuzzReport {
  const { shouldStop: _, ...rest } = options;
  const report = checkAndShrink(config, rest, new Judge(rest, failure.index, failure.result ?? null), String(failure.index), 1);
  if (!report.failed) {
    throw new Error(`fuzz: run ${failure.index} of seed ${options.seed} failed in the search but passed on replay, ` +
      'so the executor is not deterministic');
  }
  return report;
}

/** The report of a search none of whose `numRuns` runs failed (`interrupted`: a time limit ended it). */
export function passedReport(seed: number, numRuns: number, interrupted: boolean): FuzzReport {
  return {
    failed: false, interrupted, seed, numRuns, runsToFailure: null, numShrinks: 0, shrinkRuns: 0,
    counterexample: null, counterexampleResult: null, shrunk: null, shrunkResult: null, violation: null,
    counterexamplePath: null,
  };
}

function checkAndShrink(config: ScenarioSpaceInput, options: FuzzOptions, judge: Judge, path: string | null,
  numRuns: number): FuzzReport {
  const arbitrary = strategyScenarios(config, options.strategy);
  const details = fc.check(fc.property(arbitrary, (s) => judge.holds(s)), {
    seed: options.seed, numRuns, ...(path === null ? {} : { path }),
  });
  if (details.failed && judge.first === null) {
    // Not a scenario failure: the property itself broke (a bug in the harness), so say so loudly.
    const e = details.errorInstance;
    throw e instanceof Error ? e : new Error(`fuzz property failed without a failing scenario: ${String(e)}`);
  }
  if (!details.failed || judge.first === null) return passedReport(options.seed, judge.searchRuns, details.interrupted);
  const shrunk = details.counterexample![0];
  // Unshrunk, the counterexample is the first failure, whose result is known (and, when a worker
  // died on it, could not be had by running it here).
  const shrunkResult = details.numShrinks === 0 ? judge.first.result : runScenario(shrunk, options.exec);
  return {
    failed: true, interrupted: false, seed: options.seed,
    numRuns: judge.searchRuns, runsToFailure: judge.searchRuns, numShrinks: details.numShrinks, shrinkRuns: judge.shrinkRuns,
    counterexample: judge.first.scenario, counterexampleResult: judge.first.result, shrunk, shrunkResult,
    violation: primaryViolation(shrunkResult, judge.oracle, options.ignoreOracles),
    counterexamplePath: details.counterexamplePath,
  };
}

/**
 * The property's predicate, counting runs and remembering the first failure. `runsBefore` search runs
 * were judged elsewhere; `given` is the result of the next one, when known.
 */
class Judge {
  searchRuns: number;
  shrinkRuns = 0;
  first: { scenario: Scenario; result: RunResult } | null = null;
  oracle: string | null = null;

  private readonly ignore: readonly string[];

  constructor(private readonly options: FuzzOptions, runsBefore: number, private given: RunResult | null) {
    this.ignore = options.ignoreOracles ?? [];
    this.searchRuns = runsBefore;
  }

  holds(s: Scenario): boolean {
    if (this.first === null) return this.search(s);
    this.shrinkRuns++;
    const result = runScenario(s, this.options.exec);
    this.options.onRun?.('shrink');
    if (this.options.sameOracle === false) return !countsAsFailure(result, this.ignore);
    return !firesOracle(result, this.oracle!);
  }

  private search(s: Scenario): boolean {
    // Interrupting (rather than failing) ends fast-check's run as "interrupted", not "failed".
    if (this.options.shouldStop?.() === true) throw new fc.PreconditionFailure(true);
    this.searchRuns++;
    const result = this.given ?? runScenario(s, this.options.exec);
    this.given = null;
    this.options.onRun?.('search');
    if (!countsAsFailure(result, this.ignore)) return true;
    this.first = { scenario: s, result };
    this.oracle = primaryViolation(result, null, this.ignore).oracle;
    return false;
  }
}

/** Oracle id given to a scenario whose replica code threw (as in exec's findings). */
export const CRASH_ORACLE = 'harness.crash';

/**
 * The violation that names a failed run: the first of `oracle` when given and present, else the
 * first safety violation, else the first violation, leaving out `ignore`d oracles; a crash gets a
 * `harness.crash` record.
 */
export function primaryViolation(result: RunResult, oracle: string | null, ignore: readonly string[] = []): Violation {
  const vs = result.violations.filter((v) => !isIgnored(v.oracle, ignore));
  const found = (oracle === null ? undefined : vs.find((v) => v.oracle === oracle)) ??
    vs.find((v) => v.kind === 'safety') ?? vs[0];
  if (found !== undefined && result.verdict !== 'crash') return found;
  return { oracle: CRASH_ORACLE, kind: 'safety', round: 0, tick: result.ticks, replicas: [],
    detail: crashDetail(result.error) };
}

function firesOracle(result: RunResult, oracle: string): boolean {
  if (oracle === CRASH_ORACLE) return result.verdict === 'crash';
  return result.verdict !== 'crash' && result.violations.some((v) => v.oracle === oracle);
}

/** Thrown by `scenarioProperty` when a scenario fails: fast-check prints it under the counterexample. */
export class ScenarioFailure extends Error {
  constructor(readonly verdict: Verdict, readonly violation: Violation, words: Vocabulary = DEFAULT_VOCABULARY) {
    super(`${verdict}: ${violation.oracle} in ${roundName(words, violation.round)}` +
      `${violation.replicas.length > 0 ? ` [${violation.replicas.join(', ')}]` : ''}: ${violation.detail}`);
    this.name = 'ScenarioFailure';
  }
}

/**
 * The ready property for any test runner: every scenario of `config` passes every oracle under
 * `exec`. `fc.assert(scenarioProperty(config, { bugs: [] }))` throws with the shrunk scenario and the
 * violated oracle when one fails.
 */
export function scenarioProperty(config: ScenarioSpaceInput, exec: Partial<ExecOptions> = {}):
  fc.IPropertyWithHooks<[Scenario]> {
  return fc.property(scenarios(config), (s) => {
    const result = runScenario(s, exec);
    if (!result.ok) {
      const words = wordsOf(exec.protocol ?? s.protocol ?? DEFAULT_PROTOCOL).vocabulary;
      throw new ScenarioFailure(result.verdict, primaryViolation(result, null), words);
    }
  });
}

/** Where a fuzz finding came from, for its regression file. */
export interface FindingOrigin {
  /** The fuzz command that found it, e.g. `twins fuzz generator-configs/all_random.json --seed 1`. */
  readonly command: string;
  readonly generator: string;
  readonly configHash: string;
}

/**
 * The shrunk scenario of a failed report as a regression scenario (scenarios/regression/): the
 * scenario itself plus `notes` (how it was found, what it violates) and `regression` (the bugs to
 * inject and the verdict and oracle to reproduce). Nothing in it depends on the clock, so the same
 * seed writes the same bytes.
 */
export function regressionScenario(report: FuzzReport, origin: FindingOrigin, bugs: readonly string[]): Scenario {
  const { shrunk, shrunkResult, violation, counterexample } = report;
  if (shrunk === null || shrunkResult === null || violation === null || counterexample === null) {
    throw new Error('regressionScenario: the report has no failure');
  }
  const from = shapeText(counterexample);
  const to = shapeText(shrunk);
  const where = violation.replicas.length > 0 ? ` [${violation.replicas.join(', ')}]` : '';
  const words = wordsOf(shrunk.protocol ?? DEFAULT_PROTOCOL).vocabulary;
  const notes = `Found by \`${origin.command}\` after ${count(report.runsToFailure ?? 0, 'run')}: ${violation.oracle} in ` +
    `${roundName(words, violation.round)}${where}: ${violation.detail}. Shrunk in ${count(report.numShrinks, 'step')} from ${from} to ${to}.`;
  return {
    ...shrunk,
    notes,
    provenance: { generator: origin.generator, configHash: origin.configHash, seed: String(report.seed) },
    regression: {
      bugs: [...bugs], verdict: shrunkResult.verdict === 'pass' ? 'pass' : shrunkResult.verdict,
      ...(shrunkResult.verdict === 'pass' ? {} : { oracle: violation.oracle }),
    },
  };
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function shapeText(s: Scenario): string {
  const { rounds, groups, drops } = scenarioShape(s);
  return `${count(rounds, 'round')} (${count(groups, 'group')}, ${count(drops, 'drop')})`;
}

/**
 * `<oracle>-<hash>.json`, the hash over the scenario's content id and the bugs: one file per minimal
 * scenario, oracle and bug set (the same scenario can break several bugs the same way). The
 * `regression` field itself is left out, so the name can be recomputed from the file.
 */
export function regressionFileName(oracle: string, scenario: Scenario, bugs: readonly string[]): string {
  const { regression: _, ...content } = scenario;
  const key = canonicalJson({ scenario: scenarioId(content), bugs: [...bugs].sort() });
  return `${oracle}-${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16)}.json`;
}
