// Writes a run's report directory (DESIGN §9, §11): everything goes to a temporary directory first
// and is renamed into place at the end, so a run that stops on bad input leaves no partial report.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './errors.js';

export class ReportDir {
  readonly finalDir: string;
  private readonly tmpDir: string;
  private findingLines = 0;

  constructor(root: string, name: string) {
    this.finalDir = join(root, name);
    this.tmpDir = join(root, `.${name}.tmp-${process.pid}`);
    try {
      mkdirSync(root, { recursive: true });
      rmSync(this.tmpDir, { recursive: true, force: true });
      mkdirSync(this.tmpDir);
      writeFileSync(join(this.tmpDir, 'findings.jsonl'), '');
    } catch (err) {
      this.abort();
      throw new UserError(root, null, `cannot write the report directory: ${(err as Error).message}`);
    }
  }

  /** Path a finding's replay command will name once the report is in place. */
  get findingsPath(): string {
    return join(this.finalDir, 'findings.jsonl');
  }

  /** Appends one finding; returns its 1-based line number. */
  appendFinding(finding: unknown): number {
    appendFileSync(join(this.tmpDir, 'findings.jsonl'), JSON.stringify(finding) + '\n');
    return ++this.findingLines;
  }

  /** Reserves the next line number (for a replay command built before the finding is written). */
  nextFindingLine(): number {
    return this.findingLines + 1;
  }

  write(file: string, content: string): void {
    writeFileSync(join(this.tmpDir, file), content);
  }

  /** Moves the finished report into place, replacing an older one. */
  commit(): void {
    if (existsSync(this.finalDir)) rmSync(this.finalDir, { recursive: true, force: true });
    renameSync(this.tmpDir, this.finalDir);
  }

  abort(): void {
    try {
      rmSync(this.tmpDir, { recursive: true, force: true });
    } catch {
      // Nothing was written where nothing can be written.
    }
  }
}
