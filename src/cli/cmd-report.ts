// `twins report <finding-or-scenario>`: re-runs one scenario with a full trace and writes the same
// self-contained HTML page `exec` writes, for that one scenario.
import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { CaseAccumulator, totalsOf } from '../exec/case-result.js';
import type { Finding, Summary } from '../exec/report-types.js';
import { renderHtmlReport } from '../exec/report/index.js';
import { runScenario } from '../exec/run-scenario.js';
import { scenarioId } from '../scenario/canonical.js';
import { UserError } from './errors.js';
import { resolveReplayTarget, withTargetOptions, type ReplayFlags } from './replay-target.js';
import { makeDirs, removeDirs, removeQuietly, removeStaleTemps, tempPathOf } from './safe-path.js';

interface Flags extends ReplayFlags {
  readonly out?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

export function register(program: Command): void {
  withTargetOptions(program.command('report').description('re-run one scenario and write its HTML timeline page'), 'report')
    .option('--out <file>', 'the page to write (default reports/scenario-<id>/index.html)')
    .option('--json', 'print the target, verdict, violations and page path as JSON on stdout')
    .option('--quiet', 'no progress output (the command has none; accepted as on every command)')
    .action((target: string, flags: Flags) => {
      process.exitCode = reportCommand(target, flags);
    });
}

export function reportCommand(target: string, flags: Flags): number {
  const t = resolveReplayTarget(target, flags);
  const id = scenarioId(t.scenario);
  const out = flags.out ?? join('reports', `scenario-${id}`, 'index.html');
  const result = runScenario(t.scenario, t.options, { trace: true });
  const replay = `npx twins replay ${target}${flags.bugs !== undefined ? ` --bugs ${flags.bugs}` : ''}`;
  const acc = new CaseAccumulator({ name: t.scenario.name ?? 'scenario', expect: 'pass', bugs: t.options.bugs,
    options: { ...t.options } }, replay);
  const finding = acc.add(0, id, t.scenario, result, () => replay);
  const cases = [acc.finish()];
  const summary: Summary = {
    schemaVersion: 1, name: `scenario-${id}`, config: t.label, options: { ...t.options }, cases,
    totals: totalsOf(cases), ok: result.verdict === 'pass', meta: { node: process.version },
  };
  // A passing scenario still gets its timeline: that is what the page is asked for.
  const shown: Finding = finding ?? { case: cases[0]!.name, scenarioIndex: 0, scenarioId: id, verdict: 'pass',
    violations: [], bugs: t.options.bugs, options: { ...t.options }, scenario: t.scenario, replay };
  writeAtomically(out, renderHtmlReport({ summary, findings: [{ finding: shown, trace: result.trace ?? [] }] }));
  process.stdout.write(flags.json === true
    ? JSON.stringify({ target: t.label, verdict: result.verdict, violations: result.violations, report: out }, null, 2) + '\n'
    : `${t.label}: ${result.verdict}${result.violations[0] ? ` (${result.violations[0].oracle})` : ''}\nreport: ${out}\n`);
  return 0;
}

function writeAtomically(file: string, content: string): void {
  const tmp = tempPathOf(file);
  let created: string[] = [];
  try {
    created = makeDirs(dirname(file));
    removeStaleTemps(file);
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    // Nothing of a failed write stays behind: not the temporary file, not the folders made for it.
    removeQuietly(tmp);
    removeDirs(created);
    if (err instanceof UserError) throw err;
    throw new UserError(file, null, `cannot write the report (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
