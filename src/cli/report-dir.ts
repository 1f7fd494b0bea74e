// Writes a run's report directory (DESIGN §9, §11). Results accumulate in a partial directory next to
// the final one: findings.jsonl and a journal of every finished batch are appended as the run goes,
// so `--resume` continues a killed run, and the directory is renamed into place only at the end, so a
// run that stops on bad input leaves no partial report where reports are read. The folder is locked
// while a run writes it (report-lock.ts); a write that fails (a full disk) keeps what was finished
// for `--resume`, and everything read back on resume is checked (journal.ts, finding-input.ts).
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diemProtocol } from '../core/diem-protocol.js';
import type { Finding } from '../exec/report-types.js';
import { parseFindingLine } from '../scenario/finding-input.js';
import { UserError } from './errors.js';
import { batchLine, headerLine, readBatches, readFingerprint, type CaseRange } from './journal.js';
import { readLines } from './lines.js';
import { ReportLock } from './report-lock.js';
import { assertInside, checkPathName, makeDirs, removeQuietly } from './safe-path.js';

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

export interface ReportDirOptions {
  readonly fingerprint: string;
  readonly resume: boolean;
  /** Per case, the scenario indices the run covers: makes the run resumable and bounds what a journal may claim. */
  readonly ranges?: readonly CaseRange[];
}

/**
 * Fault injection for the tests of a full disk: the write with this 1-based number fails with ENOSPC.
 * Never set in normal use.
 */
const FAIL_WRITE = Number(process.env['TWINS_TEST_FAIL_WRITE'] ?? 0);
let writes = 0;

export class ReportDir {
  readonly finalDir: string;
  private readonly partDir: string;
  private readonly lock: ReportLock;
  private readonly resumable: boolean;
  private readonly ranges: readonly CaseRange[];
  /** A write failed: the partial directory is kept for --resume. */
  private writeFailed = false;
  private findingLines = 0;
  private findingBytes = 0;
  private reserved = 0;
  /** What an interrupted run had finished, by case index (empty unless resuming). */
  private readonly recoveredCases = new Map<number, CaseProgress>();
  /** Scenarios an interrupted run had finished, over all cases (0 unless resuming). */
  recoveredScenarios = 0;
  /** Whether an interrupted run of the same config was found and continued. */
  resumed = false;

  constructor(root: string, name: string, opts: ReportDirOptions = { fingerprint: '', resume: false }) {
    // Callers check names where they read them; this is the last check before anything is written.
    checkPathName(name, join(root, name), null);
    this.finalDir = join(root, name);
    this.partDir = join(root, `.${name}.partial`);
    assertInside(root, this.finalDir);
    this.resumable = opts.ranges !== undefined;
    this.ranges = opts.ranges ?? [];
    try {
      makeDirs(root);
    } catch (err) {
      throw err instanceof UserError ? new UserError(err.file, null, `cannot write the report directory: ${err.detail}`) : err;
    }
    this.lock = ReportLock.acquire(root, name);
    let recovering = false;
    try {
      if (opts.resume && this.resumable && readFingerprint(join(this.partDir, 'journal')) === opts.fingerprint) {
        recovering = true;
        this.recoverOrRelease();
        this.resumed = true;
        return;
      }
      rmSync(this.partDir, { recursive: true, force: true });
      mkdirSync(this.partDir);
      writeFileSync(join(this.partDir, 'findings.jsonl'), '');
      writeFileSync(join(this.partDir, 'journal'), headerLine(opts.fingerprint));
    } catch (err) {
      if (recovering) throw err;
      this.abort();
      if (err instanceof UserError) throw err;
      throw new UserError(this.finalDir, null, `cannot write the report directory (${codeOf(err)})`);
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
      journal += batchLine({ case: caseIndex, last: entries[k - 1]!.scenarioIndex, count, lines: this.findingLines, bytes: this.findingBytes });
    }
    if (findings !== '') this.io(() => appendFileSync(join(this.partDir, 'findings.jsonl'), findings));
    if (journal !== '') this.io(() => appendFileSync(join(this.partDir, 'journal'), journal));
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
          if (lineNo >= p.lines[r]![0]) yield parseFindingLine(line, file, lineNo, diemProtocol.bugNames);
        }
      },
    };
  }

  write(file: string, content: string): void {
    this.io(() => writeFileSync(join(this.partDir, file), content));
  }

  /** Moves the finished report into place, replacing an older one, and releases the folder. */
  commit(): void {
    this.io(() => {
      rmSync(join(this.partDir, 'journal'), { force: true });
      if (existsSync(this.finalDir)) rmSync(this.finalDir, { recursive: true, force: true });
      renameSync(this.partDir, this.finalDir);
    });
    this.lock.release();
  }

  /** Gives up the run: removes the partial directory, unless a failed write left results to resume. */
  abort(): void {
    if (!(this.writeFailed && this.resumable)) removeQuietly(this.partDir);
    this.lock.release();
  }

  /** Recovers; a journal that does not describe the run is left in place for the user to look at. */
  private recoverOrRelease(): void {
    try {
      this.recover();
    } catch (err) {
      this.lock.release();
      throw err instanceof UserError ? err : new UserError(this.partDir, null, `cannot read the interrupted run (${codeOf(err) ?? String(err)})`);
    }
  }

  /** Runs a write; a file-system failure (a full disk, a read-only folder) becomes a UserError. */
  private io(write: () => void): void {
    try {
      if (FAIL_WRITE > 0 && ++writes === FAIL_WRITE) throw Object.assign(new Error('no space left on device (injected)'), { code: 'ENOSPC' });
      write();
    } catch (err) {
      const code = codeOf(err);
      if (code === null) throw err;
      this.writeFailed = true;
      throw new UserError(this.finalDir, null, `cannot write the report (${code})` +
        (this.resumable ? '; the finished scenarios are kept: run again with --resume when the problem is fixed' : ''));
    }
  }

  /**
   * Reloads an interrupted run, reading the journal in constant memory; drops a torn last line and
   * the findings no journal line points at.
   */
  private recover(): void {
    const journal = join(this.partDir, 'journal');
    const findingsFile = join(this.partDir, 'findings.jsonl');
    const { batches, bytes } = readBatches(journal, this.ranges, statSync(findingsFile).size);
    for (const b of batches) {
      let p = this.recoveredCases.get(b.case);
      if (p === undefined) this.recoveredCases.set(b.case, (p = { scenarios: 0, lastIndex: b.last, lines: [] }));
      p.scenarios += b.count;
      p.lastIndex = b.last;
      if (b.lines > this.findingLines) {
        const last = p.lines[p.lines.length - 1];
        if (last !== undefined && last[1] === this.findingLines) last[1] = b.lines;
        else p.lines.push([this.findingLines + 1, b.lines]);
      }
      this.recoveredScenarios += b.count;
      this.findingLines = b.lines;
      this.findingBytes = b.bytes;
    }
    truncateSync(findingsFile, this.findingBytes);
    truncateSync(journal, bytes);
  }
}

/** The errno code of a file-system error, or null for any other error. */
function codeOf(err: unknown): string | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : null;
}
