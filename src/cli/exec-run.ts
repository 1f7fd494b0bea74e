// The run of `twins exec <config>` (cmd-exec.ts parses the command line and starts the worker threads):
// reads the config, runs every case, prints one line per case and a summary, and writes the report.
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Piscina } from 'piscina';
import { bugNamesOf, protocolCatalog } from '../exec/catalog.js';
import { exitCodeOf, totalsOf } from '../exec/case-result.js';
import type { CaseResult, Summary } from '../exec/report-types.js';
import { parseExecutorConfig, resolveCaseOptions, type ExecutorConfig } from '../scenario/executor-config.js';
import { UserError } from './errors.js';
import type { ExecFlags } from './cmd-exec.js';
import { runCases } from './exec-engine.js';
import { readInputText } from './input-file.js';
import { ReportDir } from './report-dir.js';
import { parseShard, shardDirName, shardRange } from './shard.js';
import { judgeSlice, sliceLine } from './shard-judge.js';
import { onInterrupt, resumeCommand } from './interrupt.js';
import { parseBugList } from './bugs-flag.js';
import { plural, violationText } from './words.js';
import { DEFAULT_VOCABULARY, type Vocabulary } from '../kernel/vocabulary.js';
import { wordsOf } from '../exec/report/protocol-words.js';
import { DEFAULT_PROTOCOL } from '../protocols/registry.js';
import { sourceOf } from './scenario-source.js';
import { phaseEnd } from './phases.js';

export function loadExecutorConfig(file: string): ExecutorConfig {
  const text = readConfigText(file);
  return parseExecutorConfig(text, file, protocolCatalog);
}

function readConfigText(file: string): string {
  return readInputText(file);
}

export async function runExec(configFile: string, flags: ExecFlags, workers: number, pool: Piscina | null): Promise<number> {
  const config = withBugs(loadExecutorConfig(configFile), flags.bugs);
  const shard = flags.shard === undefined ? null : parseShard(flags.shard);
  const sources = config.cases.map((c, i) => sourceOf(c, configFile, `$.cases[${i}]`));
  for (const s of sources) s.validate();
  const ledgers = flags.ledgers === undefined ? null : await import('./exec-ledgers.js');
  if (ledgers !== null) ledgers.checkLedgerCaseNames(config, configFile);
  const out: NodeJS.WritableStream = flags.silent ? devNull() : flags.json ? process.stderr : process.stdout;
  const fingerprint = createHash('sha256').update(readConfigText(configFile)).update(JSON.stringify(shard))
    .update(flags.bugs === undefined ? '' : JSON.stringify(config.defaults.bugs)).digest('hex');
  const report = new ReportDir(flags.reports ?? 'reports', shardDirName(config.name, shard),
    { fingerprint, resume: flags.resume === true, ranges: sources.map((s) => shardRange(s.count(), shard)),
      caseNames: config.cases.map((c) => c.name) });
  if (flags.resume === true) {
    process.stderr.write(report.resumed
      ? `resuming: ${plural(report.recoveredScenarios, 'scenario')} already done\n`
      : 'nothing to resume for this config (no interrupted run found); starting from the beginning\n');
  }
  phaseEnd('config');
  const release = onInterrupt(() => `\ninterrupted: the finished scenarios are kept in ${report.finalDir}'s journal; ` +
    `${resumeCommand(configFile, flags)} continues the run\n`);
  try {
    const started = performance.now();
    // A shard judges only its slice; the case's expectation is judged by `twins merge`.
    const running = runCases(config, sources, report, {
      workers, shard, quiet: flags.quiet === true, configFile, pool,
      ...(flags.workerFile === undefined ? {} : { workerFile: flags.workerFile }),
      ...(flags.bugs === undefined ? {} : { replayFlags: ` --bugs ${config.defaults.bugs?.join(',') || "''"}` }),
      onCase: (r, range) => out.write(shard === null ? caseLine(r, caseWords(config, r.name))
        : sliceLine(judgeSlice(r), range, caseWords(config, r.name))),
    });
    // runCases has handed out the first batches; the report's modules load while they run.
    const reportModule = import('./exec-report.js');
    const { cases: run, groups } = await running;
    const { writeReport } = await reportModule;
    phaseEnd('run');
    const cases = shard === null ? run : run.map(judgeSlice);
    const summary = buildSummary(config, configFile, cases, {
      durationMs: Math.round(performance.now() - started), workers, ...(shard ? { shard } : {}),
    });
    if (ledgers !== null) ledgers.writeExecLedgers(flags.ledgers!, config, sources, shard);
    writeReport(report, summary, groups);
    report.commit();
    phaseEnd('report');
    const t = summary.totals;
    out.write(`${plural(t.cases, 'case')}, ${t.casesOk} as expected, ${t.cases - t.casesOk} not; ${plural(t.total, 'scenario')}: ` +
      `${t.pass} pass, ${t.safety} safety, ${t.liveness} liveness, ${t.crash} crash\nreport: ${report.finalDir}/\n`);
    if (flags.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    return exitCodeOf(cases);
  } catch (err) {
    if (err instanceof UserError) report.abort();
    throw err;
  } finally {
    release();
  }
}

/** The config with `--bugs` (when given) as the bugs of every case. */
export function withBugs(config: ExecutorConfig, flag: string | undefined): ExecutorConfig {
  if (flag === undefined) return config;
  // Each case's bugs are checked against its own protocol's catalogue.
  const bugsFor = (protocol: string | undefined): string[] => parseBugList(flag, bugNamesOf(protocol));
  return { ...config, defaults: { ...config.defaults, bugs: bugsFor(config.defaults.protocol) },
    cases: config.cases.map((c) => ({ ...c, bugs: bugsFor(c.protocol) })) };
}

function devNull(): NodeJS.WritableStream {
  return new Writable({ write: (_c, _e, done) => done() });
}

/**
 * The words case `name` is printed in: its protocol's, as the config names it (defaults or case) or
 * its inline scenario does; a case naming none runs (and reads) as the default protocol.
 */
export function caseWords(config: ExecutorConfig, name: string): Vocabulary {
  const c = config.cases.find((x) => x.name === name);
  if (c === undefined) return DEFAULT_VOCABULARY;
  return wordsOf(resolveCaseOptions(config, c).protocol ?? c.scenario?.protocol ?? DEFAULT_PROTOCOL).vocabulary;
}

export function caseLine(r: CaseResult, words: Vocabulary = DEFAULT_VOCABULARY): string {
  const head = `${r.ok ? 'PASS' : 'FAIL'}  ${r.name}: expected ${r.expect}, got ${r.verdict} ` +
    `(${r.scenarios.total} scenario${r.scenarios.total === 1 ? '' : 's'}`;
  const counts = r.scenarios.total > 1
    ? `: ${r.scenarios.pass} pass, ${r.scenarios.safety} safety, ${r.scenarios.liveness} liveness, ${r.scenarios.crash} crash)`
    : ')';
  const v = r.firstViolation;
  const first = v === null ? '' : `\n      ${violationText(v, words)}`;
  return `${head}${counts}${first}\n      replay: ${r.replay}\n`;
}

export function buildSummary(config: ExecutorConfig, configFile: string, cases: CaseResult[],
  meta: Record<string, unknown>): Summary {
  return {
    schemaVersion: 1, name: config.name, config: configFile,
    options: { ...config.defaults }, cases, totals: totalsOf(cases), ok: cases.every((c) => c.ok),
    meta: { ...meta, node: process.version },
  };
}
