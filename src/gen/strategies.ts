// Search strategies of `twins fuzz --strategy` (docs/fuzzing.md, "Strategies"): `twins` draws from
// the config's Twins scenario space (with its `search` block), `byzzfuzz` draws network and process
// faults over the config's identities and rounds (./arbitrary-byzzfuzz.ts). Both give scenarios of
// the same format, judged and shrunk the same way.
import type fc from 'fast-check';
import type { Scenario } from '../scenario/types.js';
import { resolveGeneratorConfig, scenarios, type ScenarioSpaceInput } from './arbitraries.js';
import { byzzfuzzScenarios } from './arbitrary-byzzfuzz.js';

export const STRATEGIES = ['twins', 'byzzfuzz'] as const;
export type Strategy = (typeof STRATEGIES)[number];
export const DEFAULT_STRATEGY: Strategy = 'twins';

export function strategyScenarios(input: ScenarioSpaceInput, strategy: Strategy = DEFAULT_STRATEGY): fc.Arbitrary<Scenario> {
  const config = resolveGeneratorConfig(input);
  switch (strategy) {
    case 'twins': return scenarios(config);
    case 'byzzfuzz': return byzzfuzzScenarios(config);
  }
}
