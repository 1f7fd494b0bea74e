// Per-replica ledgers on disk (`--ledgers DIR` of exec and replay): each replica's committed log as one
// file named after the replica, one JSON line per entry (height, round, block id, requests, results and
// the service's state digest), so two replicas' files can be compared with diff. Everything is written
// into a temporary folder inside DIR first and moved into place at the end, so a failed run leaves no
// half-written ledger behind.
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ledgerLine, type ReplicaLedger } from '../exec/ledgers.js';
import { UserError } from './errors.js';
import { assertInside, makeDirs, removeDirs, removeQuietly, removeStaleTemps, tempPathOf } from './safe-path.js';

/** One line per committed entry, in commit order. */
export function ledgerText(ledger: ReplicaLedger): string {
  return ledger.entries.map(ledgerLine).join('');
}

/**
 * A folder that receives ledgers. `write(parts, ledgers)` puts one `<replica>.jsonl` per replica under
 * DIR/parts...; `commit()` moves each top-level entry written into DIR, replacing what was there under
 * that name; `abort()` removes everything this run wrote.
 */
export class LedgerFolder {
  private readonly temp: string;
  private readonly created: string[];

  constructor(private readonly dir: string) {
    this.created = makeDirs(dir);
    this.temp = tempPathOf(join(dir, '.ledgers'));
    removeStaleTemps(join(dir, '.ledgers'));
    makeDirs(this.temp);
  }

  write(parts: readonly string[], ledgers: readonly ReplicaLedger[]): void {
    const folder = join(this.temp, ...parts);
    assertInside(this.temp, join(folder, 'x'));
    makeDirs(folder);
    for (const ledger of ledgers) {
      const file = join(folder, `${ledger.replica}.jsonl`);
      try {
        writeFileSync(file, ledgerText(ledger));
      } catch (err) {
        throw new UserError(file, null, `cannot write the ledger (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      }
    }
  }

  commit(): void {
    try {
      for (const name of readdirSync(this.temp)) {
        const target = join(this.dir, name);
        removeQuietly(target);
        renameSync(join(this.temp, name), target);
      }
    } catch (err) {
      throw new UserError(this.dir, null, `cannot move the ledgers into place (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    } finally {
      removeQuietly(this.temp);
    }
  }

  abort(): void {
    removeQuietly(this.temp);
    removeDirs(this.created);
  }
}
