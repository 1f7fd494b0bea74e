// Pool workers for the pools' own tests: the production workers (src/cli/exec-worker.ts,
// src/cli/fuzz-worker.ts), except that they exit, as a worker killed by the system would, on the
// scenario or run a test names in an environment variable. The production workers read no such
// variable; a test hands these to the pool instead (execCommand's `workerFile`, fuzzOnPool's fourth
// argument).
import { isMainThread } from 'node:worker_threads';
import runBatch, { type WorkerOutcome, type WorkerTask } from '../../src/cli/exec-worker.js';
import { singleLineSlices } from '../../src/cli/jsonl-slices.js';
import judgeBatch, { type FuzzTask } from '../../src/cli/fuzz-worker.js';

export const EXEC_EXIT_ON_SCENARIO = 'TWINS_TEST_WORKER_EXIT_ON_SCENARIO';
export const EXEC_EXIT_ON_INDEX = 'TWINS_TEST_WORKER_EXIT_ON_INDEX';
export const FUZZ_EXIT_ON_RUN = 'TWINS_TEST_FUZZ_WORKER_EXIT_ON_RUN';

export const DYING_EXEC_WORKER = new URL('./dying-exec-worker.js', import.meta.url).href;
export const DYING_FUZZ_WORKER = new URL('./dying-fuzz-worker.js', import.meta.url).href;

/** An exec batch, one scenario at a time, exiting at the named scenario or index. */
export async function dyingExecBatch(task: WorkerTask): Promise<WorkerOutcome[]> {
  const name = process.env[EXEC_EXIT_ON_SCENARIO];
  const index = process.env[EXEC_EXIT_ON_INDEX];
  const dies = (i: number, scenarioName?: string): boolean =>
    (name !== undefined && scenarioName === name) || (index !== undefined && String(i) === index);
  const out: WorkerOutcome[] = [];
  if ('items' in task) {
    for (const item of task.items) {
      if (dies(item.index, item.scenario.name)) process.exit(70);
      out.push(...await runBatch({ items: [item], options: task.options }));
    }
  } else if ('slice' in task) {
    for (const slice of singleLineSlices(task.slice)) {
      if (dies(slice.index)) process.exit(70);
      out.push(...await runBatch({ slice, options: task.options }));
    }
  } else {
    for (let i = task.from; i < task.to; i++) {
      if (dies(i)) process.exit(70);
      out.push(...await runBatch({ ...task, from: i, to: i + 1 }));
    }
  }
  return out;
}

/** A fuzz batch, exiting at the named run on a worker thread (the main thread judges the first batch). */
export function dyingFuzzBatch(task: FuzzTask): number | null {
  const exitOn = isMainThread ? undefined : process.env[FUZZ_EXIT_ON_RUN];
  for (const item of task.items) {
    if (exitOn !== undefined && item.index === Number(exitOn)) process.exit(70);
    const failed = judgeBatch({ ...task, items: [item] });
    if (failed !== null) return failed;
  }
  return null;
}
