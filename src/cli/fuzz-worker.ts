// A worker thread of `twins fuzz --workers N` (and the main thread, for the first batch): judges a
// batch of consecutive search runs, in order, and reports the first that fails. Runs are pure, so
// the verdict does not depend on which worker gave it; the main thread replays and shrinks the
// failure itself (src/cli/fuzz-pool.ts). It loads the executor only, not fast-check.
import type { ExecOptions } from '../exec/exec-options.js';
import { countsAsFailure } from '../exec/counts-as-failure.js';
import { runScenario } from '../exec/run-scenario.js';
import type { Scenario } from '../scenario/types.js';
import { workerLoaded } from './worker-loaded.js';

export interface FuzzTask {
  /** Consecutive search runs: each run's index (fast-check's run number) and its scenario. */
  readonly items: readonly { readonly index: number; readonly scenario: Scenario }[];
  readonly exec: Partial<ExecOptions>;
  readonly ignoreOracles: readonly string[];
}

/** The index of the first run of the batch that counts as a failure, or null when all pass. */
export default function judgeBatch(task: FuzzTask): number | null {
  for (const { index, scenario } of task.items) {
    if (countsAsFailure(runScenario(scenario, task.exec), task.ignoreOracles)) return index;
  }
  return null;
}

workerLoaded();
