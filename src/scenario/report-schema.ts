// Checks run summaries and findings against schemas/report.schema.json. Reports are our own output,
// so problems are returned as a list (every one, for a test to print) rather than thrown.
import { schemaProblems } from './schema-errors.js';
import { findingValidator, summaryValidator, type Validator } from './schemas.js';

/** Problems of a summary.json value as `$.path: rule` lines; empty when it is valid. */
export function validateSummary(value: unknown): string[] {
  return problems(summaryValidator(), value);
}

/** Problems of one parsed line of findings.jsonl; empty when it is valid. */
export function validateFinding(value: unknown): string[] {
  return problems(findingValidator(), value);
}

function problems(validate: Validator, value: unknown): string[] {
  if (validate(value)) return [];
  return schemaProblems(validate.errors ?? [], value).map((p) => `${p.path}: ${p.detail}`);
}
