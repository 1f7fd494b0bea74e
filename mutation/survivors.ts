// The classification of surviving mutants (mutation/survivors.json, docs/bugs.md "Mutation score").
// A survivor is keyed by where it is and what it does, `file:line:column-endLine:endColumn mutator
// replacement`, which stays the same across runs of the same code (Stryker's own mutant ids are
// run-local counters).
import { readFileSync } from 'node:fs';

export type SurvivorClass =
  /** A defensive check no honest or twinned sender can reach: Byzantine mutation of messages covers it. */
  | 'twins-model'
  /** No behaviour changes at all. */
  | 'equivalent'
  /** The behaviour changes and the search or the oracles miss it. */
  | 'gap'
  /** Not looked at yet. */
  | 'unclassified';

export const CLASSES: readonly SurvivorClass[] = ['twins-model', 'equivalent', 'gap', 'unclassified'];

export interface Survivor extends MutantLike {
  readonly key: string;
  /** The source text the mutant replaces. */
  readonly original: string;
  readonly class: SurvivorClass;
  readonly reason: string;
}

export interface SurvivorFile {
  readonly $comment: string;
  readonly survivors: readonly Survivor[];
}

/** What a mutant result needs to be keyed (a subset of Stryker's MutantResult, lines and columns from 1). */
export interface MutantLike {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly mutator: string;
  readonly replacement: string;
}

export function mutantKey(m: MutantLike): string {
  return `${m.file}:${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.mutator} ${m.replacement.replace(/\s+/g, ' ')}`;
}

export const SURVIVOR_COMMENT = 'Surviving mutants of `npm run mutate` and why they survive (docs/bugs.md, "Mutation score"). ' +
  'class: twins-model (a defensive check no honest or twinned sender can reach), equivalent (no behaviour change), ' +
  'gap (a real gap in the search or the oracles), unclassified (not looked at). ' +
  'Regenerate with `npm run mutate -- --write-survivors`: known keys keep their class and reason.';

export function readSurvivors(path: string): SurvivorFile {
  const file = JSON.parse(readFileSync(path, 'utf8')) as SurvivorFile;
  for (const [i, s] of file.survivors.entries()) {
    if (!CLASSES.includes(s.class)) throw new Error(`${path}: /survivors/${i}/class: unknown class '${String(s.class)}'`);
    if (s.key !== mutantKey(s)) throw new Error(`${path}: /survivors/${i}/key: does not match its fields (expected '${mutantKey(s)}')`);
  }
  return file;
}

/** The survivor list of a run, each with its earlier class and reason when the key is known. */
export function mergeSurvivors(known: readonly Survivor[], found: readonly (MutantLike & { original: string })[]): Survivor[] {
  const byKey = new Map(known.map((s) => [s.key, s]));
  return found.map((m) => {
    const key = mutantKey(m);
    const was = byKey.get(key);
    return { key, file: m.file, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn,
      mutator: m.mutator, replacement: m.replacement,
      original: m.original, class: was?.class ?? 'unclassified', reason: was?.reason ?? '' };
  });
}
