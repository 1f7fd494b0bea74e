// The journal of a run in progress (reports/.<run>.partial/journal): a header naming the run by the
// fingerprint of its config, then one JSON line per finished batch of a case (schemas/journal.schema.json).
// `--resume` trusts nothing in it: every line passes the schema and the rules between lines (cases in
// order, indices inside the case's range and increasing, counts that fit the indices, finding lines
// and bytes that grow with the counts and exist in findings.jsonl, finding groups that add up to the
// batch's findings), so an edited or forged journal is
// refused with the line and field instead of producing a wrong summary or an endless loop.
import { statSync } from 'node:fs';
import type { Verdict } from '../exec/report-types.js';
import { UserError } from './errors.js';
import { readLines } from './lines.js';
import { parseJson } from '../scenario/json-syntax.js';
import { assertSchema } from '../scenario/schema-errors.js';
import { journalBatchValidator, journalHeaderValidator } from '../scenario/schemas.js';

/** Findings by verdict. */
export interface VerdictCounts {
  readonly safety: number;
  readonly liveness: number;
  readonly crash: number;
}

/** Where a finding is in findings.jsonl: its line number and the byte its line starts at. */
export type FindingAt = readonly [number, number];

/** Findings of one batch in one finding group (finding-groups.ts): the batch's case, a verdict, an oracle, a shape. */
export interface JournalGroup {
  /** One of safety-violation, liveness-violation, crash (the schema allows no other). */
  readonly verdict: Verdict;
  readonly oracle: string;
  readonly shape: string;
  /** The batch's findings in the group. */
  readonly count: number;
  /** Where the batch's first finding in the group is. */
  readonly at: FindingAt;
}

/** One journal line after the header. */
export interface Batch extends VerdictCounts {
  readonly case: number;
  /** Index of the batch's last scenario. */
  readonly last: number;
  /** Scenarios the batch finished. */
  readonly count: number;
  /** The batch's first finding of each verdict. */
  readonly first: Readonly<Record<string, FindingAt>>;
  /** The groups of the batch's findings in order of first appearance; absent when it has none. */
  readonly groups?: readonly JournalGroup[];
  /** Lines and bytes of findings.jsonl after the batch. */
  readonly lines: number;
  readonly bytes: number;
}

/** The scenario indices [from, to) a run covers of one case. */
export interface CaseRange {
  readonly from: number;
  readonly to: number;
}

export function headerLine(fingerprint: string): string {
  return JSON.stringify({ journal: 1, fingerprint }) + '\n';
}

export function batchLine(b: Batch): string {
  return JSON.stringify({ case: b.case, last: b.last, count: b.count, safety: b.safety, liveness: b.liveness,
    crash: b.crash, first: b.first, ...(b.groups?.length ? { groups: b.groups } : {}), lines: b.lines, bytes: b.bytes }) + '\n';
}

/** The fingerprint of the journal's run, or null when there is no journal or its header is not one. */
export function readFingerprint(path: string): string | null {
  try {
    if (!statSync(path).isFile()) return null;
    for (const { line } of readLines(path)) {
      const value = JSON.parse(line) as unknown;
      return journalHeaderValidator()(value) ? (value as { fingerprint: string }).fingerprint : null;
    }
  } catch {
    return null;
  }
  return null;
}

/**
 * The whole batches of a journal, checked against `ranges` (per case) and the size of findings.jsonl,
 * the line number of each, and the byte length of the journal they span. A last line without its
 * newline was torn by a kill and is dropped; any other bad line is a UserError.
 */
export function readBatches(path: string, ranges: readonly CaseRange[], findingsSize: number): { batches: Batch[]; lineNos: number[]; bytes: number } {
  const size = statSync(path).size;
  const batches: Batch[] = [];
  const lineNos: number[] = [];
  const lastOf = new Map<number, number>();
  let bytes = 0;
  let prev: Batch = { case: 0, last: -1, count: 0, safety: 0, liveness: 0, crash: 0, first: {}, lines: 0, bytes: 0 };
  for (const { line, lineNo } of readLines(path)) {
    const end = bytes + Buffer.byteLength(line) + 1;
    if (end > size) break;
    bytes = end;
    if (lineNo === 1) continue;
    const where = `${path}:${lineNo}`;
    const value = parseJson(line, path, lineNo);
    assertSchema(journalBatchValidator(), value, where);
    const b = value as Batch;
    checkBatch(b, prev, lastOf, ranges, findingsSize, where);
    lastOf.set(b.case, b.last);
    batches.push(b);
    lineNos.push(lineNo);
    prev = b;
  }
  return { batches, lineNos, bytes };
}

