// A worker thread of `twins exec --workers N`: runs a batch of scenarios and sends back only what a
// case needs. Runs are pure, so results do not depend on which worker ran them.
import { runScenario } from '../exec/run-scenario.js';
import type { RunOutcomeLike } from '../exec/case-result.js';
import type { ExecOptions } from '../exec/exec-options.js';
import type { Scenario } from '../scenario/types.js';

export interface WorkerTask {
  readonly items: readonly { readonly index: number; readonly scenario: Scenario }[];
  readonly options: Partial<ExecOptions>;
}

/**
 * Fault injection for the pool's own tests: a worker given a scenario with this name exits, as a
 * worker killed by the system would. Never set in normal use.
 */
const EXIT_ON = process.env['TWINS_TEST_WORKER_EXIT_ON_SCENARIO'];

export default function runBatch(task: WorkerTask): RunOutcomeLike[] {
  return task.items.map(({ scenario }) => {
    if (EXIT_ON !== undefined && scenario.name === EXIT_ON) process.exit(70);
    const r = runScenario(scenario, task.options);
    return { verdict: r.verdict, violations: r.violations, ticks: r.ticks, ...(r.error !== undefined ? { error: r.error } : {}) };
  });
}
