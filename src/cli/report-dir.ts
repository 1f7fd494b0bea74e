// Writes a run's report directory (DESIGN §9, §11). Results accumulate in a partial directory next to
// the final one: findings.jsonl and a journal of every finished scenario are appended as the run
// goes, so `--resume` continues a killed run, and the directory is renamed into place only at the
// end, so a run that stops on bad input leaves no partial report where reports are read.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../exec/report-types.js';
import { UserError } from './errors.js';

/** One finished scenario: its case, its index, and its finding (null when it passed). */
export interface JournalEntry {
  readonly caseIndex: number;
  readonly scenarioIndex: number;
  readonly finding: Finding | null;
}

export class ReportDir {
  readonly finalDir: string;
  private readonly partDir: string;
  private findingLines = 0;
  private findingBytes = 0;
  private reserved = 0;
  /** Entries recovered from an interrupted run (empty unless resuming). */
  readonly recovered: JournalEntry[] = [];
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

  /** Appends finished results: findings first, then the journal lines that point at them. */
  record(entries: readonly JournalEntry[]): void {
    let findings = '';
    let journal = '';
    for (const e of entries) {
      let line = 0;
      if (e.finding !== null) {
        const text = JSON.stringify(e.finding) + '\n';
        findings += text;
        this.findingBytes += Buffer.byteLength(text);
        line = ++this.findingLines;
      }
      journal += `${e.caseIndex},${e.scenarioIndex},${line},${this.findingBytes}\n`;
    }
    if (findings !== '') appendFileSync(join(this.partDir, 'findings.jsonl'), findings);
    appendFileSync(join(this.partDir, 'journal'), journal);
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
    const text = readFileSync(journal, 'utf8');
    return text.slice(0, text.indexOf('\n'));
  }

  /** Reloads an interrupted run; drops a torn last line and findings no journal line points at. */
  private recover(): void {
    const lines = readFileSync(join(this.partDir, 'journal'), 'utf8').split('\n').slice(1, -1);
    const findingsFile = join(this.partDir, 'findings.jsonl');
    const findings = readFileSync(findingsFile, 'utf8').split('\n');
    for (const l of lines) {
      const [c, i, line, bytes] = l.split(',').map(Number) as [number, number, number, number];
      if (bytes === undefined || Number.isNaN(bytes)) break;
      const finding = line === 0 ? null : JSON.parse(findings[line - 1]!) as Finding;
      this.recovered.push({ caseIndex: c, scenarioIndex: i, finding });
      if (line !== 0) this.findingLines = line;
      this.findingBytes = bytes;
    }
    truncateSync(findingsFile, this.findingBytes);
    const kept = lines.slice(0, this.recovered.length).map((l) => l + '\n').join('');
    writeFileSync(join(this.partDir, 'journal'), `${this.readHeader() ?? ''}\n${kept}`);
  }
}
