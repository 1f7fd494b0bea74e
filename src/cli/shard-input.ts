// The shard reports `twins merge` reads: each folder's summary.json and findings.jsonl pass the report
// schema, the name that becomes the merged folder's name is a safe path component, and the counts must
// agree with the findings (every scenario that did not pass has its line), so a forged or damaged shard
// is refused with the file, line and JSON path instead of merging into a wrong report.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, Summary } from '../exec/report-types.js';
import { parseFindingLine, parseSummaryText } from './finding-input.js';
import { UserError } from './errors.js';
import { assertRegularFile, readInputText } from './input-file.js';
import { readLines } from './lines.js';
import { checkPathName } from './safe-path.js';

export interface ShardReport {
  readonly dir: string;
  readonly summary: Summary;
  readonly findings: Finding[];
}

export function loadShard(dir: string): ShardReport {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(dir, null, 'not a report directory: no such folder');
  const summaryFile = join(dir, 'summary.json');
  if (!existsSync(summaryFile)) throw new UserError(dir, null, 'not a report directory: no summary.json');
  const summary = parseSummaryText(readInputText(summaryFile, 'summary'), summaryFile);
  checkPathName(summary.name, summaryFile, '$.name');
  checkCounts(summary, summaryFile);
  checkShardMeta(summary.meta['shard'], summaryFile);
  const findingsFile = join(dir, 'findings.jsonl');
  const findings: Finding[] = [];
  if (existsSync(findingsFile)) {
    assertRegularFile(findingsFile, 'findings file');
    for (const { line, lineNo } of readLines(findingsFile)) {
      if (line.trim() === '') continue;
      findings.push(parseFindingLine(line, findingsFile, lineNo));
    }
  }
  checkFindings(summary, findings, findingsFile);
  return { dir, summary, findings };
}

/** Each case's counts add up, and so do the totals. */
function checkCounts(s: Summary, file: string): void {
  const sum = { total: 0, pass: 0, safety: 0, liveness: 0, crash: 0 };
  s.cases.forEach((c, i) => {
    const n = c.scenarios;
    if (n.pass + n.safety + n.liveness + n.crash !== n.total) {
      throw new UserError(file, `$.cases[${i}].scenarios.total`, `is ${n.total}, but pass, safety, liveness and crash add up to ` +
        `${n.pass + n.safety + n.liveness + n.crash}`);
    }
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += n[k];
  });
  for (const k of Object.keys(sum) as (keyof typeof sum)[]) {
    if (s.totals[k] !== sum[k]) throw new UserError(file, `$.totals.${k}`, `is ${s.totals[k]}, but the cases add up to ${sum[k]}`);
  }
  if (s.totals.cases !== s.cases.length) throw new UserError(file, '$.totals.cases', `is ${s.totals.cases}, but there are ${s.cases.length} cases`);
}

/** Every finding names a case of the summary, once per scenario, and each case has one per non-passing scenario. */
function checkFindings(s: Summary, findings: readonly Finding[], file: string): void {
  const seen = new Set<string>();
  const perCase = new Map<string, number>();
  findings.forEach((f, i) => {
    if (!s.cases.some((c) => c.name === f.case)) {
      throw new UserError(`${file}:${i + 1}`, '$.case', `names case '${f.case}', which the summary does not have`);
    }
    const key = `${f.case}\n${f.scenarioIndex}`;
    if (seen.has(key)) throw new UserError(`${file}:${i + 1}`, '$.scenarioIndex', `scenario ${f.scenarioIndex} of case '${f.case}' is given twice`);
    seen.add(key);
    perCase.set(f.case, (perCase.get(f.case) ?? 0) + 1);
  });
  s.cases.forEach((c, i) => {
    const want = c.scenarios.total - c.scenarios.pass;
    const got = perCase.get(c.name) ?? 0;
    if (got !== want) {
      throw new UserError(join(file, '..', 'summary.json'), `$.cases[${i}].scenarios`,
        `${want} scenarios did not pass, but findings.jsonl holds ${got} findings of case '${c.name}'`);
    }
  });
}

/** `meta.shard`, when present, is {index, count} with 1 <= index <= count. */
function checkShardMeta(shard: unknown, file: string): void {
  if (shard === undefined) return;
  const v = shard as { index?: unknown; count?: unknown };
  const ok = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 1;
  if (typeof shard !== 'object' || shard === null || !ok(v.count) || !ok(v.index) || v.index > v.count) {
    throw new UserError(file, '$.meta.shard', 'must be {"index": i, "count": N} with 1 <= i <= N');
  }
}
