// The classification of surviving mutants (mutation/survivors.json, docs/bugs.md "Mutation score").
// A survivor is keyed by what it changes and the function it changes it in,
// `file scope mutator: original -> replacement` (with ` #n` for the n-th such place in that
// function, mutation/locate.ts), which stays the same across runs of the same code and across edits
// that only move it (Stryker's own mutant ids are run-local counters, and line numbers go stale).
import { readFileSync } from 'node:fs';

export type SurvivorClass =
  /**
   * No sender can tell: no behaviour changes at all, or the change needs a message that no honest,
   * twinned or Byzantine (at most f, holding only its own key) sender can make. The reason says why.
   */
  | 'equivalent'
  /** The behaviour changes and the search or the oracles miss it. */
  | 'gap'
  /** Not looked at yet. */
  | 'unclassified';

export const CLASSES: readonly SurvivorClass[] = ['equivalent', 'gap', 'unclassified'];

export interface Survivor extends MutantLike {
  readonly key: string;
  readonly class: SurvivorClass;
  readonly reason: string;
}

export interface SurvivorFile {
  readonly $comment: string;
  readonly survivors: readonly Survivor[];
}

/**
 * What a mutant result needs to be keyed (Stryker's MutantResult with its place named by
 * mutation/locate.ts). Lines and columns (from 1) say where it was in the run that found it; the
 * key does not use them.
 */
export interface MutantLike {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly mutator: string;
  readonly replacement: string;
  /** The source text the mutant replaces, whitespace collapsed (at most 200 characters). */
  readonly original: string;
  /** The named function around it (`name`, `Class.method`, `(module)`). */
  readonly scope: string;
  /** Which match of `original` inside `scope` it is, from 1. */
  readonly occurrence: number;
}

export function mutantKey(m: MutantLike): string {
  const text = (s: string): string => s.replace(/\s+/g, ' ');
  return `${m.file} ${m.scope} ${m.mutator}: ${text(m.original)} -> ${text(m.replacement)}${m.occurrence > 1 ? ` #${m.occurrence}` : ''}`;
}

export const SURVIVOR_COMMENT = 'Surviving mutants of `npm run mutate` and why they survive (docs/bugs.md, "Mutation score"). ' +
  'class: equivalent (no behaviour change, or one no honest, twinned or Byzantine sender with at most f faulty can reach; ' +
  'the reason says why), gap (reachable, and the search or the oracles miss it), unclassified (not looked at). ' +
  'key: file, enclosing function, mutator, original -> replacement (#n: the n-th such text in that function); ' +
  'line and column say where the run that found it saw it. ' +
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
export function mergeSurvivors(known: readonly Survivor[], found: readonly MutantLike[]): Survivor[] {
  const byKey = new Map(known.map((s) => [s.key, s]));
  return found.map((m) => {
    const key = mutantKey(m);
    const was = byKey.get(key);
    return { key, file: m.file, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn,
      mutator: m.mutator, replacement: m.replacement, original: m.original, scope: m.scope, occurrence: m.occurrence,
      class: was?.class ?? 'unclassified', reason: was?.reason ?? '' };
  });
}

/**
 * The survivor file after a run: known entries the run could have met again are replaced by its
 * survivors (`gone`: those it did not meet again, killed now or changed). A complete run could meet
 * every mutant of the files it mutated; a run stopped early (its mutants.jsonl) only the mutants it
 * tested. Sorted by place.
 */
export function survivorsAfter(known: readonly Survivor[], survivors: readonly Survivor[],
  records: readonly (MutantLike & { readonly status: string })[], complete: boolean): { kept: Survivor[]; gone: Survivor[] } {
  const mutated = new Set(records.map((r) => r.file));
  const tested = new Set(records.filter((r) => r.status !== 'Ignored' && r.status !== 'Pending').map((r) => mutantKey(r)));
  const replaced = (x: Survivor): boolean => (complete ? mutated.has(x.file) : tested.has(x.key));
  const seen = new Set(survivors.map((x) => x.key));
  const kept = [...known.filter((x) => !replaced(x)), ...survivors]
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.key.localeCompare(b.key));
  return { kept, gone: known.filter((x) => replaced(x) && !seen.has(x.key)) };
}
