// Scenario input: JSON text, a .jsonl line or an already-parsed value, checked against
// schemas/scenario.schema.json and then against the cross-reference rules of scenario-rules.ts.
// No I/O: callers pass the text and the file name used in messages.
import { parseJson } from './json-syntax.js';
import { checkScenarioRules } from './scenario-rules.js';
import { assertSchema } from './schema-errors.js';
import { scenarioValidator } from './schemas.js';
import type { Scenario } from './types.js';

export { checkScenarioRules } from './scenario-rules.js';

/** Checks a parsed value; returns it typed as a Scenario or throws a UserError naming `file`. */
export function validateScenario(value: unknown, file: string, base = '$'): Scenario {
  assertSchema(scenarioValidator(), value, file, base);
  const scenario = value as Scenario;
  checkScenarioRules(scenario, file, base);
  return scenario;
}

/** Parses and checks the text of a `.json` scenario file. */
export function parseScenarioText(text: string, file: string): Scenario {
  return validateScenario(parseJson(text, file), file);
}

/** Parses and checks line `lineNo` (1-based) of a `.jsonl` file; messages name `file:lineNo`. */
export function parseScenarioLine(line: string, file: string, lineNo: number): Scenario {
  return validateScenario(parseJson(line, file, lineNo), `${file}:${lineNo}`);
}

/** Parses every non-blank line of a `.jsonl` file, in order. */
export function parseScenarioJsonl(text: string, file: string): Scenario[] {
  const out: Scenario[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() !== '') out.push(parseScenarioLine(line, file, i + 1));
  });
  return out;
}
