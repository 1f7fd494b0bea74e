// `twins loadtest` (docs/network.md): for each protocol and each configuration (f = 0 with one node,
// f = 1 with four, f = 1 with four of which one sends wrong replies) it starts a loopback cluster of
// `twins node` processes, runs the wallet load of src/net/load-client.ts against it, checks the honest
// nodes' ledgers agree, stops the cluster, and finally writes reports/loadtest/ (JSON and HTML).
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { ByzantineMode } from '../net/byzantine.js';
import { loadClusterConfig } from '../net/cluster-config.js';
import { runLoad } from '../net/load-client.js';
import { readLines } from '../net/node-files.js';
import { protocolNames } from '../protocols/registry.js';
import { UserError } from './errors.js';
import { readInputText } from './input-file.js';
import { EXIT_INTERRUPTED } from './interrupt.js';
import { startCluster, type ClusterBase, type RunningCluster } from './loadtest-cluster.js';
import { failedRun, machineInfo, runReport, writeLoadtestReport, type RunHead, type RunReport } from './loadtest-report.js';

/** The configurations, by the name `--configs` takes: each node's Byzantine mode. */
export const LOAD_CONFIGS: Readonly<Record<string, readonly ByzantineMode[]>> = Object.freeze({
  'f0': ['none'],
  'f1': ['none', 'none', 'none', 'none'],
  'f1-wrong-replies': ['none', 'none', 'none', 'wrong-replies'],
});

/** A request not accepted within this long counts as timed out (and fails a run's wallet setup). */
const REQUEST_TIMEOUT_MS = 60_000;
/**
 * The clusters' round (DiemBFT) and request (PBFT) timeout: 5 s at 10 ms a tick. A loaded machine
 * answers requests in seconds, and a shorter timeout would measure view changes rather than load.
 */
const ROUND_TIMEOUT_TICKS = 500;

interface LoadFlags {
  readonly duration?: string;
  readonly quick?: boolean;
  readonly clients: string;
  readonly wallets: string;
  readonly protocols?: string;
  readonly configs: string;
  readonly out: string;
  readonly clusterConfig?: string;
}

export interface LoadPlan {
  readonly durationS: number;
  readonly clients: number;
  readonly wallets: number;
  readonly protocols: readonly string[];
  readonly configs: readonly string[];
  readonly out: string;
  readonly base: ClusterBase;
}

export function register(program: Command): void {
  program.command('loadtest')
    .description('measure wallet throughput and latency on loopback clusters of each protocol and configuration')
    .option('--duration <seconds>', 'seconds of transfers per configuration (default 60, or 10 with --quick)')
    .option('--quick', 'run each configuration for 10 seconds')
    .option('--clients <n>', 'parallel closed-loop clients', '4')
    .option('--wallets <n>', 'wallets each client creates before the transfers', '100')
    .option('--protocols <list>', 'comma-separated protocols (default: every registered one)')
    .option('--configs <list>', `comma-separated configurations: ${Object.keys(LOAD_CONFIGS).join(', ')}`, Object.keys(LOAD_CONFIGS).join(','))
    .option('--out <dir>', 'report folder', 'reports/loadtest')
    .option('--cluster-config <file>', 'take chainSeed, crypto, tickMs, roundTimeoutTicks and maxFrameBytes from this cluster config')
    .action(async (flags: LoadFlags) => {
      process.exitCode = await loadtestCommand(loadPlan(flags), ['twins', ...process.argv.slice(2)].join(' '));
    });
}

function integerFlag(name: string, text: string, min: number, max: number): number {
  const v = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new UserError(null, null, `--${name} must be an integer from ${min} to ${max}, got '${text}'`);
  }
  return v;
}

function listFlag(name: string, text: string, known: readonly string[]): string[] {
  const items = text.split(',').map((s) => s.trim());
  for (const item of items) {
    if (!known.includes(item)) throw new UserError(null, null, `--${name}: unknown '${item}'; known: ${known.join(', ')}`);
  }
  if (new Set(items).size !== items.length) throw new UserError(null, null, `--${name} names an entry twice: '${text}'`);
  return items;
}

/** The plan the flags describe; a UserError names the first bad flag. Reads only the cluster config. */
export function loadPlan(flags: LoadFlags): LoadPlan {
  const durationS = flags.duration !== undefined ? integerFlag('duration', flags.duration, 1, 3600) : flags.quick === true ? 10 : 60;
  const base: ClusterBase = { chainSeed: 'twins-loadtest', crypto: 'mock', tickMs: 10, roundTimeoutTicks: ROUND_TIMEOUT_TICKS, maxFrameBytes: 4194304 };
  let fromFile = base;
  if (flags.clusterConfig !== undefined) {
    const c = loadClusterConfig(flags.clusterConfig, readInputText(flags.clusterConfig, 'cluster config'));
    fromFile = { chainSeed: c.chainSeed, crypto: c.crypto, tickMs: c.tickMs, roundTimeoutTicks: c.roundTimeoutTicks, maxFrameBytes: c.maxFrameBytes };
  }
  return {
    durationS,
    clients: integerFlag('clients', flags.clients, 1, 64),
    wallets: integerFlag('wallets', flags.wallets, 2, 10_000),
    protocols: listFlag('protocols', flags.protocols ?? protocolNames().join(','), protocolNames()),
    configs: listFlag('configs', flags.configs, Object.keys(LOAD_CONFIGS)),
    out: resolve(flags.out),
    base: fromFile,
  };
}

