// `twins fuzz <generator-config>` (DESIGN §8): searches the config's scenario space with fast-check,
// prints the seed first (then every option), and on a failure prints the original and the shrunk
// scenario side by side, the violated oracle, the shrink steps and the replay command, and writes the
// shrunk scenario to scenarios/regression/ (temporary file, then rename). The search runs on
// `--workers` threads (default: every core) with the same outcome as one (src/cli/fuzz-pool.ts).
// Exit codes as `exec`: 0 nothing found, 1 safety violation (or crash), 4 liveness violation, 2 bad
// input.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { bugNamesOf, oracleIdsOf } from '../exec/catalog.js';
import { DEFAULT_EXEC_OPTIONS, delayRange } from '../exec/exec-options.js';
import { fuzz, regressionFileName, regressionScenario, type FuzzOptions, type FuzzReport } from '../exec/fuzz.js';
import { castOf, hashConfig, type GeneratorConfig } from '../gen/index.js';
import { scenarioShape } from '../gen/arbitrary-shape.js';
import { DEFAULT_STRATEGY, STRATEGIES, type Strategy } from '../gen/strategies.js';
import { DEFAULT_BYZZFUZZ } from '../gen/arbitrary-byzzfuzz.js';
import type { RoundSpec, Scenario } from '../scenario/types.js';
import { DEFAULT_VOCABULARY, roundName, type Vocabulary } from '../kernel/vocabulary.js';
import { wordsOf } from '../exec/report/protocol-words.js';
import { DEFAULT_PROTOCOL } from '../protocols/registry.js';
import { EXIT, UserError } from './errors.js';
import { workerCount } from './cmd-exec.js';
import { loadGeneratorConfig } from './cmd-gen.js';
import { fuzzOnPool } from './fuzz-pool.js';
import { createProgress, type Progress } from './progress.js';
import { crashesText, delaysText, rulesText, setAttrsText, timeoutText } from './scenario-faults-text.js';
import { writeFuzzReport } from './fuzz-report.js';
import { assertInside, checkPathName, makeDirs, removeQuietly, removeStaleTemps, tempPathOf } from './safe-path.js';
import { gstTailText, plural } from './words.js';

export interface FuzzFlags {
  readonly bugs?: string;
  readonly ignore?: string;
  readonly runs?: string;
  readonly seed?: string;
  readonly timeLimit?: string;
  readonly path?: string;
  readonly out?: string;
  readonly write?: boolean;
  readonly save?: boolean;
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly reports?: string;
  readonly workers?: string;
  readonly strategy?: string;
}

/** The flags after checking, with defaults filled in. */
export interface FuzzSettings {
  readonly bugs: readonly string[];
  readonly ignore: readonly string[];
  readonly runs: number;
  readonly seed: number;
  readonly seedGiven: boolean;
  readonly timeLimitSeconds: number | null;
  readonly path: string | null;
  readonly out: string;
  readonly write: boolean;
  /** Worker threads for the search; 1 searches in this thread. */
  readonly workers: number;
  readonly strategy: Strategy;
}

export const DEFAULT_FUZZ_RUNS = 10_000;
export const DEFAULT_REGRESSION_DIR = 'scenarios/regression';

export function register(program: Command): void {
  program.command('fuzz')
    .description('search a generator config\'s scenario space with fast-check and shrink a failure to a minimal scenario')
    .argument('<config>', 'generator config (.json, see schemas/generator-config.schema.json)')
    .option('--bugs <list>', 'comma-separated bug names to inject')
    .option('--ignore <oracles>', 'comma-separated oracle ids (or families such as liveness.) that do not count as failures')
    .option('--runs <n>', `scenarios to try (default ${DEFAULT_FUZZ_RUNS})`)
    .option('--seed <seed>', 'fast-check seed, a 32-bit integer (default: from the clock, printed first)')
    .option('--time-limit <seconds>', 'stop searching after this long (a failure found is still shrunk)')
    .option('--path <path>', 'fast-check replay path printed by an earlier run (with the same --seed)')
    .option('--out <dir>', 'directory for the regression file', DEFAULT_REGRESSION_DIR)
    .option('--no-write', 'do not write a regression file')
    .option('--save', 'with --path: write the regression file (a replay writes none unless asked)')
    .option('--quiet', 'no progress output')
    .option('--json', 'print the outcome as JSON on stdout (the readable report goes to stderr)')
    .option('--reports <dir>', 'directory that receives reports/fuzz-<config>/', 'reports')
    .option('--strategy <name>', `how scenarios are drawn: ${STRATEGIES.join(' or ')} (default ${DEFAULT_STRATEGY})`)
    .option('--workers <n>', 'worker threads for the search (default: available cores); any number gives the same outcome')
    .action(async (config: string, flags: FuzzFlags) => {
      process.exitCode = await fuzzCommand(config, flags);
    });
}

