// A worker thread of `twins exec --workers N` (and the main thread with one worker): runs a batch of
// scenarios and sends back only what a case needs. A batch is either scenarios (from a file) or an
// index range of a generator config, which the worker generates itself, so the main thread neither
// generates nor clones the scenarios of a generator config. Runs are pure, so results do not depend
// on which worker ran them.
import { runScenario } from '../exec/run-scenario.js';
import type { RunOutcomeLike } from '../exec/case-result.js';
import type { ExecOptions } from '../exec/exec-options.js';
import { parseGeneratorConfig, ScenarioSpace } from '../gen/index.js';
import type { Scenario } from '../scenario/types.js';
import type { GeneratorRef } from './scenario-source.js';

export type WorkerTask =
  | { readonly items: readonly { readonly index: number; readonly scenario: Scenario }[]; readonly options: Partial<ExecOptions> }
  | { readonly generator: GeneratorRef; readonly from: number; readonly to: number; readonly options: Partial<ExecOptions> };

/** One scenario's outcome, by index; a scenario that did not pass comes back with it, for its finding. */
export interface WorkerOutcome extends RunOutcomeLike {
  readonly index: number;
  readonly scenario?: Scenario;
}

let cached: { text: string; space: ScenarioSpace } | null = null;

function spaceOf(ref: GeneratorRef): ScenarioSpace {
  if (cached?.text !== ref.text) cached = { text: ref.text, space: new ScenarioSpace(parseGeneratorConfig(ref.text, ref.file)) };
  return cached.space;
}

export default function runBatch(task: WorkerTask): WorkerOutcome[] {
  if ('items' in task) return task.items.map(({ index, scenario }) => runOne(index, scenario, task.options));
  const out: WorkerOutcome[] = [];
  for (const { position, scenario } of spaceOf(task.generator).scenarios(BigInt(task.from), BigInt(task.to))) {
    out.push(runOne(Number(position), scenario, task.options));
  }
  return out;
}

function runOne(index: number, scenario: Scenario, options: Partial<ExecOptions>): WorkerOutcome {
  const r = runScenario(scenario, options);
  return { index, verdict: r.verdict, violations: r.violations, ticks: r.ticks, ...(r.error !== undefined ? { error: r.error } : {}),
    ...(r.verdict !== 'pass' ? { scenario } : {}) };
}
