// Runs the cases of an executor config: in this thread or on a pool of worker threads, over a shard
// of each case's scenarios, resuming from a journal, and always folding results in scenario order,
// so every way of running gives the same summary (DESIGN §10, §11).
import type { Piscina } from 'piscina';
import { CaseAccumulator, workerDeathError } from '../exec/case-result.js';
import type { CaseResult, Finding } from '../exec/report-types.js';
import { FindingGroups } from '../exec/finding-groups.js';
import { scenarioId } from '../scenario/canonical.js';
import { resolveCaseOptions, type ExecutorConfig, type RunOptions } from '../scenario/executor-config.js';
import type { Scenario } from '../scenario/types.js';
import type { ThreadTask, WorkerOutcome, WorkerTask } from './exec-worker.js';
import { UserError } from './errors.js';
import { startChecker, type CheckedBatch } from './check-pool.js';
import { jsonlSlices, singleLineSlices } from './jsonl-slices.js';
import { startPool, startRetryPool, stopPool } from './exec-pool.js';
import { stopThreads } from './worker-pool.js';
import { chunks, inOrder } from './ordered.js';
import { createProgress } from './progress.js';
import type { JournalEntry, ReportDir } from './report-dir.js';
import type { GeneratorRef, ScenarioSource } from './scenario-source.js';
import { shardRange, type Shard } from './shard.js';

export interface EngineOptions {
  readonly workers: number;
  readonly shard: Shard | null;
  readonly quiet: boolean;
  readonly configFile: string;
  /** Appended to a case's replay hint (e.g. ` --bugs x` when the command line replaced the bugs). */
  readonly replayFlags?: string;
  /** Progress display of each case (tests pass a recorder); default: createProgress on stderr. */
  readonly progress?: typeof createProgress;
  /** Receives each case's result as it finishes, with the index range [from, to) this run covered. */
  readonly onCase: (result: CaseResult, range: { from: number; to: number }) => void;
  /** The pool's worker module (a URL); by default ./exec-worker.js. Tests give one that can die. */
  readonly workerFile?: string;
  /**
   * A pool already started by startPool (with `workers` threads), so its threads load the executor
   * while the main thread reads the config; the caller destroys it. By default runCases starts its own.
   */
  readonly pool?: Piscina | null;
}

const BATCH = 32;
type Runner = (task: WorkerTask) => Promise<WorkerOutcome[]>;

export async function runCases(config: ExecutorConfig, sources: readonly ScenarioSource[], report: ReportDir,
  opts: EngineOptions): Promise<{ cases: CaseResult[]; groups: FindingGroups }> {
  const own = opts.pool === undefined;
  const pool = own ? startPool(opts.workers, opts.workerFile) : opts.pool ?? null;
  // With one worker, which runs in this thread, a checker thread reads and checks each .jsonl batch
  // ahead of it on the other core, and this thread only parses the checked lines. It starts first,
  // so it loads while this thread loads the executor.
  const checker = pool === null && sources.some((s) => s.jsonl !== undefined) ? startChecker() : null;
  // In this thread a batch runs in its own turn of the event loop, so Ctrl-C is handled between batches.
  // The executor is loaded only where it runs: with a pool, the main thread only hands out and folds.
  const runBatch = pool === null ? (await import('./exec-worker.js')).default : null;
  const onPool = runBatch === null ? poolRunner(pool!, opts.workerFile) : null;
  const here = (task: ThreadTask): Promise<WorkerOutcome[]> => new Promise((resolve, reject) => { setImmediate(() => runBatch!(task).then(resolve, reject)); });
  const run: Runner = onPool?.run ?? (checker === null ? here
    : async (task) => ('slice' in task ? here({ ...await checker.run(task.slice) as CheckedBatch, options: task.options }) : here(task)));
  // The groups count every finding of the run: those an interrupted run had written come first.
  const groups = report.recoveredGroups();
  const cases: CaseResult[] = [];
  try {
    for (let i = 0; i < config.cases.length; i++) {
      // Results fold in order, so a thread that finished its batches waits on the slowest one ahead
      // of them: a few batches per thread in flight keep every thread busy.
      const { result, range } = await runOneCase(config, i, sources[i]!, report, opts, run, groups, Math.max(2, opts.workers * 4));
      opts.onCase(result, range);
      cases.push(result);
    }
  } finally {
    if (checker !== null) await stopThreads(checker);
    await onPool?.close();
    if (own && pool !== null) await stopPool(pool);
  }
  return { cases, groups };
}

