// Writes a run's report directory (DESIGN §9, §11). Results accumulate in a partial directory next to
// the final one: findings.jsonl and a journal of every finished batch are appended as the run goes,
// so `--resume` continues a killed run, and the directory is renamed into place only at the end, so a
// run that stops on bad input leaves no partial report where reports are read. The folder is locked
// while a run writes it (report-lock.ts); a write that fails (a full disk) keeps what was finished
// for `--resume`, and everything read back on resume is checked (journal.ts, finding-input.ts).
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FindingGroups, groupOf } from '../exec/finding-groups.js';
import type { Finding } from '../exec/report-types.js';
import { parseFindingLine } from './finding-input.js';
import { UserError } from './errors.js';
import { batchLine, headerLine, readBatches, readFingerprint, type CaseRange, type FindingAt, type VerdictCounts } from './journal.js';
import { batchGroups, JournalGroups } from './journal-groups.js';
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
  /** Their results by verdict. */
  readonly counts: VerdictCounts & { readonly pass: number };
  /** The first finding of each verdict among them, read from the findings file (at most three). */
  firstFindings(): Finding[];
}

/** Per case: what the journal says was finished, and where the first finding of each verdict is. */
interface CaseProgress {
  scenarios: number;
  lastIndex: number;
  readonly counts: { safety: number; liveness: number; crash: number };
  readonly first: Map<string, FindingAt>;
}

export interface ReportDirOptions {
  readonly fingerprint: string;
  readonly resume: boolean;
  /** Per case, the scenario indices the run covers: makes the run resumable and bounds what a journal may claim. */
  readonly ranges?: readonly CaseRange[];
  /** The config's case names by index: a resume checks each finding group it reads back against them. */
  readonly caseNames?: readonly string[];
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
  /** The finding groups an interrupted run had written, from the journal. */
  private readonly journalGroups = new JournalGroups();
  private readonly caseNames: readonly string[];
  private restoredGroups: FindingGroups | null = null;
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
    this.caseNames = opts.caseNames ?? [];
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
   * millions: the last index, the scenarios and their verdicts, where the batch's first finding of
   * each verdict is, and the findings file's lines and bytes so far (journal.ts).
   */
  record(entries: readonly JournalEntry[]): void {
    let findings = '';
    let journal = '';
    for (let k = 0; k < entries.length;) {
      const caseIndex = entries[k]!.caseIndex;
      let count = 0;
      const counts = { safety: 0, liveness: 0, crash: 0 };
      const first: Record<string, FindingAt> = {};
      const placed: { finding: Finding; at: FindingAt }[] = [];
      for (; k < entries.length && entries[k]!.caseIndex === caseIndex; k++, count++) {
        const finding = entries[k]!.finding;
        if (finding === null) continue;
        const text = JSON.stringify(finding) + '\n';
        findings += text;
        const at: FindingAt = [this.findingLines + 1, this.findingBytes];
        first[finding.verdict] ??= at;
        placed.push({ finding, at });
        counts[verdictKey(finding.verdict)]++;
        this.findingBytes += Buffer.byteLength(text);
        this.findingLines++;
      }
      journal += batchLine({ case: caseIndex, last: entries[k - 1]!.scenarioIndex, count, ...counts, first,
        groups: batchGroups(placed), lines: this.findingLines, bytes: this.findingBytes });
    }
    if (findings !== '') this.io(() => appendFileSync(join(this.partDir, 'findings.jsonl'), findings));
    if (journal !== '') this.io(() => appendFileSync(join(this.partDir, 'journal'), journal));
  }

  /**
   * What an interrupted run had finished of case `caseIndex`: read from the journal and at most three
   * findings, so resuming takes the same time however far the run had got.
   */
  recovered(caseIndex: number): RecoveredCase {
    const p = this.recoveredCases.get(caseIndex);
    const file = join(this.partDir, 'findings.jsonl');
    const c = p?.counts ?? { safety: 0, liveness: 0, crash: 0 };
    const scenarios = p?.scenarios ?? 0;
    return {
      scenarios,
      lastIndex: p === undefined ? null : p.lastIndex,
      counts: { ...c, pass: scenarios - c.safety - c.liveness - c.crash },
      firstFindings: () => [...(p?.first ?? new Map<string, FindingAt>())].map(([verdict, [lineNo, at]]) => {
        const finding = parseFindingLine(readLineAt(file, at), file, lineNo);
        if (finding.verdict !== verdict) {
          throw new UserError(`${file}:${lineNo}`, '$.verdict', `is '${finding.verdict}', but the journal says '${verdict}'`);
        }
        return finding;
      }),
    };
  }

