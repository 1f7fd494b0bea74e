// The library API of the package (README, docs/fuzzing.md): fuzz a DiemBFT implementation's scenario
// space from any test runner.
//
//   import { fc, runScenario, scenarios, shippedGeneratorConfig } from 'twins-diembft';
//   const config = shippedGeneratorConfig('all_random');
//   fc.assert(fc.property(scenarios(config), (s) => runScenario(s, { bugs: [] }).ok));
//
// Everything here is deterministic: the same seed gives the same scenarios, verdicts and shrunk
// counterexamples on any machine.

// fast-check itself, so that a user's properties and these arbitraries share one instance.
export { default as fc } from 'fast-check';

// Scenario arbitraries over the space of a generator config, and the size measures shrinking reduces.
export {
  scenarios, roundSpecs, resolveGeneratorConfig, type ScenarioSpaceInput, type ScenarioSpaceFields,
} from './gen/arbitraries.js';
export { scenarioShape, compareShapes, type ScenarioShape } from './gen/arbitrary-shape.js';
export { strategyScenarios, STRATEGIES, DEFAULT_STRATEGY, type Strategy } from './gen/strategies.js';
export { byzzfuzzScenarios, DEFAULT_BYZZFUZZ, type ByzzFuzzBounds } from './gen/arbitrary-byzzfuzz.js';

// Running a scenario: the verdict and violations as data.
export { runScenario, type RunResult, type RunExtras } from './exec/run-scenario.js';
export { DEFAULT_EXEC_OPTIONS, type ExecOptions } from './exec/exec-options.js';
export type { Verdict, Violation, Expectation } from './exec/report-types.js';

// The ready property and the fuzz engine (fast-check's check habit: data, not exceptions).
export {
  fuzz, scenarioProperty, ScenarioFailure, primaryViolation, regressionScenario, regressionFileName, CRASH_ORACLE,
  type FuzzOptions, type FuzzReport, type FindingOrigin,
} from './exec/fuzz.js';

// Configs and scenarios as files, and the ones the package ships (found inside the installed package).
export {
  shippedGeneratorConfig, shippedPath, PACKAGE_ROOT, VERSION, type ShippedFolder,
} from './package-files.js';
export { parseGeneratorConfig, checkGeneratorConfig } from './gen/parse-config.js';
export type { GeneratorConfig, LeaderChoice, PartitionOptions, DropOptions, GstOptions } from './gen/config.js';
export { validateScenario, parseScenarioText, parseScenarioJsonl } from './scenario/validate.js';
export { scenarioId, canonicalJson } from './scenario/canonical.js';
export { UserError } from './scenario/errors.js';
export {
  replicasOf, identityOf, type Scenario, type RoundSpec, type Drop, type DropType, type MessageType, type Partition,
  type GstSpec, type Provenance, type RegressionExpectation, type FailureRule, type RuleAction, type RoundRange,
  type SetAttrSpec,
} from './scenario/types.js';
export type { MutationSpec, MutationContext, AttributeSpec } from './kernel/mutation.js';

// Protocols by name, each with its bug catalogue (names accepted by `bugs`, each with the rule it
// breaks), oracles, kinds and thresholds.
export { DEFAULT_PROTOCOL, PROTOCOL_NAMES, findProtocol, protocolNamed, protocolNames, registerProtocol } from './protocols/registry.js';
export type { BugInfo, ProtocolModule, Thresholds } from './kernel/protocol-module.js';
import { protocolNamed } from './protocols/registry.js';
import type { BugInfo } from './kernel/protocol-module.js';
/** The default protocol's bug catalogue. */
export const BUG_CATALOGUE: readonly BugInfo[] = protocolNamed().bugs;
/** The default protocol's bug names. */
export const BUG_NAMES: readonly string[] = Object.freeze(BUG_CATALOGUE.map((b) => b.name));
/** The library's former name for BugInfo. */
export type BugSpec = BugInfo;