async function runOneCase(config: ExecutorConfig, i: number, source: ScenarioSource, report: ReportDir,
  opts: EngineOptions, run: Runner, groups: FindingGroups, inflight: number): Promise<{ result: CaseResult; range: { from: number; to: number } }> {
  const c = config.cases[i]!;
  const options = resolveCaseOptions(config, c);
  const total = opts.shard === null ? Infinity : source.count();
  const range = shardRange(total, opts.shard);
  const hint = `npx twins replay ${opts.configFile} --case ${c.name}${opts.replayFlags ?? ''}`;
  const acc = new CaseAccumulator({ name: c.name, expect: c.expect, bugs: options.bugs, options: { ...options } }, hint);
  let firstRun: number | null = null;
  const keep = (f: Finding | null): void => { if (f !== null) groups.add(f); };
  // Results fold the same in any order but that of the findings (the first most severe one is kept).
  const done = report.recovered(i);
  acc.resume(done.counts, done.firstFindings());
  // The journal records finished scenarios in order; a symmetry-reduced space skips removed positions.
  const from = done.lastIndex === null ? range.from : Math.max(range.from, done.lastIndex + 1);
  // A .jsonl source was counted when it was validated, so every case has a total and an ETA.
  const progress = (opts.progress ?? createProgress)({ label: `exec ${c.name}`, quiet: opts.quiet, stream: process.stderr,
    total: Number.isFinite(range.to) ? range.to - range.from : source.count() });
  progress.tick(done.scenarios);
  const tasks = source.generator !== undefined
    ? rangeTasks(source.generator, from, Math.min(range.to, source.count()), options)
    : source.jsonl !== undefined ? sliceTasks(source.jsonl, from, range.to, options)
    : itemTasks(source, from, range.to, options);
  // A scenario that did not pass comes back with its result, except from a worker that died on it:
  // that one is read or generated again here.
  const scenarioOf = (outcome: WorkerOutcome): Scenario => outcome.scenario
    ?? [...source.scenarios(outcome.index, outcome.index + 1)][0]!.scenario;
  for await (const { result } of inOrder(tasks, run, inflight)) {
    firstRun ??= result[0]?.index ?? null;
    report.record(result.map((outcome) => fold(acc, i, outcome, scenarioOf, report, keep)));
    progress.tick(result.length);
  }
  progress.done();
  // With no finding, the hint replays the first scenario this run (a shard: of its own slice) covered.
  const result = acc.finish();
  const first = done.scenarios > 0 ? range.from : firstRun ?? range.from;
  return { result: result.firstViolation === null && first > 0 ? { ...result, replay: `${hint} --index ${first}` } : result, range };
}

/** Index ranges of a generator config: each thread generates its own scenarios. */
function* rangeTasks(generator: GeneratorRef, from: number, to: number, options: RunOptions): Generator<WorkerTask> {
  for (let start = from; start < to; start += BATCH) yield { generator, from: start, to: Math.min(to, start + BATCH), options };
}

/** Byte ranges of a .jsonl file: the thread that runs a batch reads, parses and checks its own lines (or has the checker do it). */
function* sliceTasks(file: string, from: number, to: number, options: RunOptions): Generator<WorkerTask> {
  for (const slice of jsonlSlices(file, from, to, BATCH)) yield { slice, options };
}

/** Batches of scenarios given whole (an inline scenario, a .json file). */
function* itemTasks(source: ScenarioSource, from: number, to: number, options: RunOptions): Generator<WorkerTask> {
  for (const items of chunks(source.scenarios(from, to), BATCH)) yield { items, options };
}

function fold(acc: CaseAccumulator, caseIndex: number, outcome: WorkerOutcome, scenarioOf: (o: WorkerOutcome) => Scenario,
  report: ReportDir, keep: (f: Finding | null) => void): JournalEntry {
  // A line that is not a scenario stops the run: results fold in order, so it is the first bad line.
  if (outcome.badInput !== undefined) throw new UserError(outcome.badInput.file, outcome.badInput.jsonPath, outcome.badInput.detail);
  if (outcome.verdict === 'pass') {
    // Only a finding carries its scenario and id, so a passing scenario costs the main thread nothing.
    acc.restore(null);
    return { caseIndex, scenarioIndex: outcome.index, finding: null };
  }
  const scenario = scenarioOf(outcome);
  const replay = (): string => `npx twins replay ${report.findingsPath}:${report.reserveFindingLine()}`;
  const finding = acc.add(outcome.index, scenarioId(scenario), scenario, outcome, replay);
  keep(finding);
  return { caseIndex, scenarioIndex: outcome.index, finding };
}

/**
 * Runs a batch on the pool. When a worker dies mid-batch the pool replaces it; the batch is then
 * re-run one scenario at a time on a thread of its own (started at the first death), so only the
 * scenario that kills a worker is recorded as a crash, even though a pool worker holds two tasks.
 */
function poolRunner(pool: Piscina, workerFile: string | undefined): { run: Runner; close: () => Promise<void> } {
  let retry: Piscina | null = null;
  const run: Runner = async (task) => {
    try {
      return await pool.run(task) as WorkerOutcome[];
    } catch {
      retry ??= startRetryPool(workerFile);
      const retryPool: Piscina = retry;
      const parts = await Promise.all(singles(task).map(async ({ index, single }) => {
        try {
          return await retryPool.run(single) as WorkerOutcome[];
        } catch (err) {
          return [{ index, verdict: 'crash', violations: [], ticks: 0, error: workerDeathError(err) } as WorkerOutcome];
        }
      }));
      return parts.flat();
    }
  };
  return { run, close: async () => { if (retry !== null) await stopPool(retry); } };
}

/** A batch as one task per scenario. */
function singles(task: WorkerTask): { index: number; single: WorkerTask }[] {
  if ('items' in task) return task.items.map((item) => ({ index: item.index, single: { items: [item], options: task.options } }));
  if ('slice' in task) return singleLineSlices(task.slice).map((slice) => ({ index: slice.index, single: { slice, options: task.options } }));
  const out = [];
  for (let p = task.from; p < task.to; p++) out.push({ index: p, single: { ...task, from: p, to: p + 1 } });
  return out;
}

export type { RunOptions };
