// `npm run bench -- --table`: a performance table in the style of a classic PBFT evaluation, both
// protocols side by side. For n = 4, 7, 10, 13 it runs a whole network of honest replicas with few
// and with many clients, with a link delay of 1 tick and of 1-5 ticks, and a run whose first
// primary/leader (identity a) is crashed until the network heals; the runs of one protocol and size
// share a process of their own. Per run: client operations completed per simulated second (a tick taken as
// 1 ms), mean and maximum client latency in ticks (first send to the accepted result), messages
// delivered between replicas until the last accepted result, wall time and peak RSS of the run, and whether it was safe (no safety
// oracle fired) and live (no liveness oracle fired and every client finished).
//   node dist/bench/protocol-table.js            (the table, markdown, on stdout; JSON in reports/bench/protocols.json)
//   node dist/bench/protocol-table.js --size PROTOCOL N (the rows of one protocol and size, as JSON)
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/exec/run-scenario.js';
import { parseScenarioText } from '../src/scenario/validate.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROTOCOLS = ['diembft', 'pbft'] as const;
const SIZES = [4, 7, 10, 13] as const;

export interface TableConfig {
  readonly protocol: string;
  readonly n: number;
  readonly clients: number;
  readonly ops: number;
  readonly delay: { readonly min: number; readonly max: number };
  readonly fault: 'none' | 'failed primary';
}

export interface TableRow extends TableConfig {
  readonly completed: number;
  readonly opsPerSecond: number;
  readonly meanLatency: number;
  readonly maxLatency: number;
  readonly messages: number;
  readonly wallMs: number;
  readonly peakRssMiB: number;
  readonly safe: boolean;
  readonly live: boolean;
}

/** The configurations of one protocol at size n: honest few/many clients, a slower network, a failed primary. */
function configsOf(protocol: string, n: number): TableConfig[] {
  const fast = { min: 1, max: 1 };
  return [
    { protocol, n, clients: 4, ops: 10, delay: fast, fault: 'none' },
    { protocol, n, clients: 16, ops: 10, delay: fast, fault: 'none' },
    { protocol, n, clients: 4, ops: 10, delay: { min: 1, max: 5 }, fault: 'none' },
    { protocol, n, clients: 4, ops: 10, delay: fast, fault: 'failed primary' },
  ];
}

const NAMES = 'abcdefghijklm'.split('');

/**
 * After the heal every client must finish within this many ticks; an honest PBFT replica never leaves
 * its view, so its runs end here rather than at the end of the GST tail.
 */
const WORKLOAD_TICKS = 600;
/** The heal comes when every honest replica left the scripted round, or at this tick. */
const HEAL_TICKS = 100;

/** The scenario of a configuration: one scripted round on a whole network, the clients' workload. */
function scenarioOf(c: TableConfig): string {
  const nodes = NAMES.slice(0, c.n);
  const whole = [nodes];
  return JSON.stringify({
    schemaVersion: 1, protocol: c.protocol, nodes, twins: [],
    rounds: [{ leader: 'a', partitions: whole }],
    gst: { rounds: 4 }, service: 'wallet', clients: { retransmitTicks: 40 },
    workloads: [{ type: 'retransmit', clients: c.clients, count: c.ops, timeoutTicks: WORKLOAD_TICKS }],
    ...(c.fault === 'failed primary' ? { crashes: [{ replica: 'a', round: 1 }] } : {}),
  });
}

const optionsOf = (c: TableConfig) => ({ seed: '1', delayTicks: c.delay, roundTimeoutTicks: 40, healDeadlineTicks: HEAL_TICKS, livenessTicks: 400 });

/**
 * One configuration: a traced run for the counts (clients' sends and accepted results, deliveries),
 * and the same run untraced for the wall time, as `twins exec` runs a scenario.
 */
