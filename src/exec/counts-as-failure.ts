// What the fuzz engine counts as a failed run (DESIGN §8), apart from the engine itself, so that a
// fuzz worker thread (src/cli/fuzz-worker.ts) loads only the executor, not fast-check and the
// arbitraries, which would slow every worker's start.
import type { RunResult } from './run-scenario.js';

/**
 * Whether `oracle` is left out of the judgement by `ignore`: an oracle id, or a family ending in `.`
 * (`liveness.` ignores every liveness oracle).
 */
export function isIgnored(oracle: string, ignore: readonly string[]): boolean {
  return ignore.some((p) => (p.endsWith('.') ? oracle.startsWith(p) : oracle === p));
}

/** Whether a run counts as a failure: a crash, or a violation of an oracle not ignored. */
export function countsAsFailure(result: Pick<RunResult, 'verdict' | 'violations'>, ignore: readonly string[]): boolean {
  return result.verdict === 'crash' || result.violations.some((v) => !isIgnored(v.oracle, ignore));
}
