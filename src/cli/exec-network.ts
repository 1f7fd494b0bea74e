// `twins exec --network <config>` (docs/network.md, "Network Twins"): runs every scenario of every
// case of an executor config on real processes, sockets and time (src/net/net-twins-run.ts; one
// process per replica, ./twin-replica.ts), judges each from its replicas' logs with the simulator's
// oracles, prints the simulator's case lines and summary, and writes reports/<name>-network/:
// summary.json, findings.jsonl and, under nodes/, the identities' node keys and each replica's event
// log, ledger and Store per case and scenario. Scenarios run one after another: each one occupies
// its own processes, loopback ports and real time. SIGINT and SIGTERM kill the replica processes,
// wait until they are gone, and exit 130 or 143.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CaseAccumulator, exitCodeOf } from '../exec/case-result.js';
import type { CaseResult, Finding } from '../exec/report-types.js';
import { resolveCaseOptions, type ExecutorConfig } from '../scenario/executor-config.js';
import { scenarioId } from '../scenario/canonical.js';
import type { Scenario } from '../scenario/types.js';
import { networkUnsupported, ReplicaProcesses, runNetworkScenario } from '../net/net-twins-run.js';
import type { ExecFlags } from './cmd-exec.js';
import { UserError } from './errors.js';
import { EXIT_INTERRUPTED } from './interrupt.js';
import { buildSummary, caseLine, caseWords, loadExecutorConfig, withBugs } from './exec-run.js';
import { assertInside } from './safe-path.js';
import { sourceOf, type ScenarioSource } from './scenario-source.js';
import { plural } from './words.js';

/** The replica processes' entry. */
const REPLICA_ENTRY = fileURLToPath(new URL('./twin-replica.js', import.meta.url));

/** Exit status of a run stopped by SIGTERM (128 + 15). */
const EXIT_TERMINATED = 143;

/** The most scenarios a case may have in a network run. */
const MAX_SCENARIOS = 1000;

/** Milliseconds of real time per tick unless `--tick-ms` says otherwise. */
export const DEFAULT_NETWORK_TICK_MS = 20;

export function tickMsOf(flag: string | number | undefined): number {
  if (flag === undefined) return DEFAULT_NETWORK_TICK_MS;
  const n = Number(flag);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UserError(null, '--tick-ms', `must be an integer 1..1000, got '${flag}'`);
  return n;
}

/** The flags that mean nothing for a network run, refused before anything runs. */
function checkFlags(flags: ExecFlags): void {
  const refused = [
    ['--shard', flags.shard, 'scenarios run one after another'],
    ['--resume', flags.resume, 'a network run is not journalled'],
    ['--ledgers', flags.ledgers, 'each replica writes its own ledger under nodes/'],
    ['--workers', flags.workers, 'scenarios run one after another'],
  ] as const;
  for (const [flag, set, why] of refused) {
    if (set !== undefined && set !== false) throw new UserError(null, flag, `is not available with --network (${why})`);
  }
}

interface CaseRun { readonly scenarios: { index: number; scenario: Scenario }[] }

/** Every case's scenarios, read and checked up front: a scenario network Twins cannot run is refused before any runs. */
function collect(config: ExecutorConfig, configFile: string): CaseRun[] {
  return config.cases.map((c, i) => {
    const source: ScenarioSource = sourceOf(c, configFile, `$.cases[${i}]`);
    source.validate();
    if (source.count() > MAX_SCENARIOS) {
      throw new UserError(configFile, `$.cases[${i}]`, `has ${source.count()} scenarios; network Twins runs at most ` +
        `${MAX_SCENARIOS} per case (each takes seconds of real time)`);
    }
    const scenarios = [...source.scenarios()];
    for (const { index, scenario } of scenarios) {
      const why = networkUnsupported(scenario);
      if (why === null) continue;
      const file = source.file ?? configFile;
      const path = source.file === null ? `$.cases[${i}].scenario${why.path.slice(1)}`
        : source.jsonl !== undefined ? `scenario ${index} ${why.path}` : why.path;
      throw new UserError(file, path, why.message);
    }
    return { scenarios };
  });
}