  /**
   * The finding groups of what an interrupted run had written (empty unless resuming), for the run
   * to go on adding to: from the journal and each group's first finding only.
   */
  recoveredGroups(): FindingGroups {
    return this.restoredGroups ?? new FindingGroups();
  }

  /** Rebuilds the groups from the journal, reading at most MAX_GROUPS findings (their examples). */
  private restoreGroups(): FindingGroups {
    const caseNames = this.caseNames;
    const file = join(this.partDir, 'findings.jsonl');
    const groups = [...this.journalGroups.kept.values()].map((g) => {
      const example = parseFindingLine(readLineAt(file, g.at[1]), file, g.at[0]);
      const { oracle, shape } = groupOf(example);
      const name = caseNames[g.caseIndex];
      if (example.case !== name || example.verdict !== g.verdict || oracle !== g.oracle || shape !== g.shape) {
        throw new UserError(g.where, g.path, `names case '${name}', ${g.verdict}, ${g.oracle}, '${g.shape}', but the finding at ` +
          `${file}:${g.at[0]} is case '${example.case}', ${example.verdict}, ${oracle}, '${shape}'; the journal does not describe this run ` +
          '(remove the folder or run without --resume)');
      }
      return { case: example.case, verdict: g.verdict, oracle, shape, count: g.count, example };
    });
    return FindingGroups.restore(groups, this.journalGroups.oracles, this.journalGroups.ungrouped);
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

  /**
   * Gives up the run: removes the partial directory, unless a failed write left results to resume or
   * the run resumed an interrupted one (whose results stay for the next --resume).
   */
  abort(): void {
    if (!((this.writeFailed || this.resumed) && this.resumable)) removeQuietly(this.partDir);
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
    const { batches, lineNos, bytes } = readBatches(journal, this.ranges, statSync(findingsFile).size);
    batches.forEach((b, k) => this.journalGroups.add(b, `${journal}:${lineNos[k]}`));
    for (const b of batches) {
      let p = this.recoveredCases.get(b.case);
      if (p === undefined) {
        p = { scenarios: 0, lastIndex: b.last, counts: { safety: 0, liveness: 0, crash: 0 }, first: new Map() };
        this.recoveredCases.set(b.case, p);
      }
      p.scenarios += b.count;
      p.lastIndex = b.last;
      p.counts.safety += b.safety;
      p.counts.liveness += b.liveness;
      p.counts.crash += b.crash;
      for (const [verdict, at] of Object.entries(b.first)) if (!p.first.has(verdict)) p.first.set(verdict, at);
      this.recoveredScenarios += b.count;
      this.findingLines = b.lines;
      this.findingBytes = b.bytes;
    }
    this.restoredGroups = this.restoreGroups();
    truncateSync(findingsFile, this.findingBytes);
    truncateSync(journal, bytes);
  }
}

/** The errno code of a file-system error, or null for any other error. */
function codeOf(err: unknown): string | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : null;
}

function verdictKey(verdict: Finding['verdict']): keyof VerdictCounts {
  return verdict === 'safety-violation' ? 'safety' : verdict === 'liveness-violation' ? 'liveness' : 'crash';
}

/** The line that starts at byte `at` of `file`, read in constant memory. */
function readLineAt(file: string, at: number): string {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    for (let pos = at; ;) {
      const buf = Buffer.alloc(1 << 16);
      const got = readSync(fd, buf, 0, buf.length, pos);
      const nl = buf.subarray(0, got).indexOf(0x0a);
      chunks.push(buf.subarray(0, nl >= 0 ? nl : got));
      if (nl >= 0 || got === 0) break;
      pos += got;
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
