// Options of one scenario run: the one RunOptions type (src/scenario/run-options.ts), and the tick
// bounds the executor derives from it.
import { delayRange, type RunOptions } from '../scenario/run-options.js';

export { DEFAULT_RUN_OPTIONS as DEFAULT_EXEC_OPTIONS, delayRange, withRunOptions } from '../scenario/run-options.js';
export type { RunOptionsInput } from '../scenario/run-options.js';
/** The library's name for RunOptions. */
export type ExecOptions = RunOptions;

/** One round's worth of ticks: a timeout plus a few message delays (diembft-v4 §1.2). */
function roundSpan(o: RunOptions): number {
  return o.roundTimeoutTicks + 4 * delayRange(o.delayTicks).max;
}

/** Default heal deadline: every scripted round may time out once, plus one spare round. */
export function healDeadline(o: RunOptions, scriptedRounds: number): number {
  return o.healDeadlineTicks ?? (scriptedRounds + 1) * roundSpan(o);
}

/** Default liveness bound: every GST round may take a full round span, plus four spare rounds. */
export function livenessBound(o: RunOptions, gstRounds: number): number {
  return o.livenessTicks ?? (gstRounds + 4) * roundSpan(o);
}
