// Wording shared by every command, so the same thing reads the same everywhere: counts with the
// right plural, and one phrasing per kind of input error.
import type { TailUnit } from '../kernel/protocol-module.js';
import { UserError } from './errors.js';
import type { Violation } from '../exec/report-types.js';
import { DEFAULT_VOCABULARY, roundName, type Vocabulary } from '../kernel/vocabulary.js';

/** "1 case", "2 cases". */
export function plural(n: number | bigint, what: string, many = `${what}s`): string {
  return `${n} ${n === 1 || n === 1n ? what : many}`;
}

/** "GST tail of 7 rounds", "GST tail of 7 commits" (the protocol's TailUnit), or "no GST tail". */
export function gstTailText(gst: { readonly rounds: number } | null | undefined, unit: TailUnit): string {
  return gst === null || gst === undefined ? 'no GST tail' : `GST tail of ${plural(gst.rounds, unit)}`;
}

/** The one message for a file that cannot be read: `<file>: cannot read the file (ENOENT)`. */
export function cannotRead(file: string, err: unknown): UserError {
  return new UserError(file, null, `cannot read the file (${(err as NodeJS.ErrnoException | null)?.code ?? String(err)})`);
}

/** The one message for a bad flag value: `--runs: must be a positive integer, got 'x'`. */
export function badFlag(flag: string, must: string, got: string | undefined): UserError {
  return new UserError(null, flag, `must be ${must}, got '${got}'`);
}

/** `safety.x in round 3 at tick 42 [a, b]: detail`; PBFT says `in view 2`. */
export function violationText(v: Violation, words: Vocabulary = DEFAULT_VOCABULARY): string {
  return `${v.oracle} in ${roundName(words, v.round)} at tick ${v.tick}` +
    `${v.replicas.length > 0 ? ` [${v.replicas.join(', ')}]` : ''}: ${v.detail}`;
}
