// How a shard judges its slice of a case. Expectations are judged on the whole case, after `twins
// merge`: a slice that holds no violation of a case expecting one says nothing about the case. A
// slice fails the shard only when it alone proves the merged case cannot meet its expectation: a
// scenario whose verdict is more severe than the one the case expects. The case's verdict is the most
// severe of its scenarios' (safety, then liveness, then crash), so that is any finding (a crash
// included) in a case expecting `pass`, and a safety violation in a case expecting
// `liveness-violation`; in a case expecting `safety-violation` nothing is more severe.
import type { CaseResult, Expectation, Verdict } from '../exec/report-types.js';
import { plural, violationText } from './words.js';
import { DEFAULT_VOCABULARY, type Vocabulary } from '../kernel/vocabulary.js';

const SEVERITY: Readonly<Record<Verdict, number>> = { pass: 0, crash: 1, 'liveness-violation': 2, 'safety-violation': 3 };

/** Whether a slice's result proves its case cannot meet `expect` once all slices are merged. */
export function unexpectedInSlice(verdict: Verdict, expect: Expectation): boolean {
  return SEVERITY[verdict] > SEVERITY[expect];
}

/** A shard's view of its case: `ok` means nothing unexpected happened in the slice. */
export function judgeSlice(result: CaseResult): CaseResult {
  return { ...result, ok: !unexpectedInSlice(result.verdict, result.expect) };
}

/** The line a shard prints for one case: what it ran, and whether anything in it was unexpected. */
export function sliceLine(r: CaseResult, range: { from: number; to: number }, words: Vocabulary = DEFAULT_VOCABULARY): string {
  const s = r.scenarios;
  const which = s.total === 0 ? 'no scenario in this shard'
    : `${plural(s.total, 'scenario')} (positions #${range.from}..#${range.to - 1}): ` +
      `${s.pass} pass, ${s.safety} safety, ${s.liveness} liveness, ${s.crash} crash`;
  const head = r.ok
    ? `PART  ${r.name}: ${which}; expected ${r.expect}, judged after merge`
    : `FAIL  ${r.name}: ${which}; a ${r.verdict} where the case expects ${r.expect}`;
  const v = r.firstViolation;
  const first = v === null ? '' : `\n      ${violationText(v, words)}`;
  return `${head}${first}\n      replay: ${r.replay}\n`;
}
