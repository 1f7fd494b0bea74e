// How the CLI shows a scenario's own timing and process faults (`delays`, `roundTimeoutTicks`,
// `crashes`), for `twins fuzz`'s side-by-side table and `twins replay`'s header.
import type { Scenario } from '../scenario/types.js';

/** "1..4 ticks (seed 3)", or "" without delays. */
export function delaysText(s: Scenario): string {
  if (s.delays === undefined) return '';
  return `${s.delays.min}..${s.delays.max} ticks${s.delays.seed === undefined ? '' : ` (seed ${s.delays.seed})`}`;
}

/** "25 ticks", or "" without a timeout of its own. */
export function timeoutText(s: Scenario): string {
  return s.roundTimeoutTicks === undefined ? '' : `${s.roundTimeoutTicks} ticks`;
}

/** "b at r2, up at r4; c at r1, up at heal; d at r3, for good", or "" without crashes. */
export function crashesText(s: Scenario): string {
  return (s.crashes ?? []).map((c) => `${c.replica} at r${c.round}, ${c.permanent === true ? 'for good'
    : `up at ${c.restartRound === undefined ? 'heal' : `r${c.restartRound}`}`}`)
    .join('; ');
}

/** The replay header's lines for the scenario's own timing and crashes, and its Byzantine faults; none when it has none. */
export function scenarioTimingLines(s: Scenario): string[] {
  const parts = [
    ...(s.delays === undefined ? [] : [`delays ${delaysText(s)}`]),
    ...(s.roundTimeoutTicks === undefined ? [] : [`round timeout ${timeoutText(s)}`]),
    ...(s.crashes === undefined || s.crashes.length === 0 ? [] : [`crashes ${crashesText(s)}`]),
  ];
  const faults = [
    ...(s.byzantine === undefined || s.byzantine.length === 0 ? [] : [`byzantine ${s.byzantine.join(', ')}`]),
    ...(rulesText(s) === '' ? [] : [`rules ${rulesText(s)}`]),
    ...(setAttrsText(s) === '' ? [] : [`set attributes ${setAttrsText(s)}`]),
  ];
  return [
    ...(parts.length === 0 ? [] : [`  scenario timing (replaces the options'): ${parts.join(', ')}`]),
    ...(faults.length === 0 ? [] : [`  scenario faults: ${faults.join('; ')}`]),
  ];
}

/** "a>b r5 mutate earlier-payload; *>c r1-3 drop 1/2", or "" without failure rules. */
export function rulesText(s: Scenario): string {
  return (s.rules ?? []).map((r) => {
    const rounds = Array.isArray(r.rounds) ? (r.rounds as readonly number[]).join(',')
      : `${(r.rounds as { min: number }).min}-${(r.rounds as { max: number }).max}`;
    const what = r.action === 'delay' ? `delay ${r.ticks}` : r.action === 'mutate' ? `mutate ${r.mutation ?? '*'}` : r.action;
    const p = r.probability === undefined ? '' : ` ${r.probability.num}/${r.probability.den}`;
    return `${r.src}>${r.dest}${r.kind === '*' ? '' : `:${r.kind}`} r${rounds} ${what}${p}`;
  }).join('; ');
}

/** "a: highest-vote-round=50 at r2", or "" without attribute sets. */
export function setAttrsText(s: Scenario): string {
  return (s.setAttrs ?? []).map((a) => `${a.replica}: ${a.attribute}=${a.value} at r${a.round}`).join('; ');
}
