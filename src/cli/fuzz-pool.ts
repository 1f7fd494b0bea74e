// `twins fuzz --workers N` (DESIGN §8, §10): the search on a pool of worker threads, with the same
// outcome as the single-threaded search, whatever N.
//
// This thread draws the scenarios `fc.check` would try for the seed, in order (checkDraws), and hands
// them out in batches of consecutive runs; the workers judge them (the first batch is judged here,
// before any pool is needed). Results are folded in run order, even when a later batch finishes
// first, so the first failure found is the first failing run. That run is then replayed and shrunk
// in this thread by `fuzzFrom`, through fast-check's replay path, so the counterexample, the shrunk
// scenario, its steps and its replay path are those of `fuzz`. Only a time limit makes the outcome
// depend on N: it is checked between batches, so the number of runs done before it stops the search
// varies.
import type { Piscina } from 'piscina';
import { workerDeathError } from '../exec/case-result.js';
import { fuzzFrom, passedReport, type FuzzOptions, type FuzzReport, type SearchFailure } from '../exec/fuzz.js';
import type { RunResult } from '../exec/run-scenario.js';
import type { ScenarioSpaceInput } from '../gen/arbitraries.js';
import { strategyScenarios } from '../gen/strategies.js';
import { checkDraws } from '../gen/check-draws.js';
import type { Scenario } from '../scenario/types.js';
import judgeBatch, { type FuzzTask } from './fuzz-worker.js';
import { chunks, inOrder } from './ordered.js';
import { startThreads, stopThreads } from './worker-pool.js';

/** Runs per batch: long enough to outweigh sending it to a worker, short enough to stop soon after a failure. */
const BATCH = 32;

/** Searches on `workers` worker threads, then shrinks the first failure here; the same report as `fuzz`. */
/** `workerFile` is the pool's worker module (a URL); by default ./fuzz-worker.js. Tests give one that can die. */
export async function fuzzOnPool(config: ScenarioSpaceInput, options: FuzzOptions, workers: number,
  workerFile: string = new URL('./fuzz-worker.js', import.meta.url).href): Promise<FuzzReport> {
  const search = await searchOnPool(config, options, workers, workerFile);
  if (search.failure !== null) return fuzzFrom(config, options, search.failure);
  return passedReport(options.seed, search.runs, search.interrupted);
}

interface SearchOutcome {
  /** Runs judged and folded before the search ended, the failing run not counted. */
  readonly runs: number;
  readonly interrupted: boolean;
  readonly failure: SearchFailure | null;
}

async function searchOnPool(config: ScenarioSpaceInput, options: FuzzOptions, workers: number, workerFile: string):
  Promise<SearchOutcome> {
  const draws = indexed(checkDraws(strategyScenarios(config, options.strategy), options.seed, options.numRuns));
  const task = { exec: options.exec ?? {}, ignoreOracles: options.ignoreOracles ?? [] };
  let runs = 0;
  for await (const { batch, result } of judged(chunks(draws, BATCH), task, workers, workerFile)) {
    if (options.shouldStop?.() === true) return { runs, interrupted: true, failure: null };
    const passed = result === null ? batch.length : result.index - batch[0]!.index;
    for (let k = 0; k < passed; k++) options.onRun?.('search');
    runs += passed;
    if (result !== null) return { runs, interrupted: false, failure: result };
  }
  return { runs, interrupted: false, failure: null };
}

type Batch = FuzzTask['items'];

/**
 * The batches with their first failure, in run order. The first batch is judged in this thread:
 * a pool takes about half a second to start, and most catalogued bugs fail within 32 runs. The
 * pool starts after it, and stops when the caller stops asking.
 */
async function* judged(batches: Generator<Batch>, task: Omit<FuzzTask, 'items'>, workers: number, workerFile: string):
  AsyncGenerator<{ batch: Batch; result: SearchFailure | null }> {
  const first = batches.next();
  if (first.done === true) return;
  const result = failureAt(judgeBatch({ ...task, items: first.value }));
  yield { batch: first.value, result };
  if (result !== null) return;
  const pool = startThreads(workerFile, workers, 1);
  const judge = new PoolJudge(pool);
  try {
    yield* inOrder(batches, (items) => judge.run({ ...task, items }), workers * 2);
  } finally {
    judge.close();
    await stopThreads(pool);
  }
}

function* indexed(draws: Iterable<Scenario>): Generator<{ index: number; scenario: Scenario }> {
  let index = 0;
  for (const scenario of draws) yield { index: index++, scenario };
}

/**
 * Judges batches on the pool; never rejects. When a worker dies mid-batch the pool replaces it and
 * the batch is judged again one run at a time, so only the run that kills a worker counts as a
 * failure: a crash, with the worker's death as its error (as in `twins exec`).
 */
class PoolJudge {
  private closed = false;

  constructor(private readonly pool: Piscina) {}

  async run(task: FuzzTask): Promise<SearchFailure | null> {
    try {
      return failureAt(await this.pool.run(task) as number | null);
    } catch {
      if (this.closed) return null;
      const singles = await Promise.all(task.items.map((item) => this.runOne({ ...task, items: [item] })));
      return singles.find((f) => f !== null) ?? null;
    }
  }

  /** After the search ended: batches still running are abandoned, not judged again. */
  close(): void {
    this.closed = true;
  }

  private async runOne(task: FuzzTask): Promise<SearchFailure | null> {
    try {
      return failureAt(await this.pool.run(task) as number | null);
    } catch (err) {
      return this.closed ? null : { index: task.items[0]!.index, result: workerDeath(err) };
    }
  }
}

function failureAt(index: number | null): SearchFailure | null {
  return index === null ? null : { index };
}

function workerDeath(err: unknown): RunResult {
  return {
    ok: false, verdict: 'crash', violations: [], traceHash: '', endReason: 'crash', ticks: 0, events: 0, healTick: null,
    height: 0, error: workerDeathError(err),
  };
}
