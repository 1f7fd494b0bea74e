// Search strategies of `twins fuzz --strategy` (docs/fuzzing.md, "Strategies"): `twins` draws from
// the config's Twins scenario space (with its `search` block), `byzzfuzz` draws network and process
// faults (partitions, delays, mutations) over the config's identities and rounds (./arbitrary-byzzfuzz.ts). Both give scenarios of
// the same format, judged and shrunk the same way.
import type fc from 'fast-check';
import type { BugInfo, FaultAction } from '../kernel/protocol-module.js';
import type { Scenario } from '../scenario/types.js';
import { resolveGeneratorConfig, scenarios, type ScenarioSpaceInput } from './arbitraries.js';
import { byzzfuzzScenarios } from './arbitrary-byzzfuzz.js';
import { searchFaultActions } from './arbitrary-search-faults.js';
import type { GeneratorConfig } from './config.js';
import { castOf } from './identities.js';

export const STRATEGIES = ['twins', 'byzzfuzz'] as const;
export type Strategy = (typeof STRATEGIES)[number];
export const DEFAULT_STRATEGY: Strategy = 'twins';

/**
 * The fault actions beyond partitions and drops `strategy` draws over `config`: the twins strategy,
 * those of the config's `search` block (the crash and restart of one honest replica; failure rules:
 * delays of up to twice the round timeout, so past it, and where a twin may mutate, its mutations);
 * ByzzFuzz, its mutations and delay rules (also up to twice the round timeout). Neither draws
 * attribute sets.
 */
export function strategyFaults(strategy: Strategy, config: GeneratorConfig): readonly FaultAction[] {
  switch (strategy) {
    case 'twins': {
      const search = config.search;
      if (search === undefined) return [];
      return [...(search.crash ? ['crash' as const] : []), ...(search.faults === null ? [] : searchFaultActions(config, castOf(config)))];
    }
    case 'byzzfuzz': return ['mutate', 'delay'];
  }
}

/** Whether `strategy` can draw over `config` a scenario that exposes `bug` (false when it never draws the one action that does). */
export function canDraw(strategy: Strategy, bug: Pick<BugInfo, 'exposedBy'>, config: GeneratorConfig): boolean {
  return bug.exposedBy === undefined || strategyFaults(strategy, config).includes(bug.exposedBy);
}

export function strategyScenarios(input: ScenarioSpaceInput, strategy: Strategy = DEFAULT_STRATEGY): fc.Arbitrary<Scenario> {
  const config = resolveGeneratorConfig(input);
  switch (strategy) {
    case 'twins': return scenarios(config);
    case 'byzzfuzz': return byzzfuzzScenarios(config);
  }
}