function measure(c: TableConfig): TableRow {
  const scenario = parseScenarioText(scenarioOf(c), 'table.json');
  const r = runScenario(scenario, optionsOf(c), { trace: true });
  const start = performance.now();
  runScenario(scenario, optionsOf(c));
  const wallMs = performance.now() - start;
  const trace = r.trace ?? [];
  const replicas = new Set(scenario.nodes);
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  let first = Infinity;
  let last = 0;
  let done = 0;
  let messages = 0;
  for (const e of trace) {
    if (e.type !== 'client') continue;
    const key = `${e.client}/${e.seq}`;
    if (e.what === 'send' && !sent.has(key)) { sent.set(key, e.tick); first = Math.min(first, e.tick); }
    if (e.what === 'accept') { latencies.push(e.tick - (sent.get(key) ?? e.tick)); last = Math.max(last, e.tick); }
    if (e.what === 'done') done++;
  }
  for (const e of trace) {
    if (e.tick > last) break;
    if (e.type === 'deliver' && e.from !== e.to && replicas.has(e.from) && replicas.has(e.to)) messages++;
  }
  const span = Math.max(1, last - (first === Infinity ? 0 : first));
  const safe = !r.violations.some((v) => v.kind === 'safety') && r.verdict !== 'crash';
  return {
    ...c, completed: latencies.length,
    opsPerSecond: latencies.length * 1000 / span,
    meanLatency: latencies.length === 0 ? 0 : latencies.reduce((a, b) => a + b, 0) / latencies.length,
    maxLatency: Math.max(0, ...latencies), messages, wallMs,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    safe, live: safe && r.verdict === 'pass' && done === c.clients,
  };
}

/**
 * The configurations of one protocol and size, in a process of their own after one warm-up run (the
 * first run of a process pays for loading and compiling); peak RSS is the process's after each run.
 */
function measureSize(protocol: string, n: number): TableRow[] {
  const configs = configsOf(protocol, n);
  runScenario(parseScenarioText(scenarioOf(configs[0]!), 'warm-up.json'), optionsOf(configs[0]!));
  return configs.map(measure);
}

function runInChild(protocol: string, n: number): TableRow[] {
  const out = execFileSync(process.execPath, [join(ROOT, 'dist/bench/protocol-table.js'), '--size', protocol, String(n)],
    { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as TableRow[];
}

const f0 = (x: number): string => x.toFixed(0);
const yes = (b: boolean): string => (b ? 'yes' : '**no**');

/** One markdown table: a row per configuration, DiemBFT's and PBFT's columns side by side. */
export function markdownTable(rows: readonly TableRow[]): string[] {
  const cols = ['ops/s', 'latency mean / max', 'messages', 'wall ms', 'MiB', 'safe', 'live'];
  const lines = [
    `| n | clients × ops | delay | fault | ${cols.map((c) => `DiemBFT ${c}`).join(' | ')} | ${cols.map((c) => `PBFT ${c}`).join(' | ')} |`,
    `|${'---|'.repeat(4 + 2 * cols.length)}`,
  ];
  const cells = (r: TableRow | undefined): string[] => r === undefined ? cols.map(() => '-') : [
    f0(r.opsPerSecond), `${f0(r.meanLatency)} / ${f0(r.maxLatency)}`, f0(r.messages), f0(r.wallMs), f0(r.peakRssMiB), yes(r.safe), yes(r.live)];
  const key = (r: TableConfig): string => `${r.n}/${r.clients}/${r.ops}/${r.delay.min}-${r.delay.max}/${r.fault}`;
  for (const r of rows.filter((x) => x.protocol === PROTOCOLS[0])) {
    const other = rows.find((x) => x.protocol === PROTOCOLS[1] && key(x) === key(r));
    const delay = r.delay.min === r.delay.max ? `${r.delay.min}` : `${r.delay.min}-${r.delay.max}`;
    lines.push(`| ${r.n} | ${r.clients} × ${r.ops} | ${delay} | ${r.fault} | ${[...cells(r), ...cells(other)].join(' | ')} |`);
  }
  return lines;
}

export function protocolTable(): void {
  const rows: TableRow[] = [];
  for (const n of SIZES) {
    for (const protocol of PROTOCOLS) {
      for (const row of runInChild(protocol, n)) {
        process.stderr.write(`  ${protocol} n=${n} ${row.clients}x${row.ops} delay ${row.delay.min}-${row.delay.max} ${row.fault}: ` +
          `${row.completed} ops, ${f0(row.opsPerSecond)} ops/s, ${row.messages} messages, ${f0(row.wallMs)} ms\n`);
        rows.push(row);
      }
    }
  }
  mkdirSync(join(ROOT, 'reports/bench'), { recursive: true });
  const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model ?? null, node: process.version };
  writeFileSync(join(ROOT, 'reports/bench/protocols.json'), JSON.stringify({ machine, rows }, null, 2) + '\n');
  process.stdout.write(markdownTable(rows).join('\n') + '\nwritten: reports/bench/protocols.json\n');
}

const argv = process.argv.slice(2);
if (argv[0] === '--size') process.stdout.write(JSON.stringify(measureSize(argv[1]!, Number(argv[2]))) + '\n');
