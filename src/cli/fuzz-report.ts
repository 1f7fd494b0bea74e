// The report directory of `twins fuzz` (reports/fuzz-<config>/): the same summary.json, findings.jsonl,
// junit.xml and index.html `exec` writes, with the shrunk scenario (and the original it came from) as
// findings, so a fuzz failure gets the same timeline page as any other finding.
import { CaseAccumulator, totalsOf } from '../exec/case-result.js';
import type { FuzzReport } from '../exec/fuzz.js';
import type { CaseResult, Finding, Summary } from '../exec/report-types.js';
import type { RunResult } from '../exec/run-scenario.js';
import { DEFAULT_RUN_OPTIONS } from '../scenario/executor-config.js';
import { scenarioId } from '../scenario/canonical.js';
import type { Scenario } from '../scenario/types.js';
import { writeReport } from './exec-report.js';
import { FindingGroups } from '../exec/finding-groups.js';
import { ReportDir } from './report-dir.js';

export interface FuzzReportInput {
  readonly configFile: string;
  readonly configName: string;
  readonly bugs: readonly string[];
  readonly reproduce: string;
  /** Replay command of the shrunk scenario (its regression file), when one was written. */
  readonly replay: string | null;
  readonly reportsRoot: string;
  readonly meta: Record<string, unknown>;
}

/** Writes the report; returns its directory. */
export function writeFuzzReport(report: FuzzReport, input: FuzzReportInput): string {
  const dir = new ReportDir(input.reportsRoot, `fuzz-${input.configName}`);
  const options = { ...DEFAULT_RUN_OPTIONS, bugs: input.bugs };
  const acc = new CaseAccumulator({ name: 'fuzz', expect: 'pass', bugs: input.bugs, options }, input.reproduce);
  const findings: Finding[] = [];
  const add = (index: number, scenario: Scenario | null, result: RunResult | null, replay: string): void => {
    if (scenario === null || result === null) return;
    const f = acc.add(index, scenarioId(scenario), scenario, result, () => replay);
    if (f !== null) findings.push(f);
  };
  add(0, report.shrunk, report.shrunkResult, input.replay ?? input.reproduce);
  add(1, report.counterexample, report.counterexampleResult, input.reproduce);
  const passes = report.numRuns - (report.failed ? 1 : 0);
  for (let i = 0; i < passes; i++) acc.restore(null);
  dir.record(findings.map((f) => ({ caseIndex: 0, scenarioIndex: f.scenarioIndex, finding: f })));
  const cases: CaseResult[] = [acc.finish()];
  const summary: Summary = {
    schemaVersion: 1, name: `fuzz-${input.configName}`, config: input.configFile,
    options: { ...options, seed: String(report.seed) }, cases, totals: totalsOf(cases), ok: !report.failed, meta: input.meta,
  };
  writeReport(dir, summary, FindingGroups.of(findings));
  dir.commit();
  return dir.finalDir;
}
