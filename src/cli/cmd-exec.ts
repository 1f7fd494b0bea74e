// `twins exec <config>` (DESIGN §7): runs every case of an executor config, prints one line per case
// and a summary, and writes reports/<name>/ (summary.json, findings.jsonl, index.html, junit.xml).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { diemProtocol } from '../core/diem-protocol.js';
import { CaseAccumulator, exitCodeOf, totalsOf } from '../exec/case-result.js';
import type { CaseResult, Finding, Summary } from '../exec/report-types.js';
import { runScenario } from '../exec/run-scenario.js';
import { renderHtmlReport, renderJunit } from '../exec/report/index.js';
import { scenarioId } from '../scenario/canonical.js';
import { parseExecutorConfig, resolveCaseOptions, type ExecutorConfig } from '../scenario/executor-config.js';
import { UserError } from './errors.js';
import { ReportDir } from './report-dir.js';
import { sourceOf, type ScenarioSource } from './scenario-source.js';
import { createProgress } from './progress.js';

export interface ExecFlags {
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly reports?: string;
}

/** Findings drawn in the HTML report (each is re-run with a full trace). */
const HTML_FINDINGS = 20;

export function register(program: Command): void {
  program.command('exec')
    .description('run every case of an executor config and check safety and liveness')
    .argument('<config>', 'executor config (.json)')
    .option('--json', 'print the summary as JSON to stdout and nothing else there')
    .option('--quiet', 'no progress output')
    .option('--reports <dir>', 'directory that receives reports/<name>/', 'reports')
    .action((config: string, flags: ExecFlags) => {
      process.exitCode = execCommand(config, flags);
    });
}

export function loadExecutorConfig(file: string): ExecutorConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(file, null, `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseExecutorConfig(text, file, diemProtocol.bugNames);
}

export function execCommand(configFile: string, flags: ExecFlags): number {
  const config = loadExecutorConfig(configFile);
  const sources = config.cases.map((c, i) => sourceOf(c, configFile, `$.cases[${i}]`));
  for (const s of sources) s.validate();
  const out = flags.json ? process.stderr : process.stdout;
  const report = new ReportDir(flags.reports ?? 'reports', config.name);
  try {
    const started = performance.now();
    const drawn: Finding[] = [];
    const cases = config.cases.map((c, i) => runCase(config, configFile, c, sources[i]!, report, drawn, flags, out));
    const summary = buildSummary(config, configFile, cases, { durationMs: Math.round(performance.now() - started) });
    writeReport(report, summary, drawn);
    report.commit();
    const t = summary.totals;
    out.write(`${t.cases} cases, ${t.casesOk} as expected, ${t.cases - t.casesOk} not; ${t.total} scenarios: ` +
      `${t.pass} pass, ${t.safety} safety, ${t.liveness} liveness, ${t.crash} crash\nreport: ${report.finalDir}/\n`);
    if (flags.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    return exitCodeOf(cases);
  } catch (err) {
    report.abort();
    throw err;
  }
}

function runCase(config: ExecutorConfig, configFile: string, c: ExecutorConfig['cases'][number], source: ScenarioSource,
  report: ReportDir, drawn: Finding[], flags: ExecFlags, out: NodeJS.WritableStream): CaseResult {
  const options = resolveCaseOptions(config, c);
  const spec = { name: c.name, expect: c.expect, bugs: options.bugs, options: { ...options } };
  const acc = new CaseAccumulator(spec, `npx twins replay ${configFile} --case ${c.name}`);
  const progress = createProgress({ label: `exec ${c.name}`, quiet: flags.quiet === true, stream: process.stderr });
  for (const { index, scenario } of source.scenarios()) {
    const result = runScenario(scenario, options);
    const replay = (): string => `npx twins replay ${report.findingsPath}:${report.nextFindingLine()}`;
    const finding = acc.add(index, scenarioId(scenario), scenario, result, replay);
    if (finding !== null) {
      report.appendFinding(finding);
      if (drawn.length < HTML_FINDINGS) drawn.push(finding);
    }
    progress.tick();
  }
  progress.done();
  const r = acc.finish();
  out.write(caseLine(r));
  return r;
}

export function caseLine(r: CaseResult): string {
  const head = `${r.ok ? 'PASS' : 'FAIL'}  ${r.name}: expected ${r.expect}, got ${r.verdict} ` +
    `(${r.scenarios.total} scenario${r.scenarios.total === 1 ? '' : 's'}`;
  const counts = r.scenarios.total > 1
    ? `: ${r.scenarios.pass} pass, ${r.scenarios.safety} safety, ${r.scenarios.liveness} liveness, ${r.scenarios.crash} crash)`
    : ')';
  const v = r.firstViolation;
  const first = v === null ? '' : `\n      ${v.oracle} in round ${v.round} at tick ${v.tick}` +
    `${v.replicas.length > 0 ? ` [${v.replicas.join(', ')}]` : ''}: ${v.detail}`;
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

function writeReport(report: ReportDir, summary: Summary, drawn: readonly Finding[]): void {
  report.write('summary.json', JSON.stringify(summary, null, 2) + '\n');
  const traced = drawn.map((finding) => {
    const rerun = runScenario(finding.scenario as Parameters<typeof runScenario>[0],
      finding.options as Parameters<typeof runScenario>[1], { trace: true });
    return { finding, trace: [...(rerun.trace ?? [])] };
  });
  report.write('index.html', renderHtmlReport({ summary, findings: traced }));
  report.write('junit.xml', renderJunit(summary, [...drawn]));
}
