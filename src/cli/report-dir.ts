// Writes a run's report directory (DESIGN §9, §11). Results accumulate in a partial directory next to
// the final one: findings.jsonl and a journal of every finished scenario are appended as the run
// goes, so `--resume` continues a killed run, and the directory is renamed into place only at the
// end, so a run that stops on bad input leaves no partial report where reports are read.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../exec/report-types.js';
import { UserError } from './errors.js';
import { readLines } from './lines.js';

/** One finished scenario: its case, its index, and its finding (null when it passed). */
export interface JournalEntry {
  readonly caseIndex: number;
  readonly scenarioIndex: number;
  readonly finding: Finding | null;
}

/** What an interrupted run had finished of one case. */
export interface RecoveredCase {
  /** Scenarios finished. */
  readonly scenarios: number;
  /** Index of the last one, or null when none was. */
  readonly lastIndex: number | null;
  /** Its findings, in order, read from the findings file as they are consumed. */
  findings(): Iterable<Finding>;
}

/** Per case: scenarios finished, the last index, and the findings-file line ranges [from, to] that are its own. */
interface CaseProgress {
  scenarios: number;
  lastIndex: number;
  readonly lines: [number, number][];
}

export class ReportDir {
  readonly finalDir: string;
  private readonly partDir: string;
  private findingLines = 0;
  private findingBytes = 0;
  private reserved = 0;
  /** What an interrupted run had finished, by case index (empty unless resuming). */
  private readonly recoveredCases = new Map<number, CaseProgress>();
  /** Scenarios an interrupted run had finished, over all cases (0 unless resuming). */
  recoveredScenarios = 0;
  /** Whether an interrupted run of the same config was found and continued. */
  resumed = false;

  constructor(root: string, name: string, opts: { fingerprint: string; resume: boolean } = { fingerprint: '', resume: false }) {
    this.finalDir = join(root, name);
    this.partDir = join(root, `.${name}.partial`);
    try {
      mkdirSync(root, { recursive: true });
      if (opts.resume && this.readHeader() === opts.fingerprint) {
        this.recover();
        this.resumed = true;
        return;
      }
      rmSync(this.partDir, { recursive: true, force: true });
      mkdirSync(this.partDir);
      writeFileSync(join(this.partDir, 'findings.jsonl'), '');
      writeFileSync(join(this.partDir, 'journal'), `${opts.fingerprint}\n`);
    } catch (err) {
      if (err instanceof UserError) throw err;
      this.abort();
      throw new UserError(root, null, `cannot write the report directory: ${(err as Error).message}`);
    }
  }

  get findingsPath(): string {
    return join(this.finalDir, 'findings.jsonl');
  }

  /**
   * Reserves the line number of the next finding (for its replay command) before the batch holding
   * it is recorded; record() then writes findings in the order their lines were reserved.
   */
  reserveFindingLine(): number {
    this.reserved = Math.max(this.reserved, this.findingLines) + 1;
    return this.reserved;
  }

  /**
   * Appends finished results: findings first, then the journal lines that point at them. The journal
   * has one line per case in `entries` (a batch), not one per scenario, so it stays small for runs of
   * millions: `case,last index,scenarios,finding lines so far,finding bytes so far`.
   */
  record(entries: readonly JournalEntry[]): void {
    let findings = '';
    let journal = '';
    for (let k = 0; k < entries.length;) {
      const caseIndex = entries[k]!.caseIndex;
      let count = 0;
      for (; k < entries.length && entries[k]!.caseIndex === caseIndex; k++, count++) {
        const finding = entries[k]!.finding;
        if (finding === null) continue;
        const text = JSON.stringify(finding) + '\n';
        findings += text;
        this.findingBytes += Buffer.byteLength(text);
        this.findingLines++;
      }
      journal += `${caseIndex},${entries[k - 1]!.scenarioIndex},${count},${this.findingLines},${this.findingBytes}\n`;
    }
    if (findings !== '') appendFileSync(join(this.partDir, 'findings.jsonl'), findings);
    if (journal !== '') appendFileSync(join(this.partDir, 'journal'), journal);
  }

  /** What an interrupted run had finished of case `caseIndex`. */
  recovered(caseIndex: number): RecoveredCase {
    const p = this.recoveredCases.get(caseIndex);
    const file = join(this.partDir, 'findings.jsonl');
    return {
      scenarios: p?.scenarios ?? 0,
      lastIndex: p === undefined ? null : p.lastIndex,
      *findings(): Generator<Finding> {
        if (p === undefined || p.lines.length === 0) return;
        let r = 0;
        for (const { line, lineNo } of readLines(file)) {
          while (r < p.lines.length && lineNo > p.lines[r]![1]) r++;
          if (r === p.lines.length) return;
          if (lineNo >= p.lines[r]![0]) yield JSON.parse(line) as Finding;
        }
      },
    };
  }

  write(file: string, content: string): void {
    writeFileSync(join(this.partDir, file), content);
  }

  /** Moves the finished report into place, replacing an older one. */
  commit(): void {
    rmSync(join(this.partDir, 'journal'), { force: true });
    if (existsSync(this.finalDir)) rmSync(this.finalDir, { recursive: true, force: true });
    renameSync(this.partDir, this.finalDir);
  }

  abort(): void {
    try {
      rmSync(this.partDir, { recursive: true, force: true });
    } catch {
      // Nothing was written where nothing can be written.
    }
  }

  private readHeader(): string | null {
    const journal = join(this.partDir, 'journal');
    if (!existsSync(journal)) return null;
    for (const { line } of readLines(journal)) return line;
    return '';
  }

  /**
   * Reloads an interrupted run, reading the journal in constant memory; drops a torn last line and
   * the findings no journal line points at.
   */
  private recover(): void {
    const journal = join(this.partDir, 'journal');
    const size = statSync(journal).size;
    let bytes = 0;
    let header = true;
    for (const { line } of readLines(journal)) {
      const end = bytes + Buffer.byteLength(line) + 1;
      if (header) {
        header = false;
        bytes = end;
        continue;
      }
      // A line is whole when its newline was written.
      if (end > size) break;
      const fields = line.split(',').map(Number);
      if (fields.length !== 5 || !fields.every(Number.isSafeInteger)) break;
      const [caseIndex, lastIndex, count, findingLines, findingBytes] = fields as [number, number, number, number, number];
      let p = this.recoveredCases.get(caseIndex);
      if (p === undefined) this.recoveredCases.set(caseIndex, (p = { scenarios: 0, lastIndex, lines: [] }));
      p.scenarios += count;
      p.lastIndex = lastIndex;
      if (findingLines > this.findingLines) {
        const last = p.lines[p.lines.length - 1];
        if (last !== undefined && last[1] === this.findingLines) last[1] = findingLines;
        else p.lines.push([this.findingLines + 1, findingLines]);
      }
      this.recoveredScenarios += count;
      this.findingLines = findingLines;
      this.findingBytes = findingBytes;
      bytes = end;
    }
    truncateSync(join(this.partDir, 'findings.jsonl'), this.findingBytes);
    truncateSync(journal, bytes);
  }
}
