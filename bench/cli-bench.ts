// W1 as a user runs it: `twins gen` writes all_random.json's scenarios with seed 7 to a .jsonl file,
// and `twins exec` runs a config with one case over it, as a child process timed by the wall clock,
// with one worker and with two. Beside them, in the same minutes, the in-process engine rate on the
// same scenarios (bench/workload.ts) and the machine's two-process ceiling: two independent
// single-worker `twins exec` processes at once, each over half the file. The two ratios the executor
// is held to: one worker's whole-process rate over the engine rate, and two workers' over the ceiling.
// `npm run bench` runs it with the other workloads; alone:
//   node dist/bench/run.js --cli [--reps N] [--scenarios N]
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkloadResult } from './workload.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');
export const W1_SEED = '7';

export interface Stat { readonly median: number; readonly min: number; readonly max: number }
export const stat = (xs: readonly number[]): Stat => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s[s.length - 1]! };
};

export interface CliBenchResult {
  readonly scenarios: number;
  readonly repetitions: number;
  /** Scenarios per second. */
  readonly engine: Stat;
  readonly oneWorker: Stat;
  readonly twoWorkers: Stat;
  readonly twoProcesses: Stat;
  /** Per repetition, one worker's rate over the engine rate of the same repetition (target >= 0.9). */
  readonly oneWorkerOfEngine: Stat;
  /** Per repetition, two workers' rate over the two processes' rate (target >= 0.95). */
  readonly twoWorkersOfCeiling: Stat;
}

interface Files { readonly dir: string; readonly whole: string; readonly halves: readonly [string, string] }

/** Writes the W1 .jsonl file, its two halves, and an executor config with one case over each. */
function prepare(scenarios: number): Files {
  const dir = mkdtempSync(join(tmpdir(), 'twins-cli-bench-'));
  const jsonl = join(dir, 'w1.jsonl');
  execFileSync(process.execPath, [CLI, 'gen', join(ROOT, 'generator-configs/all_random.json'), '--seed', W1_SEED,
    '--scenarios', String(scenarios), '--out', jsonl, '--quiet'], { stdio: 'ignore' });
  const lines = readFileSync(jsonl, 'utf8').trimEnd().split('\n');
  const half = Math.floor(lines.length / 2);
  const config = (name: string, body: readonly string[]): string => {
    const file = join(dir, `${name}.jsonl`);
    if (file !== jsonl) writeFileSync(file, body.join('\n') + '\n');
    writeFileSync(join(dir, `${name}.json`), JSON.stringify({ name, cases: [{ name: 'w1', scenarios: `${name}.jsonl` }] }));
    return join(dir, `${name}.json`);
  };
  return { dir, whole: config('w1', lines), halves: [config('h1', lines.slice(0, half)), config('h2', lines.slice(half))] };
}

/** Wall seconds of `twins exec` over each config at once, each with `workers` workers. */
async function exec(files: Files, configs: readonly string[], workers: number): Promise<number> {
  const start = performance.now();
  await Promise.all(configs.map((config, i) => new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [CLI, 'exec', config, '--quiet', '--workers', String(workers), '--reports', join(files.dir, `reports-${i}`)],
      (err) => (err ? reject(err) : resolve()));
  })));
  return (performance.now() - start) / 1000;
}

function engineRate(scenarios: number): number {
  const out = execFileSync(process.execPath, [join(ROOT, 'dist/bench/workload.js'), 'W1', String(scenarios), W1_SEED],
    { encoding: 'utf8', maxBuffer: 1 << 20 });
  return (JSON.parse(out) as WorkloadResult).perSecond;
}

export async function benchCli(scenarios: number, reps: number): Promise<CliBenchResult> {
  const files = prepare(scenarios);
  const engine: number[] = [];
  const one: number[] = [];
  const two: number[] = [];
  const ceiling: number[] = [];
  try {
    for (let i = 0; i < reps; i++) {
      engine.push(engineRate(scenarios));
      one.push(scenarios / await exec(files, [files.whole], 1));
      ceiling.push(scenarios / await exec(files, files.halves, 1));
      two.push(scenarios / await exec(files, [files.whole], 2));
      process.stderr.write(`  W1 CLI ${i + 1}/${reps}: engine ${engine[i]!.toFixed(0)}/s, 1 worker ${one[i]!.toFixed(0)}/s, ` +
        `two processes ${ceiling[i]!.toFixed(0)}/s, 2 workers ${two[i]!.toFixed(0)}/s\n`);
    }
  } finally {
    rmSync(files.dir, { recursive: true, force: true });
  }
  return { scenarios, repetitions: reps, engine: stat(engine), oneWorker: stat(one), twoWorkers: stat(two), twoProcesses: stat(ceiling),
    oneWorkerOfEngine: stat(one.map((r, i) => r / engine[i]!)), twoWorkersOfCeiling: stat(two.map((r, i) => r / ceiling[i]!)) };
}

/** The table rows of a result. */
export function cliRows(r: CliBenchResult): string[] {
  const rate = (label: string, s: Stat): string =>
    `${label.padEnd(34)} ${s.median.toFixed(0).padStart(9)} ${'scenarios/s'.padEnd(13)} (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)})`;
  const ratio = (label: string, s: Stat): string =>
    `${label.padEnd(34)} ${s.median.toFixed(2).padStart(9)} x${' '.repeat(12)} (min ${s.min.toFixed(2)}, max ${s.max.toFixed(2)})`;
  return [
    rate(`W1 engine, in process (seed ${W1_SEED})`, r.engine),
    rate('W1 twins exec, 1 worker', r.oneWorker),
    ratio('   / engine (target >= 0.90)', r.oneWorkerOfEngine),
    rate('W1 two 1-worker processes at once', r.twoProcesses),
    rate('W1 twins exec, 2 workers', r.twoWorkers),
    ratio('   / two processes (target >= 0.95)', r.twoWorkersOfCeiling),
  ];
}
