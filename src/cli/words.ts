// Wording shared by every command, so the same thing reads the same everywhere: counts with the
// right plural, and one phrasing per kind of input error.
import { UserError } from './errors.js';

/** "1 case", "2 cases". */
export function plural(n: number | bigint, what: string, many = `${what}s`): string {
  return `${n} ${n === 1 || n === 1n ? what : many}`;
}

/** The one message for a file that cannot be read: `<file>: cannot read the file (ENOENT)`. */
export function cannotRead(file: string, err: unknown): UserError {
  return new UserError(file, null, `cannot read the file (${(err as NodeJS.ErrnoException | null)?.code ?? String(err)})`);
}

/** The one message for a bad flag value: `--runs: must be a positive integer, got 'x'`. */
export function badFlag(flag: string, must: string, got: string | undefined): UserError {
  return new UserError(null, flag, `must be ${must}, got '${got}'`);
}
