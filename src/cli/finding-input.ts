// Reading back what the tool wrote: a line of findings.jsonl (for `replay file:LINE`, `merge` and
// `exec --resume`) and a summary.json (for `merge`). They are inputs like any other: they may be
// edited, truncated or forged, so they pass the report schema and the scenario rules, and every
// problem is one UserError naming the file (and line) and the JSON path.
import type { Finding, Summary } from '../exec/report-types.js';
import { UserError } from './errors.js';
import { checkProtocolOptions, DEFAULT_RUN_OPTIONS, type RunOptions } from '../scenario/executor-config.js';
import { childPath } from '../scenario/json-path.js';
import { parseJson } from '../scenario/json-syntax.js';
import { assertSchema } from '../scenario/schema-errors.js';
import { findingInputValidator, summaryInputValidator } from '../scenario/schemas.js';
import { validateScenario } from '../scenario/validate.js';
import { DEFAULT_PROTOCOL, findProtocol } from '../protocols/registry.js';

/** A finding parsed from line `lineNo` of `file`, with its scenario and options checked. */
export function parseFindingLine(line: string, file: string, lineNo: number): Finding {
  const where = `${file}:${lineNo}`;
  const value = parseJson(line, file, lineNo);
  assertSchema(findingInputValidator(), value, where);
  const finding = value as Finding;
  validateScenario(finding.scenario, where, '$.scenario');
  // Bug names are checked against the catalogue of the protocol the finding ran.
  const optionsProtocol = (finding.options as { protocol?: unknown }).protocol;
  const protocol = typeof optionsProtocol === 'string' ? optionsProtocol : (finding.scenario as { protocol?: string }).protocol ?? DEFAULT_PROTOCOL;
  const module = findProtocol(protocol);
  if (module === undefined) {
    throw new UserError(where, typeof optionsProtocol === 'string' ? '$.options.protocol' : '$.scenario.protocol',
      `unknown protocol '${protocol}'`);
  }
  const knownBugs = module.bugs.map((b) => b.name);
  checkBugs(finding.bugs, where, '$.bugs', knownBugs);
  checkBugs((finding.options as { bugs?: readonly string[] }).bugs ?? [], where, '$.options.bugs', knownBugs);
  const protocolOptions = (finding.options as { protocolOptions?: Readonly<Record<string, unknown>> }).protocolOptions;
  if (protocolOptions !== undefined) checkProtocolOptions(protocolOptions, protocol, where, '$.options.protocolOptions');
  return finding;
}

/** The run options of a finding, over the defaults, with the rules a schema cannot state checked. */
export function findingRunOptions(finding: Finding, where: string): RunOptions {
  const options = { ...DEFAULT_RUN_OPTIONS, ...(finding.options as Partial<RunOptions>) } as RunOptions;
  const delay = options.delayTicks;
  if (typeof delay === 'object' && delay.min > delay.max) {
    throw new UserError(where, '$.options.delayTicks', `min ${delay.min} is greater than max ${delay.max}`);
  }
  return { ...options, seed: String(options.seed) };
}

/** A summary.json value, checked against the report schema. */
export function parseSummaryText(text: string, file: string): Summary {
  const value = parseJson(text, file);
  assertSchema(summaryInputValidator(), value, file);
  return value as Summary;
}

function checkBugs(bugs: readonly string[], where: string, path: string, knownBugs: readonly string[]): void {
  bugs.forEach((b, i) => {
    if (!knownBugs.includes(b)) throw new UserError(where, childPath(path, i), `unknown bug '${b}'; known: ${knownBugs.join(', ')}`);
  });
}
