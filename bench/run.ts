// `npm run bench`: every workload in its own process, repeated, with median, min and max; the worker
// ratio measured in one run; W1 through the CLI as a user times it (cli-bench.ts); generation
// throughput. Writes reports/bench/bench.json and prints a table.
//   node dist/bench/run.js [--reps N] [--quick]
//   node dist/bench/run.js --cli [--reps N] [--scenarios N]   (only W1 through the CLI, into reports/bench/cli.json)
//   node dist/bench/run.js --table   (only the protocol table of docs/protocols.md, bench/protocol-table.ts)
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCli, cliRows } from './cli-bench.js';
import { benchGenerate } from './gen-bench.js';
import type { WorkloadResult } from './workload.js';
import { protocolTable } from './protocol-table.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const reps = Number(args[args.indexOf('--reps') + 1] ?? NaN) || (quick ? 3 : 5);
const cliOnly = args.includes('--cli');
const cliScenarios = Number(args[args.indexOf('--scenarios') + 1] ?? NaN) || (quick ? 4000 : 10_000);

interface Stat { readonly median: number; readonly min: number; readonly max: number }
const stat = (xs: number[]): Stat => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s[s.length - 1]! };
};

function workload(name: string, count?: number): WorkloadResult {
  const out = execFileSync(process.execPath, [join(ROOT, 'dist/bench/workload.js'), name,
    ...(count === undefined ? [] : [String(count)])], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as WorkloadResult;
}

function repeated(name: string, count?: number): Record<string, unknown> {
  const runs = Array.from({ length: reps }, () => workload(name, count));
  process.stderr.write(`  ${name}: ${runs.map((r) => r.perSecond.toFixed(0)).join(', ')} per second\n`);
  return {
    workload: name, items: runs[0]!.items, repetitions: reps,
    perSecond: stat(runs.map((r) => r.perSecond)), eventsPerSecond: stat(runs.map((r) => r.eventsPerSecond)),
    ...(runs[0]!.committedPerSecond !== undefined ? { committedPerSecond: stat(runs.map((r) => r.committedPerSecond!)) } : {}),
    ...(runs[0]!.warmPerSecond !== undefined ? { warmPerSecond: stat(runs.map((r) => r.warmPerSecond!)) } : {}),
    cpuPerWall: stat(runs.map((r) => r.cpuPerWall)),
    peakRssMiB: stat(runs.map((r) => r.peakRssMiB)),
  };
}

/** Wall seconds of `count` W1 scenarios in each of `copies` workload processes started at once. */
async function concurrentW1(copies: number, count: number): Promise<number> {
  const start = performance.now();
  await Promise.all(Array.from({ length: copies }, () => new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [join(ROOT, 'dist/bench/workload.js'), 'W1', String(count)], (err) => err ? reject(err) : resolve());
  })));
  return (performance.now() - start) / 1000;
}

/**
 * The same W1 run with 1 and with 2 workers, alternating, through `twins exec`; beside it, in the
 * same minutes, what the machine gives two independent copies of the workload (two processes at
 * once against one alone). That ceiling is the most any pool could reach here: a 2-worker ratio
 * below 1.8 with a ceiling near it is the executor's; with a low ceiling it is the machine's.
 */
async function workerRatio(scenarios: number): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'twins-bench-'));
  const gen = join(dir, 'w1.json');
  // W1's own config (all_random.json), with only the number of scenarios changed.
  const w1 = JSON.parse(readFileSync(join(ROOT, 'generator-configs/all_random.json'), 'utf8')) as Record<string, unknown>;
  delete w1['$schema'];
  writeFileSync(gen, JSON.stringify({ ...w1, limits: { ...(w1['limits'] as object), scenarios } }));
  const config = join(dir, 'exec.json');
  writeFileSync(config, JSON.stringify({ name: 'bench_workers', cases: [{ name: 'w1', scenarios: gen }] }));
  const time = (workers: number): number => {
    const start = performance.now();
    execFileSync(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), 'exec', config, '--quiet', '--workers',
      String(workers), '--reports', join(dir, 'reports')], { stdio: 'ignore' });
    return (performance.now() - start) / 1000;
  };
  const one: number[] = [];
  const two: number[] = [];
  const ceiling: number[] = [];
  // Each process runs what each of the two workers runs, half the scenarios, so both ratios pay the
  // same cold start (docs/performance.md, "Workers").
  const perProcess = Math.round(scenarios / 2);
  for (let i = 0; i < Math.max(3, reps - 2); i++) {
    one.push(time(1));
    two.push(time(2));
    ceiling.push(2 * (await concurrentW1(1, perProcess)) / (await concurrentW1(2, perProcess)));
  }
  rmSync(dir, { recursive: true, force: true });
  const ratios = one.map((t, i) => t / two[i]!);
  process.stderr.write(`  workers: 1 -> ${one.map((t) => t.toFixed(1)).join(', ')} s; 2 -> ${two.map((t) => t.toFixed(1)).join(', ')} s; ` +
    `two processes / one: ${ceiling.map((c) => c.toFixed(2)).join(', ')}\n`);
  return { scenarios, oneWorkerSeconds: stat(one), twoWorkerSeconds: stat(two), speedup: stat(ratios),
    machineCeiling: { scenariosPerProcess: perProcess, ratio: stat(ceiling) },
    ofCeiling: stat(ratios.map((r, i) => r / ceiling[i]!)) };
}