function checkBatch(b: Batch, prev: Batch, lastOf: ReadonlyMap<number, number>, ranges: readonly CaseRange[],
  findingsSize: number, where: string): void {
  const fail = (path: string, detail: string): never => {
    throw new UserError(where, path, `${detail}; the journal does not describe this run (remove the folder or run without --resume)`);
  };
  const range = ranges[b.case];
  if (range === undefined) fail('$.case', `case ${b.case} does not exist; the run has ${ranges.length} case(s)`);
  if (b.case < prev.case) fail('$.case', `case ${b.case} after case ${prev.case}; cases run in order`);
  const before = lastOf.get(b.case) ?? range!.from - 1;
  if (b.last <= before || b.last >= range!.to) {
    fail('$.last', `index ${b.last} is outside ${before + 1}..${range!.to - 1}, the scenarios case ${b.case} has left`);
  }
  if (b.count > b.last - before) fail('$.count', `${b.count} scenarios cannot end at index ${b.last} after index ${before}`);
  const newLines = b.lines - prev.lines;
  if (newLines < 0 || newLines > b.count) fail('$.lines', `${b.lines} finding lines after ${prev.lines} for ${b.count} scenarios`);
  const newBytes = b.bytes - prev.bytes;
  if (newBytes < 2 * newLines || (newLines === 0 && newBytes !== 0)) fail('$.bytes', `${newBytes} bytes cannot hold ${newLines} finding lines`);
  if (b.bytes > findingsSize) fail('$.bytes', `${b.bytes} bytes of findings, but findings.jsonl holds ${findingsSize}`);
  if (b.safety + b.liveness + b.crash !== newLines) {
    fail('$.safety', `${b.safety} + ${b.liveness} + ${b.crash} findings by verdict, but ${newLines} finding lines`);
  }
  const counted: Record<string, number> = { 'safety-violation': b.safety, 'liveness-violation': b.liveness, crash: b.crash };
  for (const [verdict, n] of Object.entries(counted)) {
    const at = b.first[verdict];
    if ((at === undefined) !== (n === 0)) fail(`$.first`, `${n} '${verdict}' findings but ${at === undefined ? 'no' : 'a'} first one`);
    if (at !== undefined && (at[0] <= prev.lines || at[0] > b.lines || at[1] < prev.bytes || at[1] >= b.bytes)) {
      fail(`$.first["${verdict}"]`, `[${at.join(', ')}] is not a finding of this batch`);
    }
  }
  checkGroups(b, prev, counted, fail);
}

/**
 * The batch's groups hold each of its findings once, in order of first appearance: their counts add
 * up to the findings of each verdict, their first findings are the batch's, in increasing order, and
 * the first group of a verdict starts where the batch's first finding of that verdict is.
 */
function checkGroups(b: Batch, prev: Batch, counted: Readonly<Record<string, number>>, fail: (path: string, detail: string) => never): void {
  const groups = b.groups ?? [];
  const seen = new Set<string>();
  const byVerdict: Record<string, number> = {};
  let after: FindingAt = [prev.lines, prev.bytes - 1];
  groups.forEach((g, k) => {
    const id = JSON.stringify([g.verdict, g.oracle, g.shape]);
    if (seen.has(id)) fail(`$.groups[${k}]`, 'repeats a group of this batch');
    seen.add(id);
    if (g.at[0] <= after[0] || g.at[0] > b.lines || g.at[1] <= after[1] || g.at[1] >= b.bytes) {
      fail(`$.groups[${k}].at`, `[${g.at.join(', ')}] is not a finding of this batch after the groups before it`);
    }
    after = g.at;
    if (byVerdict[g.verdict] === undefined && (b.first[g.verdict]?.[0] !== g.at[0] || b.first[g.verdict]?.[1] !== g.at[1])) {
      fail(`$.groups[${k}].at`, `the first '${g.verdict}' group does not start at the batch's first '${g.verdict}' finding`);
    }
    byVerdict[g.verdict] = (byVerdict[g.verdict] ?? 0) + g.count;
  });
  for (const [verdict, n] of Object.entries(counted)) {
    if ((byVerdict[verdict] ?? 0) !== n) fail('$.groups', `${byVerdict[verdict] ?? 0} '${verdict}' findings in groups, but ${n} by verdict`);
  }
}
