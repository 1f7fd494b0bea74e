// The generator's public API: parse a config, build its space, count it, address it, stream it.
// `twins gen` writes the stream to a file; `twins exec` runs it online; shards take index ranges.
export {
  DEFAULT_GST, DEFAULT_SEED, STEPS, configToJson, withOverrides,
  type ConfigOverrides, type GeneratorConfig, type GenerationOrder, type LeaderChoice, type LimitOrder, type Step,
} from './config.js';
export { parseGeneratorConfig, checkGeneratorConfig, isGeneratorConfig } from './parse-config.js';
export {
  ScenarioSpace, MAX_UNLIMITED_SCENARIOS, hashConfig, type SpaceItem, type StepCounts,
} from './scenario-space.js';
export { castOf, identityName, type Cast } from './identities.js';
export { SeededPermutation } from './permutation.js';
export { arrangementCount, decodeArrangement } from './arrangements.js';
export { binomial, fallingFactorial, stirling2, factorial } from './bigmath.js';
export { dropSetCount, dropUniverseSize } from './drops.js';
export { renameScenario, honestRenamings, permutations } from './symmetry.js';