/**
 * Checks the flags; every problem is a UserError (exit 2). The default seed is the only clock read.
 * Bug names and oracle ids are those of `protocol`, the config's (absent: the default protocol).
 */
export function parseFuzzFlags(flags: FuzzFlags, protocol?: string): FuzzSettings {
  const bugs = (flags.bugs ?? '').split(',').map((b) => b.trim()).filter((b) => b !== '');
  for (const b of bugs) {
    if (!bugNamesOf(protocol).includes(b)) {
      throw new UserError(null, '--bugs', `unknown bug '${b}'; known: ${bugNamesOf(protocol).join(', ')}`);
    }
  }
  const ignore = (flags.ignore ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
  const known = oracleIdsOf(protocol);
  for (const o of ignore) {
    if (!known.includes(o) && !known.some((k) => o.endsWith('.') && k.startsWith(o))) {
      throw new UserError(null, '--ignore', `unknown oracle '${o}'; known: ${known.join(', ')} (or a family: safety., liveness.)`);
    }
  }
  const runs = flags.runs === undefined ? DEFAULT_FUZZ_RUNS : Number(flags.runs);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new UserError(null, '--runs', `must be a positive integer, got '${flags.runs}'`);
  const seed = flags.seed === undefined ? clockSeed() : Number(flags.seed);
  if (!/^-?\d+$/.test(flags.seed ?? '0') || seed < -(2 ** 31) || seed >= 2 ** 31) {
    throw new UserError(null, '--seed', `must be an integer from -2147483648 to 2147483647, got '${flags.seed}'`);
  }
  const limit = flags.timeLimit === undefined ? null : Number(flags.timeLimit);
  if (limit !== null && !(limit > 0 && Number.isFinite(limit))) {
    throw new UserError(null, '--time-limit', `must be a positive number of seconds, got '${flags.timeLimit}'`);
  }
  if (flags.path !== undefined && !/^\d+(:\d+)*$/.test(flags.path)) {
    throw new UserError(null, '--path', `must look like 12:0:3, got '${flags.path}'`);
  }
  if (flags.path !== undefined && flags.seed === undefined) {
    throw new UserError(null, '--path', 'needs --seed: a replay path only means something with the seed of the run that printed it');
  }
  const strategy = (flags.strategy ?? DEFAULT_STRATEGY) as Strategy;
  if (!STRATEGIES.includes(strategy)) {
    throw new UserError(null, '--strategy', `must be one of ${STRATEGIES.join(', ')}, got '${flags.strategy}'`);
  }
  return {
    strategy, bugs, ignore, runs, seed, seedGiven: flags.seed !== undefined, timeLimitSeconds: limit, path: flags.path ?? null,
    // A replay (--path) re-finds a known failure: it writes into the regression folder only with --save.
    out: flags.out ?? DEFAULT_REGRESSION_DIR, write: flags.write !== false && (flags.path === undefined || flags.save === true),
    workers: workerCount(flags.workers),
  };
}

/** fast-check's own default: the clock mixed with Math.random, as a 32-bit integer. */
function clockSeed(): number {
  return (Date.now() ^ Math.floor(Math.random() * 0x100000000)) | 0;
}

export async function fuzzCommand(file: string, flags: FuzzFlags): Promise<number> {
  const config = loadGeneratorConfig(file, {});
  const settings = parseFuzzFlags(flags, config.protocol);
  const info = flags.json === true ? process.stderr : process.stdout;
  // The seed goes first, then everything derived from the flags, so a log reproduces the run.
  info.write(`fuzz ${config.name}: seed ${settings.seed}\n`);
  info.write(`  reproduce: ${reproduceCommand(file, settings)}\n`);
  if (flags.quiet !== true) for (const line of describeSettings(config, settings)) info.write(`  ${line}\n`);
  const clock = new PhaseClock();
  const progress = new FuzzProgress(config.name, settings.runs, flags.quiet === true);
  const deadline = settings.timeLimitSeconds === null ? null : clock.start + settings.timeLimitSeconds * 1000;
  const options: FuzzOptions = {
    seed: settings.seed, numRuns: settings.runs, exec: { bugs: settings.bugs }, ignoreOracles: settings.ignore,
    strategy: settings.strategy,
    ...(settings.path === null ? {} : { path: settings.path }),
    shouldStop: deadline === null ? undefined : () => performance.now() >= deadline,
    onRun: (phase) => {
      clock.mark(phase);
      progress.tick(phase);
    },
  };
  // A replay path names one run: nothing to share out.
  const report = settings.workers > 1 && settings.path === null
    ? await fuzzOnPool(config, options, settings.workers) : fuzz(config, options);
  progress.done();
  const written = report.failed && settings.write ? writeRegression(file, config, settings, report) : null;
  const words = wordsOf(config.protocol ?? DEFAULT_PROTOCOL).vocabulary;
  const lines = report.failed ? failureLines(file, report, settings, clock, written, words) : passLines(report, settings, clock);
  for (const line of lines) info.write(line + '\n');
  const reportDir = writeFuzzReport(report, {
    configFile: file, configName: config.name, bugs: settings.bugs, reproduce: reproduceCommand(file, settings),
    replay: written === null ? null : `npx twins replay ${written}${settings.bugs.length > 0 ? ` --bugs ${settings.bugs.join(',')}` : ''}`,
    reportsRoot: flags.reports ?? 'reports', meta: { searchSeconds: clock.searchSeconds, shrinkSeconds: clock.shrinkSeconds },
  });
  info.write(`report: ${reportDir}/\n`);
  if (flags.json === true) process.stdout.write(JSON.stringify(reportJson(file, settings, report, clock, written), null, 2) + '\n');
  if (!report.failed) return EXIT.ok;
  return report.violation?.kind === 'liveness' ? EXIT.liveness : EXIT.safety;
}

export function reproduceCommand(file: string, s: FuzzSettings): string {
  return `npx twins fuzz ${file} --seed ${s.seed} --runs ${s.runs}` +
    `${s.bugs.length > 0 ? ` --bugs ${s.bugs.join(',')}` : ''}` +
    `${s.ignore.length > 0 ? ` --ignore ${s.ignore.join(',')}` : ''}` +
    `${s.timeLimitSeconds === null ? '' : ` --time-limit ${s.timeLimitSeconds}`}` +
    `${s.path === null ? '' : ` --path ${s.path}`}` +
    `${s.strategy === DEFAULT_STRATEGY ? '' : ` --strategy ${s.strategy}`}`;
}

function describeSettings(config: GeneratorConfig, s: FuzzSettings): string[] {
  const cast = castOf(config);
  const p = config.partitions;
  const drops = config.drops.maxPerRound === 0 ? 'no drops'
    : `up to ${config.drops.maxPerRound} drop(s) per round of ${config.drops.types.join(', ')}`;
  const delay = delayRange(DEFAULT_EXEC_OPTIONS.delayTicks);
  const tail = gstTailText(config.gst, wordsOf(config.protocol ?? DEFAULT_PROTOCOL).tailUnit);
  if (s.strategy === 'byzzfuzz') {
    const { c, d } = DEFAULT_BYZZFUZZ;
    return [
      `space (byzzfuzz): ${config.nodes} identities, one Byzantine, no twins; up to ${plural(c, 'network fault')} ` +
        `(partitions, delays of 1..${2 * DEFAULT_EXEC_OPTIONS.roundTimeoutTicks} ticks) and ${plural(d, 'mutation')} ` +
        `in 1..${config.rounds} scripted rounds, ${tail}`,
      ...describeExecAndSearch(s, delay),
    ];
  }
  return [
    `space: ${config.nodes} identities (twins: ${cast.twins.join(', ') || 'none'}), 1..${config.rounds} scripted rounds, ` +
      `${p.min}..${p.max} groups${p.requireQuorum ? ' with a quorum group' : ''}, ${config.leaders} leaders ` +
      `(${cast.leaders.join(', ')}), ${drops}${config.replacement ? '' : ', no repeated round'}, ${tail}`,
    ...describeExecAndSearch(s, delay),
  ];
}

function describeExecAndSearch(s: FuzzSettings, delay: { readonly min: number; readonly max: number }): string[] {
  return [
    `exec: bugs [${s.bugs.join(', ')}], delay ${delay.min}..${delay.max} ticks, round timeout ` +
      `${DEFAULT_EXEC_OPTIONS.roundTimeoutTicks} ticks, run seed ${DEFAULT_EXEC_OPTIONS.seed}, ${DEFAULT_EXEC_OPTIONS.crypto} crypto`,
    `search: ${plural(s.runs, 'run')}${s.timeLimitSeconds === null ? '' : `, at most ${s.timeLimitSeconds}s`}, ` +
      `${s.workers === 1 || s.path !== null ? '1 worker (this thread)' : `${s.workers} worker threads`}` +
      `${s.ignore.length > 0 ? `, ignoring ${s.ignore.join(', ')}` : ''}` +
      `${s.seedGiven ? '' : ' (seed from the clock)'}`,
  ];
}

/** Wall-clock time of the search and shrink phases (the CLI's business, never the engine's). */
class PhaseClock {
  readonly start = performance.now();
  lastSearch = this.start;
  lastShrink: number | null = null;

  mark(phase: 'search' | 'shrink'): void {
    if (phase === 'search') this.lastSearch = performance.now();
    else this.lastShrink = performance.now();
  }

  get searchSeconds(): number {
    return (this.lastSearch - this.start) / 1000;
  }

  get shrinkSeconds(): number {
    return this.lastShrink === null ? 0 : (this.lastShrink - this.lastSearch) / 1000;
  }
}

/** One progress bar for the search (with a total) and one for shrinking (without). */
class FuzzProgress {
  private search: Progress;
  private shrink: Progress | null = null;

  constructor(private readonly name: string, total: number, private readonly quiet: boolean) {
    this.search = createProgress({ label: `fuzz ${name}`, total, quiet, stream: process.stderr });
  }

  tick(phase: 'search' | 'shrink'): void {
    if (phase === 'search') return this.search.tick();
    if (this.shrink === null) {
      this.search.done();
      this.shrink = createProgress({ label: `shrink ${this.name}`, quiet: this.quiet, stream: process.stderr });
    }
    this.shrink.tick();
  }

  done(): void {
    (this.shrink ?? this.search).done();
  }
}

function passLines(report: FuzzReport, s: FuzzSettings, clock: PhaseClock): string[] {
  const seconds = clock.searchSeconds;
  const rate = seconds > 0 ? Math.round(report.numRuns / seconds) : 0;
  const how = report.interrupted ? `time limit reached after ${report.numRuns} of ${plural(s.runs, 'run')}` : plural(report.numRuns, 'run');
  return [`PASS  no violation in ${how} (${seconds.toFixed(1)}s, ${rate} runs/s)`];
}

function failureLines(file: string, report: FuzzReport, s: FuzzSettings, clock: PhaseClock, written: string | null,
  words: Vocabulary): string[] {
  const v = report.violation!;
  const where = v.replicas.length > 0 ? ` [${v.replicas.join(', ')}]` : '';
  return [
    `FAIL  ${report.shrunkResult!.verdict} after ${plural(report.runsToFailure!, 'run')} (${clock.searchSeconds.toFixed(1)}s); ` +
      `shrunk in ${plural(report.numShrinks, 'step')} (${plural(report.shrinkRuns, 'run')}, ${clock.shrinkSeconds.toFixed(1)}s)`,
    '',
    ...sideBySide(report.counterexample!, report.shrunk!, words),
    '',
    `violation: ${v.oracle} in ${roundName(words, v.round)}${where}: ${v.detail}`,
    ...(written === null ? [] : [`wrote ${written}`,
      `replay: npx twins replay ${written}${s.bugs.length > 0 ? ` --bugs ${s.bugs.join(',')}` : ''}`]),
    `fast-check replay: ${reproduceCommand(file, { ...s, timeLimitSeconds: null, path: report.counterexamplePath })}`,
  ];
}

/** The original and the shrunk scenario in two columns: size first, then one line per round. */
export function sideBySide(original: Scenario, shrunk: Scenario, words: Vocabulary = DEFAULT_VOCABULARY): string[] {
  const a = scenarioShape(original);
  const b = scenarioShape(shrunk);
  const rows: [string, string, string][] = [
    ['', 'original', 'shrunk'],
    [`scripted ${words.round}s`, String(a.rounds), String(b.rounds)],
    ['groups (total)', String(a.groups), String(b.groups)],
    ['drops (total)', String(a.drops), String(b.drops)],
  ];
  // The search dimensions (a config's `search` block), only when either side has them.
  const faults = [['link delays', delaysText], [words.timeoutOption, timeoutText], ['crashes', crashesText],
    ['rules', rulesText], ['set attributes', setAttrsText]] as const;
  for (const [label, text] of faults) {
    const [x, y] = [text(original), text(shrunk)];
    if (x !== '' || y !== '') rows.push([label, x === '' ? '-' : x, y === '' ? '-' : y]);
  }
  for (let i = 0; i < Math.max(a.rounds, b.rounds); i++) {
    rows.push([roundName(words, i + 1), roundCell(original.rounds[i]), roundCell(shrunk.rounds[i])]);
  }
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  return rows.map(([k, x, y]) => `  ${k.padEnd(w0)}  ${x.padEnd(w1)}  | ${y}`.trimEnd());
}

/** "L a  {a a' b} {c d}  -b>a:vote": leader, groups, drops. */
export function roundCell(r: RoundSpec | undefined): string {
  if (r === undefined) return '';
  const groups = r.partitions.map((g) => `{${g.join(' ')}}`).join(' ');
  const drops = (r.drops ?? []).map((d) => ` -${d.from}>${d.to}:${d.type}`).join('');
  return `L ${r.leader}  ${groups}${drops}`;
}

function writeRegression(file: string, config: GeneratorConfig, s: FuzzSettings, report: FuzzReport): string {
  const origin = { command: reproduceCommand(file, s).replace(/^npx /, ''), generator: config.name, configHash: hashConfig(config) };
  const scenario = { $schema: '../../schemas/scenario.schema.json', ...regressionScenario(report, origin, s.bugs) };
  const path = join(s.out, checkPathName(regressionFileName(report.violation!.oracle, report.shrunk!, s.bugs), null, null));
  assertInside(s.out, path);
  const tmp = tempPathOf(path);
  try {
    makeDirs(s.out);
    removeStaleTemps(path);
    writeFileSync(tmp, scenarioFileText(scenario));
    renameSync(tmp, path);
  } catch (err) {
    removeQuietly(tmp);
    if (err instanceof UserError) throw err;
    throw new UserError(path, null, `cannot write the regression file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return path;
}

/** A scenario as a file: one top-level field per line and one round per line, so diffs stay readable. */
export function scenarioFileText(s: Scenario): string {
  const fields = Object.entries(s).filter(([, v]) => v !== undefined).map(([k, v]) => {
    const value = k === 'rounds' && Array.isArray(v) && v.length > 0
      ? `[\n${v.map((r) => `    ${JSON.stringify(r)}`).join(',\n')}\n  ]`
      : JSON.stringify(v);
    return `  ${JSON.stringify(k)}: ${value}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

function reportJson(file: string, s: FuzzSettings, r: FuzzReport, clock: PhaseClock, written: string | null): Record<string, unknown> {
  const side = (sc: Scenario | null): unknown => (sc === null ? null : { shape: scenarioShape(sc), scenario: sc });
  return {
    config: file, seed: r.seed, bugs: s.bugs, runs: s.runs, failed: r.failed, interrupted: r.interrupted,
    numRuns: r.numRuns, runsToFailure: r.runsToFailure, numShrinks: r.numShrinks, shrinkRuns: r.shrinkRuns,
    verdict: r.shrunkResult?.verdict ?? 'pass', violation: r.violation,
    original: side(r.counterexample), shrunk: side(r.shrunk),
    regressionFile: written, counterexamplePath: r.counterexamplePath, reproduce: reproduceCommand(file, s),
    seconds: { search: clock.searchSeconds, shrink: clock.shrinkSeconds },
  };
}
