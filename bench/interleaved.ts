// Interleaved A/B of two builds in one process, for changes smaller than the noise of separate
// processes on a shared machine: both builds' executors are imported, then run in alternating
// batches of the same scenarios, each batch timed by CPU time, so both see the same load and heap.
//   node dist/bench/interleaved.js <rootA> <rootB> [W1|W2] [batch] [batches]
// A root is a checkout whose dist/ is built (and which has node_modules, schemas and the configs).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { runScenario as RunScenario } from '../src/exec/run-scenario.js';
import { parseGeneratorConfig, ScenarioSpace, withOverrides } from '../src/gen/index.js';
import type { Scenario } from '../src/scenario/types.js';

type Run = typeof RunScenario;

async function executorOf(root: string): Promise<Run> {
  return ((await import(`${root}/dist/src/exec/run-scenario.js`)) as { runScenario: Run }).runScenario;
}

function scenarios(root: string, workload: string): Scenario[] {
  const file = workload === 'W2' ? 'bench/w2.json' : 'generator-configs/all_random.json';
  const config = parseGeneratorConfig(readFileSync(`${root}/${file}`, 'utf8'), file);
  const count = workload === 'W2' ? 2_000n : 10_000n;
  return [...new ScenarioSpace(withOverrides(config, { scenarios: count }), file).scenarios()].map((s) => s.scenario);
}

/** CPU microseconds per scenario over `batch` scenarios from `from`. */
function time(run: Run, list: readonly Scenario[], from: number, batch: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < batch; i++) run(list[(from + i) % list.length]!, {});
  const used = process.cpuUsage(start);
  return (used.user + used.system) / batch;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function main(): Promise<void> {
  const [a, b, workload = 'W1', batchText = '500', batchesText = '24'] = process.argv.slice(2);
  if (a === undefined || b === undefined) throw new Error('usage: interleaved.js <rootA> <rootB> [W1|W2] [batch] [batches]');
  const [runA, runB] = [await executorOf(a), await executorOf(b)];
  const list = scenarios(a, workload);
  const batch = Number(batchText);
  const ta: number[] = [];
  const tb: number[] = [];
  time(runA, list, 0, batch);
  time(runB, list, 0, batch);
  for (let k = 0; k < Number(batchesText); k++) {
    const from = k * batch;
    if (k % 2 === 0) { ta.push(time(runA, list, from, batch)); tb.push(time(runB, list, from, batch)); }
    else { tb.push(time(runB, list, from, batch)); ta.push(time(runA, list, from, batch)); }
  }
  const ratios = ta.map((x, i) => x / tb[i]!);
  process.stdout.write(JSON.stringify({ workload, perCpuSecondA: Math.round(1e6 / median(ta)),
    perCpuSecondB: Math.round(1e6 / median(tb)), speedupMedianOfPairs: Number(median(ratios).toFixed(3)) }) + '\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main();
