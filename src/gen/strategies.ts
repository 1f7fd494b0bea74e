// Search strategies of `twins fuzz --strategy` (docs/fuzzing.md, "Strategies"): `twins` draws from
// the config's Twins scenario space (with its `search` block), `byzzfuzz` draws network and process
// faults (partitions, delays, mutations) over the config's identities and rounds (./arbitrary-byzzfuzz.ts). Both give scenarios of
// the same format, judged and shrunk the same way.
import type fc from 'fast-check';
import type { BugInfo, FaultAction } from '../kernel/protocol-module.js';
import type { Scenario } from '../scenario/types.js';
import { resolveGeneratorConfig, scenarios, type ScenarioSpaceInput } from './arbitraries.js';
import { byzzfuzzScenarios } from './arbitrary-byzzfuzz.js';

export const STRATEGIES = ['twins', 'byzzfuzz'] as const;
export type Strategy = (typeof STRATEGIES)[number];
export const DEFAULT_STRATEGY: Strategy = 'twins';

/**
 * The fault actions beyond partitions and drops each strategy draws: the `search` block's crash and
 * restart of one honest replica, and ByzzFuzz's mutations and delay rules (up to twice the round
 * timeout, so past it). Neither draws attribute sets; the twins strategy draws no delay past the
 * round timeout (the shipped configs' `search` ranges keep link delays below a third of it).
 */
export const STRATEGY_FAULTS: Readonly<Record<Strategy, readonly FaultAction[]>> = Object.freeze({
  twins: ['crash'],
  byzzfuzz: ['mutate', 'delay'],
});

/** Whether `strategy` can draw a scenario that exposes `bug` (false when it never draws the one action that does). */
export function canDraw(strategy: Strategy, bug: Pick<BugInfo, 'exposedBy'>): boolean {
  return bug.exposedBy === undefined || STRATEGY_FAULTS[strategy].includes(bug.exposedBy);
}

export function strategyScenarios(input: ScenarioSpaceInput, strategy: Strategy = DEFAULT_STRATEGY): fc.Arbitrary<Scenario> {
  const config = resolveGeneratorConfig(input);
  switch (strategy) {
    case 'twins': return scenarios(config);
    case 'byzzfuzz': return byzzfuzzScenarios(config);
  }
}
