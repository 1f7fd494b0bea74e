// A worker thread of `twins exec --workers N` (and the main thread with one worker): runs a batch of
// scenarios and sends back only what a case needs. A batch is a byte range of a .jsonl file, which
// the worker reads, parses and checks itself; an index range of a generator config, which the worker
// generates itself; or scenarios given whole (an inline scenario or a .json file). So the main thread
// neither parses, checks, generates nor clones the scenarios it hands out. With one worker, in the
// main thread, a .jsonl batch comes checked by the checker thread (check-worker.ts), as the text of
// its lines, which are only parsed here. Runs are pure, so results
// do not depend on which worker ran them.
import { runScenario } from '../exec/run-scenario.js';
import type { RunOutcomeLike } from '../exec/case-result.js';
import type { ExecOptions } from '../exec/exec-options.js';
import type { ScenarioSpace } from '../gen/index.js';
import { scenarioValidator } from '../scenario/schemas.js';
import { isMainThread } from 'node:worker_threads';
import type { Scenario } from '../scenario/types.js';
import type { CheckedBatch } from './check-pool.js';
import { checkSlice, type BadLine } from './checked-lines.js';
import type { JsonlSlice } from './jsonl-slices.js';
import type { GeneratorRef } from './scenario-source.js';
import { workerLoaded } from './worker-loaded.js';

export type WorkerTask =
  | { readonly items: readonly { readonly index: number; readonly scenario: Scenario }[]; readonly options: Partial<ExecOptions> }
  | { readonly slice: JsonlSlice; readonly options: Partial<ExecOptions> }
  | { readonly generator: GeneratorRef; readonly from: number; readonly to: number; readonly options: Partial<ExecOptions> };

/** What the main thread runs with one worker: a WorkerTask, or a batch the checker thread has checked. */
export type ThreadTask = WorkerTask | (CheckedBatch & { readonly options: Partial<ExecOptions> });

/** One scenario's outcome, by index; a scenario that did not pass comes back with it, for its finding. */
export interface WorkerOutcome extends RunOutcomeLike {
  readonly index: number;
  readonly scenario?: Scenario;
  /**
   * The scenario's line is not a valid scenario: the message to stop the run with. It is the last
   * outcome of its batch, and its verdict and counts mean nothing.
   */
  readonly badInput?: { readonly file: string | null; readonly jsonPath: string | null; readonly detail: string };
}

// A pool thread loads the scenario validator as it starts, before its first batch arrives.
if (!isMainThread) scenarioValidator();
workerLoaded();

let cached: { text: string; space: ScenarioSpace } | null = null;

/** The generator is loaded only by a thread that generates (fast-check and the space code are not needed otherwise). */
async function spaceOf(ref: GeneratorRef): Promise<ScenarioSpace> {
  if (cached?.text !== ref.text) {
    const gen = await import('../gen/index.js');
    cached = { text: ref.text, space: new gen.ScenarioSpace(gen.parseGeneratorConfig(ref.text, ref.file)) };
  }
  return cached.space;
}

export default async function runBatch(task: ThreadTask): Promise<WorkerOutcome[]> {
  if ('items' in task) return task.items.map(({ index, scenario }) => runOne(index, scenario, task.options));
  if ('slice' in task) return runSlice(task.slice, task.options);
  if ('checked' in task) {
    const out = task.checked.map(({ index, text }) => runOne(index, JSON.parse(text) as Scenario, task.options));
    return task.bad === null ? out : [...out, badOutcome(task.bad)];
  }
  const out: WorkerOutcome[] = [];
  for (const { position, scenario } of (await spaceOf(task.generator)).scenarios(BigInt(task.from), BigInt(task.to))) {
    out.push(runOne(Number(position), scenario, task.options));
  }
  return out;
}

/** Reads, parses, checks and runs the lines of a slice; stops at a line that is not a valid scenario. */
export function runSlice(slice: JsonlSlice, options: Partial<ExecOptions>): WorkerOutcome[] {
  const { lines, bad } = checkSlice(slice);
  const out = lines.map(({ index, scenario }) => runOne(index, scenario, options));
  return bad === null ? out : [...out, badOutcome(bad)];
}

function badOutcome({ index, file, jsonPath, detail }: BadLine): WorkerOutcome {
  return { index, verdict: 'crash', violations: [], ticks: 0, badInput: { file, jsonPath, detail } };
}

function runOne(index: number, scenario: Scenario, options: Partial<ExecOptions>): WorkerOutcome {
  const r = runScenario(scenario, options);
  return { index, verdict: r.verdict, violations: r.violations, ticks: r.ticks, ...(r.error !== undefined ? { error: r.error } : {}),
    ...(r.verdict !== 'pass' ? { scenario } : {}) };
}