async function main(): Promise<void> {
  if (args.includes('--table')) {
    protocolTable();
    return;
  }
  process.stderr.write(`bench: ${reps} repetitions${quick ? ' (quick)' : ''} on ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'})\n`);
  if (cliOnly) {
    const cli = await benchCli(cliScenarios, reps);
    mkdirSync(join(ROOT, 'reports/bench'), { recursive: true });
    writeFileSync(join(ROOT, 'reports/bench/cli.json'), JSON.stringify({ machine: machine(), cli }, null, 2) + '\n');
    process.stdout.write(cliRows(cli).join('\n') + '\nwritten: reports/bench/cli.json\n');
    return;
  }
  const results: Record<string, unknown> = {
    machine: machine(),
    W1: repeated('W1', quick ? 2000 : undefined),
    W2: repeated('W2', quick ? 1000 : undefined),
    W3: repeated('W3', quick ? 30 : undefined),
    wallet: repeated('wallet', quick ? 200 : undefined),
    honestMock: repeated('honest-mock'),
    honestEd25519: repeated('honest-ed25519', quick ? 50 : undefined),
    workers: await workerRatio(quick ? 4000 : 20_000),
    cli: await benchCli(cliScenarios, reps),
  };
  const gen = [];
  for (let i = 0; i < reps; i++) gen.push(await benchGenerate({ scenarios: quick ? 100_000 : 1_000_000 }));
  results['generation'] = { scenarios: gen[0]!.scenarios, scenariosPerSecond: stat(gen.map((g) => g.scenariosPerSecond)) };
  mkdirSync(join(ROOT, 'reports/bench'), { recursive: true });
  writeFileSync(join(ROOT, 'reports/bench/bench.json'), JSON.stringify(results, null, 2) + '\n');
  printTable(results);
}

function machine(): Record<string, unknown> {
  return { cores: availableParallelism(), cpu: cpus()[0]?.model ?? null, node: process.version };
}

function printTable(r: Record<string, unknown>): void {
  const row = (label: string, s: Stat, unit: string): string =>
    `${label.padEnd(34)} ${s.median.toFixed(0).padStart(9)} ${unit.padEnd(13)} (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)})`;
  const ratio = (label: string, s: Stat): string =>
    `${label.padEnd(34)} ${s.median.toFixed(2).padStart(9)} x${' '.repeat(12)} (min ${s.min.toFixed(2)}, max ${s.max.toFixed(2)})`;
  const workers = r['workers'] as { speedup: Stat; machineCeiling: { ratio: Stat }; ofCeiling: Stat };
  const w = (k: string) => r[k] as { perSecond: Stat; eventsPerSecond: Stat; peakRssMiB: Stat; committedPerSecond?: Stat;
    warmPerSecond?: Stat; cpuPerWall: Stat };
  const lines = [
    row('W1 n=4 1 twin, mock (1 core)', w('W1').perSecond, 'scenarios/s'),
    row('   after the first fifth (warm)', w('W1').warmPerSecond!, 'scenarios/s'),
    ratio('   CPUs busy (CPU time / wall)', w('W1').cpuPerWall),
    row('   simulated events', w('W1').eventsPerSecond, 'events/s'),
    row('   peak RSS', w('W1').peakRssMiB, 'MiB'),
    row('W2 n=7 2 twins, mock (1 core)', w('W2').perSecond, 'scenarios/s'),
    row('W3 W1 with Ed25519 (1 core)', w('W3').perSecond, 'scenarios/s'),
    row('wallet: fuzz_wallet + clients (1 core)', w('wallet').perSecond, 'scenarios/s'),
    row('   client requests committed', w('wallet').committedPerSecond!, 'requests/s'),
    row('honest n=4 mock: rounds', w('honestMock').perSecond, 'rounds/s'),
    row('honest n=4 mock: commits', w('honestMock').committedPerSecond!, 'blocks/s'),
    row('honest n=4 Ed25519: rounds', w('honestEd25519').perSecond, 'rounds/s'),
    row('honest n=4 Ed25519: commits', w('honestEd25519').committedPerSecond!, 'blocks/s'),
    ratio('2 workers / 1 worker (same run)', workers.speedup),
    ratio('   2 processes / 1 (the machine)', workers.machineCeiling.ratio),
    ratio('   workers as share of that', workers.ofCeiling),
    ...cliRows(r['cli'] as Parameters<typeof cliRows>[0]),
    row('generation (all_random)', (r['generation'] as { scenariosPerSecond: Stat }).scenariosPerSecond, 'scenarios/s'),
  ];
  process.stdout.write(lines.join('\n') + '\nwritten: reports/bench/bench.json\n');
}

await main();
