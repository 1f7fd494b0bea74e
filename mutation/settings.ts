// The options of `npm run mutate` (mutation/run.ts) and of the test each mutant gets
// (mutation/check.ts). The search budget travels from the first to the second as command-line
// flags, so a richer search or a bigger budget is a flag away: `npm run mutate -- --runs 2000`.
import { Command, CommanderError } from 'commander';

/** What one mutant's test runs (mutation/check.ts). */
export interface CheckSettings {
  /** Generator config the fuzz run searches. */
  readonly generatorConfig: string;
  /** fast-check seed of the fuzz run. */
  readonly seed: number;
  /** Scenarios the fuzz run tries. */
  readonly runs: number;
  /** Seconds after which the fuzz run stops searching (null: the run budget alone bounds it). */
  readonly timeLimit: number | null;
  /** Scenarios of the second fuzz run, `--strategy byzzfuzz` (Byzantine message mutations); 0: none. */
  readonly byzzfuzzRuns: number;
}

export const DEFAULT_CHECK: CheckSettings = {
  generatorConfig: 'generator-configs/all_random.json', seed: 1, runs: 300, timeLimit: null, byzzfuzzRuns: 300,
};

/** What `npm run mutate` does around Stryker. */
export interface MutateSettings {
  readonly check: CheckSettings;
  /** Mutants tested at once (Stryker `concurrency`). */
  readonly concurrency: number;
  /** Added to 1.5 x the unmutated run's time to give each mutant's time box (Stryker `timeoutMS`). */
  readonly timeoutMs: number;
  /** Stryker `mutate` patterns; default: the rule files of mutation/targets.ts. */
  readonly mutate: readonly string[] | null;
  /** Run the fixed CI sample (mutation/targets.ts) instead of every target. */
  readonly sample: boolean;
  /** Folder for Stryker's sandbox (inside it, `sandbox-XXXX`). */
  readonly tempDir: string;
  /** Folder for the reports (mutation.json, index.html, summary.json, survivors.md). */
  readonly reportDir: string;
  /** Rewrite mutation/survivors.json from this run, keeping the classification of known survivors. */
  readonly writeSurvivors: boolean;
  /** Summarize this Stryker JSON report (an earlier run's mutation.json) instead of running Stryker. */
  readonly fromReport: string | null;
}

function positiveInt(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
      throw new CommanderError(2, 'mutate.badFlag', `${flag}: must be a positive integer, got '${value}'`);
    }
    return n;
  };
}

function natural(flag: string): (value: string) => number {
  return (value) => (value === '0' ? 0 : positiveInt(flag)(value));
}

function seconds(value: string): number {
  const n = Number(value);
  if (!(n > 0 && Number.isFinite(n))) {
    throw new CommanderError(2, 'mutate.badFlag', `--time-limit: must be a positive number of seconds, got '${value}'`);
  }
  return n;
}

function seed(value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || n < -(2 ** 31) || n >= 2 ** 31) {
    throw new CommanderError(2, 'mutate.badFlag', `--seed: must be an integer from -2147483648 to 2147483647, got '${value}'`);
  }
  return n;
}

/** The flags both commands share: the search each mutant gets. */
function withCheckFlags(program: Command): Command {
  const d = DEFAULT_CHECK;
  return program
    .option('--config <file>', 'generator config the fuzz run searches', d.generatorConfig)
    .option('--seed <n>', 'fast-check seed of the fuzz run', seed, d.seed)
    .option('--runs <n>', 'scenarios the fuzz run tries', positiveInt('--runs'), d.runs)
    .option('--time-limit <seconds>', 'stop the fuzz search after this long (default: the run budget alone)', seconds)
    .option('--byzzfuzz-runs <n>', 'scenarios of the second fuzz run, --strategy byzzfuzz (0: none)', natural('--byzzfuzz-runs'),
      d.byzzfuzzRuns);
}

interface CheckOpts {
  readonly config: string;
  readonly seed: number;
  readonly runs: number;
  readonly timeLimit?: number;
  readonly byzzfuzzRuns: number;
}

function checkOf(o: CheckOpts): CheckSettings {
  return { generatorConfig: o.config, seed: o.seed, runs: o.runs, timeLimit: o.timeLimit ?? null, byzzfuzzRuns: o.byzzfuzzRuns };
}

/** Parses `argv` (without node and the script); a bad flag exits 2 with commander's message. */
function parse(program: Command, argv: readonly string[]): Command {
  program.exitOverride().configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'mutate.badFlag') process.stderr.write(`error: ${e.message}\n`);
      process.exit(e.exitCode === 0 ? 0 : 2);
    }
    throw e;
  }
  return program;
}

export function parseCheckArgs(argv: readonly string[]): CheckSettings {
  const program = withCheckFlags(new Command('mutation/check').description('the test one mutant gets'));
  return checkOf(parse(program, argv).opts<CheckOpts>());
}

/** The flags of a check run, as check.ts reads them back. */
export function checkArgs(c: CheckSettings): string[] {
  return ['--config', c.generatorConfig, '--seed', String(c.seed), '--runs', String(c.runs), '--byzzfuzz-runs', String(c.byzzfuzzRuns),
    ...(c.timeLimit === null ? [] : ['--time-limit', String(c.timeLimit)])];
}

interface MutateOpts extends CheckOpts {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly mutate?: string;
  readonly sample?: boolean;
  readonly tempDir: string;
  readonly reportDir: string;
  readonly writeSurvivors?: boolean;
  readonly fromReport?: string;
}

export function parseMutateArgs(argv: readonly string[]): MutateSettings {
  const program = withCheckFlags(new Command('npm run mutate')
    .description('mutation testing of the protocol\'s rule code, judged by the tool\'s own search'))
    .option('--concurrency <n>', 'mutants tested at once', positiveInt('--concurrency'), 1)
    .option('--timeout-ms <n>', 'added to 1.5 x the unmutated run\'s time: each mutant\'s time box', positiveInt('--timeout-ms'), 10_000)
    .option('--mutate <patterns>', 'comma-separated Stryker mutate patterns (default: the rule files of mutation/targets.ts)')
    .option('--sample', 'run only the fixed CI sample of mutation/targets.ts')
    .option('--temp-dir <dir>', 'folder for Stryker\'s sandbox', '.stryker-tmp')
    .option('--report-dir <dir>', 'folder for the reports', 'reports/mutation')
    .option('--write-survivors', 'rewrite mutation/survivors.json from this run (known survivors keep their class)')
    .option('--from-report <mutation.json>', 'summarize an earlier run\'s Stryker JSON report instead of running Stryker');
  const o = parse(program, argv).opts<MutateOpts>();
  return {
    check: checkOf(o), concurrency: o.concurrency, timeoutMs: o.timeoutMs,
    mutate: o.mutate === undefined ? null : o.mutate.split(',').map((p) => p.trim()).filter((p) => p !== ''),
    sample: o.sample === true, tempDir: o.tempDir, reportDir: o.reportDir,
    writeSurvivors: o.writeSurvivors === true, fromReport: o.fromReport ?? null,
  };
}