/**
 * A ledger line without its `round`: what nodes must agree on. A PBFT entry's round is the view in
 * which that node committed it, and after a view change two correct nodes may commit the same batch
 * in different views; a DiemBFT block id already covers its round.
 */
export function agreed(line: string): string {
  const { round: _round, ...entry } = JSON.parse(line) as Record<string, unknown>;
  return JSON.stringify(entry);
}

/**
 * What the nodes' files show after a run: whether the honest nodes' ledgers agree on their common
 * prefix (lines compared by `agreed`), its length, and how many lies the Byzantine nodes logged (`byzantine-reply` events).
 */
function nodeFilesCheck(dataDir: string, modes: readonly ByzantineMode[]): { agree: boolean; commonHeight: number; liesSent: number } {
  const file = (i: number, name: string): string => join(dataDir, `node-${i}`, name);
  const ledgers = modes.flatMap((m, i) => (m === 'none' ? [readLines(file(i, 'ledger.jsonl')).map(agreed)] : []));
  const commonHeight = Math.min(...ledgers.map((l) => l.length));
  const agree = ledgers.every((l) => l.slice(0, commonHeight).join('\n') === ledgers[0]!.slice(0, commonHeight).join('\n'));
  const liesSent = modes.reduce((sum, m, i) => sum + (m === 'none' ? 0
    : readLines(file(i, 'events.jsonl')).filter((l) => l.includes('"event":"byzantine-reply"')).length), 0);
  return { agree, commonHeight, liesSent };
}

function headOf(protocol: string, configuration: string): RunHead {
  const modes = LOAD_CONFIGS[configuration]!;
  return { protocol, configuration, n: modes.length, f: Math.floor((modes.length - 1) / 3), byzantine: modes };
}

/** The cluster of the run in progress, which SIGINT and SIGTERM stop before the process exits. */
let running: RunningCluster | null = null;

function stopOnSignal(): () => void {
  const handler = (): void => {
    void (running?.stop() ?? Promise.resolve()).then(() => {
      process.stderr.write('loadtest interrupted: its cluster is stopped; no report written\n');
      process.exit(EXIT_INTERRUPTED);
    });
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => { process.removeListener('SIGINT', handler); process.removeListener('SIGTERM', handler); };
}

async function runOne(plan: LoadPlan, protocol: string, configuration: string): Promise<RunReport> {
  const head = headOf(protocol, configuration);
  const modes = head.byzantine as readonly ByzantineMode[];
  const cluster = await startCluster(protocol, modes, plan.base);
  running = cluster;
  let keep = false;
  try {
    const result = await runLoad({ nodes: cluster.nodes, publicKeys: cluster.publicKeys, accept: head.f + 1, clients: plan.clients,
      walletsPerClient: plan.wallets, durationMs: plan.durationS * 1000, requestTimeoutMs: REQUEST_TIMEOUT_MS, runName: `${protocol}-${configuration}` });
    const check = nodeFilesCheck(cluster.dataDir, modes);
    keep = !check.agree;
    if (keep) process.stderr.write(`${protocol} ${configuration}: the ledgers disagree; the nodes' files stay in ${cluster.dataDir}\n`);
    return runReport(head, result, check);
  } finally {
    running = null;
    await cluster.stop(keep);
  }
}

export async function loadtestCommand(plan: LoadPlan, command: string): Promise<number> {
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  const runs: RunReport[] = [];
  const release = stopOnSignal();
  for (const protocol of plan.protocols) {
    for (const configuration of plan.configs) {
      process.stdout.write(`${protocol} ${configuration}: running ${plan.durationS} s ...\n`);
      let r: RunReport;
      try {
        r = await runOne(plan, protocol, configuration);
      } catch (err) {
        const message = (err as Error).message;
        process.stderr.write(`error: ${protocol} ${configuration}: ${message}\n`);
        runs.push(failedRun(headOf(protocol, configuration), message));
        continue;
      }
      runs.push(r);
      process.stdout.write(`${protocol} ${configuration} (n=${r.n}, f=${r.f}): ${r.throughput} ops/s, latency p50 ${r.latencyMs.p50} ms, ` +
        `p95 ${r.latencyMs.p95} ms, p99 ${r.latencyMs.p99} ms; ${r.ok} ok, ${r.unexpected} unexpected, ${r.failed} timed out; ` +
        `ledgers ${r.ledgersAgree ? 'agree' : 'DISAGREE'}\n`);
    }
  }
  release();
  const settings = { durationS: plan.durationS, clients: plan.clients, walletsPerClient: plan.wallets, ...plan.base,
    requestTimeoutMs: REQUEST_TIMEOUT_MS, transport: 'loopback TCP, one process per node' };
  const [json, html] = writeLoadtestReport(plan.out, { command, startedAt, finishedAt: new Date().toISOString(), machine, settings, runs });
  process.stdout.write(`wrote ${json} and ${html}\n`);
  const bad = runs.filter((r) => r.error !== undefined || r.unexpected > 0 || !r.ledgersAgree);
  if (bad.length === 0) return 0;
  process.stderr.write(`error: ${bad.map((r) => `${r.protocol} ${r.configuration}`).join(', ')}: failed, unexpected results or disagreeing ledgers\n`);
  return 1;
}
