// The score of a mutation run and its survivor list, as data (summary.json) and as text.
import type { MutateSettings } from './settings.js';
import { CLASSES, mutantKey, type MutantLike, type Survivor, type SurvivorClass } from './survivors.js';

export interface MutantRecord extends MutantLike {
  /** Stryker's status: Killed, Timeout, Survived, NoCoverage, CompileError, RuntimeError, Ignored, Pending. */
  readonly status: string;
  /** The check's own account of the kill (mutation/check.ts), when it gave one. */
  readonly killedBy: string | null;
}

export interface Summary {
  readonly command: string;
  readonly settings: MutateSettings;
  /** Wall time of the run; null when summarizing an earlier report. */
  readonly seconds: number | null;
  readonly counts: Readonly<Record<string, number>>;
  /** Mutants that ran to a verdict: killed, timed out or survived. */
  readonly valid: number;
  /** Killed or timed out. */
  readonly detected: number;
  /** detected / valid, in percent. */
  readonly score: number;
  readonly survivorsByClass: Readonly<Record<SurvivorClass, number>>;
  /** detected / (valid - survivors classed equivalent), in percent. */
  readonly scoreNonEquivalent: number;
  readonly mutants: readonly { readonly key: string; readonly status: string; readonly killedBy: string | null }[];
  readonly lines: readonly string[];
}

const percent = (part: number, whole: number): number => (whole === 0 ? 100 : Math.round((1000 * part) / whole) / 10);

export function summarize(records: readonly MutantRecord[], survivors: readonly Survivor[], seconds: number | null,
  command: string, settings: MutateSettings): Summary {
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  const byClass = Object.fromEntries(CLASSES.map((c) => [c, survivors.filter((s) => s.class === c).length])) as
    Record<SurvivorClass, number>;
  const excused = byClass.equivalent;
  const score = percent(detected, valid);
  const scoreNonEquivalent = percent(detected, valid - excused);
  const lines = [
    `mutation score ${score}% (${detected} of ${valid} mutants killed or timed out; ${records.length} generated, ` +
      `${Object.entries(counts).sort().map(([k, v]) => `${k} ${v}`).join(', ')})` +
      `${seconds === null ? '' : ` in ${Math.round(seconds)} s`}`,
    `survivors: ${survivors.length} (${CLASSES.map((c) => `${c} ${byClass[c]}`).join(', ')}); ` +
      `score over non-equivalent mutants ${scoreNonEquivalent}%`,
  ];
  return {
    command, settings, seconds: seconds === null ? null : Math.round(seconds), counts, valid, detected, score, survivorsByClass: byClass,
    scoreNonEquivalent,
    mutants: records.map((r) => ({ key: mutantKey(r), status: r.status, killedBy: r.killedBy })),
    lines,
  };
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/`/g, "'");

export function survivorsMarkdown(summary: Summary, survivors: readonly Survivor[]): string {
  const rows = survivors.map((s) =>
    `| ${s.file.replace('src/protocols/diembft/', '')}:${s.line}:${s.column} | ${s.mutator} | \`${cell(s.original)}\` → ` +
    `\`${cell(s.replacement)}\` | ${s.class} | ${cell(s.reason)} |`);
  return [`# Surviving mutants`, '', `\`${summary.command}\``, '', ...summary.lines, '',
    '| Where | Mutator | Change | Class | Why |', '|---|---|---|---|---|', ...rows, ''].join('\n');
}
