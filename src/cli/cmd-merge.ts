// `twins merge <shard-report> ...`: joins the reports of `exec --shard i/N` runs into one report
// identical (apart from `meta`) to an unsharded run's: findings in scenario order, counts added up,
// and each case's first violation chosen exactly as a single run chooses it.
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { CaseAccumulator, exitCodeOf, totalsOf } from '../exec/case-result.js';
import type { CaseResult, Finding, Summary } from '../exec/report-types.js';
import { writeReport } from './exec-report.js';
import { FindingGroups } from '../exec/finding-groups.js';
import { UserError } from './errors.js';
import { ReportDir } from './report-dir.js';
import { plural } from './words.js';
import { loadShard, type ShardReport } from './shard-input.js';

export function register(program: Command): void {
  program.command('merge')
    .description('join shard reports (exec --shard i/N) into one report')
    .argument('<reports...>', 'shard report directories, e.g. reports/name.shard-1-of-2')
    .option('--reports <dir>', 'directory that receives the merged <name>/ (default: beside the first shard)')
    .option('--json', 'print the merged summary as JSON on stdout and nothing else there')
    .option('--quiet', 'no progress output (the command has none; accepted as on every command)')
    .action((dirs: string[], flags: { reports?: string; json?: boolean }) => {
      process.exitCode = mergeCommand(dirs, flags.reports, flags.json === true);
    });
}

export function mergeCommand(dirs: readonly string[], root?: string, json = false): number {
  const shards = dirs.map(loadShard);
  checkCompatible(shards);
  const first = shards[0]!.summary;
  const report = new ReportDir(root ?? dirname(shards[0]!.dir), first.name);
  const findingsPath = join(report.finalDir, 'findings.jsonl');
  const ordered = shards.flatMap((s) => s.findings).sort((a, b) =>
    caseOrder(first, a.case) - caseOrder(first, b.case) || a.scenarioIndex - b.scenarioIndex)
    .map((f, i) => ({ ...f, replay: `npx twins replay ${findingsPath}:${i + 1}` }));
  const cases = first.cases.map((c, ci) => mergeCase(c, shards.map((s) => s.summary.cases[ci]!), ordered));
  report.record(ordered.map((f) => ({ caseIndex: caseOrder(first, f.case), scenarioIndex: f.scenarioIndex, finding: f })));
  const summary: Summary = {
    ...first, cases, totals: totalsOf(cases), ok: cases.every((c) => c.ok),
    meta: { mergedFrom: shards.map((s) => basename(s.dir)), node: process.version },
  };
  writeReport(report, summary, FindingGroups.of(ordered));
  report.commit();
  const t = summary.totals;
  (json ? process.stderr : process.stdout).write(`merged ${plural(shards.length, 'shard')}: ${plural(t.cases, 'case')}, ` +
    `${t.casesOk} as expected; ${plural(t.total, 'scenario')}: ` +
    `${t.pass} pass, ${t.safety} safety, ${t.liveness} liveness, ${t.crash} crash\nreport: ${report.finalDir}/\n`);
  if (json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  return exitCodeOf(cases);
}

function mergeCase(c: CaseResult, parts: readonly CaseResult[], findings: readonly Finding[]): CaseResult {
  const noFinding = parts.find((p) => p.firstViolation === null)?.replay ?? c.replay;
  const acc = new CaseAccumulator({ name: c.name, expect: c.expect, bugs: c.bugs, options: {} }, noFinding);
  const passes = parts.reduce((n, p) => n + p.scenarios.pass, 0);
  acc.restorePasses(passes);
  for (const f of findings) if (f.case === c.name) acc.restore(f);
  return acc.finish();
}

function caseOrder(s: Summary, name: string): number {
  return s.cases.findIndex((c) => c.name === name);
}

/** Shards of one run: same config, options and cases, shard numbers 1..N each exactly once. */
function checkCompatible(shards: readonly ShardReport[]): void {
  const first = shards[0]!;
  const shape = (s: Summary): string => JSON.stringify([s.name, s.config, s.options,
    s.cases.map((c) => [c.name, c.expect, c.bugs])]);
  const seen = new Set<number>();
  let count: number | null = null;
  for (const s of shards) {
    if (shape(s.summary) !== shape(first.summary)) {
      throw new UserError(s.dir, null, `not a shard of the same run as ${first.dir} (config, options or cases differ)`);
    }
    const shard = s.summary.meta['shard'] as { index: number; count: number } | undefined;
    if (shard === undefined) throw new UserError(join(s.dir, 'summary.json'), '$.meta.shard', 'not a shard report');
    if (count !== null && shard.count !== count) {
      throw new UserError(join(s.dir, 'summary.json'), '$.meta.shard.count', `is ${shard.count}, other shards say ${count}`);
    }
    count = shard.count;
    if (seen.has(shard.index)) throw new UserError(s.dir, '$.meta.shard.index', `shard ${shard.index} given twice`);
    seen.add(shard.index);
  }
  const missing = Array.from({ length: count ?? 0 }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new UserError(null, null, `missing shard report(s) ${missing.map((i) => `${i}/${count}`).join(', ')}`);
}
