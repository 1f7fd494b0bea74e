// The timing a scenario sets for itself (docs/file-formats.md): its own link delays and round timeout
// replace the run options', so a scenario found by `twins fuzz` replays with the timing it was found
// with. A scenario without these fields runs under the run options alone, exactly as before.
import type { RunOptions } from '../scenario/run-options.js';
import type { Scenario } from '../scenario/types.js';

/** `opts` with the scenario's `delays` and `roundTimeoutTicks`, where it gives them. */
export function withScenarioTiming(opts: RunOptions, s: Pick<Scenario, 'delays' | 'roundTimeoutTicks'>): RunOptions {
  if (s.delays === undefined && s.roundTimeoutTicks === undefined) return opts;
  return {
    ...opts,
    ...(s.delays === undefined ? {} : { delayTicks: { min: s.delays.min, max: s.delays.max } }),
    ...(s.roundTimeoutTicks === undefined ? {} : { roundTimeoutTicks: s.roundTimeoutTicks }),
  };
}

/**
 * The seed of the simulator's link streams: the run seed, mixed with the scenario's delay seed when
 * it has one (so two scenarios that differ only in that seed draw different delays).
 */
export function linkSeed(runSeed: string, s: Pick<Scenario, 'delays'>): string {
  const extra = s.delays?.seed;
  return extra === undefined ? runSeed : `${runSeed}#${extra}`;
}