/** Until the returned function is called, SIGINT and SIGTERM kill every replica process, then exit 130 or 143. */
function stopOnSignal(processes: ReplicaProcesses): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\n${signal}: stopping the replica processes; the network run is not complete\n`);
    void processes.killAll().then(() => process.exit(signal === 'SIGINT' ? EXIT_INTERRUPTED : EXIT_TERMINATED));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => { process.removeListener('SIGINT', handler); process.removeListener('SIGTERM', handler); };
}

export async function runNetworkExec(configFile: string, flags: ExecFlags): Promise<number> {
  checkFlags(flags);
  const tickMs = tickMsOf(flags.tickMs);
  const config = withBugs(loadExecutorConfig(configFile), flags.bugs);
  const runs = collect(config, configFile);
  const out = flags.silent || flags.json ? null : process.stdout;
  const reports = resolve(flags.reports ?? 'reports');
  const dir = join(reports, `${config.name}-network`);
  assertInside(reports, dir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const findingsFile = join(dir, 'findings.jsonl');
  const findings: Finding[] = [];
  const started = performance.now();
  const cases: CaseResult[] = [];
  const processes = new ReplicaProcesses(REPLICA_ENTRY);
  const release = stopOnSignal(processes);
  try {
    for (const [i, c] of config.cases.entries()) {
      const options = resolveCaseOptions(config, c);
      const acc = new CaseAccumulator({ name: c.name, expect: c.expect, bugs: options.bugs, options: { ...options } },
        `npx twins exec --network ${configFile}`);
      for (const { index, scenario } of runs[i]!.scenarios) {
        const nodes = join(dir, 'nodes', `case-${i}`, String(index));
        if (flags.quiet !== true && out !== null) process.stderr.write(`${c.name} #${index}: running on loopback, one process per replica ... `);
        const r = await runNetworkScenario(scenario, options, { dir: nodes, tickMs, keysDir: join(dir, 'nodes', 'keys'), processes });
        if (flags.quiet !== true && out !== null) process.stderr.write(`${r.verdict} (${r.durationMs} ms)\n`);
        const timeoutMs = (scenario.roundTimeoutTicks ?? options.roundTimeoutTicks) * tickMs;
        if (r.run.maxStallMs > timeoutMs && !flags.silent) {
          process.stderr.write(`warning: ${c.name} #${index}: a replica process stalled for ${r.run.maxStallMs} ms, longer than a ` +
            `round timeout (${timeoutMs} ms): its timing-dependent results may differ from a run on an idle machine\n`);
        }
        const finding = acc.add(index, scenarioId(scenario), scenario,
          { verdict: r.verdict, violations: r.violations, ticks: r.run.endTick, ...(r.error === undefined ? {} : { error: r.error }) },
          () => `npx twins replay ${findingsFile}:${findings.length + 1} (simulated; the nodes' logs: ${nodes})`);
        if (finding !== null) findings.push(finding);
      }
      const result = acc.finish();
      cases.push(result);
      out?.write(caseLine(result, caseWords(config, c.name)));
    }
  } finally {
    release();
  }
  const summary = buildSummary(config, configFile, cases, {
    durationMs: Math.round(performance.now() - started), network: { tickMs, transport: 'tcp-loopback', replicas: 'one process each' },
  });
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  writeFileSync(findingsFile, findings.map((f) => JSON.stringify(f) + '\n').join(''));
  const t = summary.totals;
  out?.write(`${plural(t.cases, 'case')}, ${t.casesOk} as expected, ${t.cases - t.casesOk} not; ${plural(t.total, 'scenario')}: ` +
    `${t.pass} pass, ${t.safety} safety, ${t.liveness} liveness, ${t.crash} crash (network: real time, ${tickMs} ms a tick)\n` +
    `report: ${dir}/\n`);
  if (flags.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  return exitCodeOf(cases);
}
