// What a replay is expected to show, so `twins replay` exits as `twins exec` judged the scenario: a
// finding of a case that expects its violation (the negative controls) replays with exit 0, like
// `twins report`. A finding's case and expectation come from the report's summary.json beside its
// findings.jsonl; a config case names its own; a scenario file is expected to pass.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Expectation, Verdict } from '../exec/report-types.js';
import { EXIT } from './errors.js';
import { loadExecutorConfig } from './exec-run.js';
import { readLines } from './lines.js';

export function expectationOf(target: string, flags: { case?: string }): Expectation {
  const m = /^(.*?)(?::(\d+))?$/.exec(target)!;
  const file = m[1]!;
  if (flags.case !== undefined) return loadExecutorConfig(file).cases.find((c) => c.name === flags.case)?.expect ?? 'pass';
  const summaryFile = join(dirname(file), 'summary.json');
  if (m[2] === undefined || !existsSync(summaryFile)) return 'pass';
  try {
    let caseName: unknown;
    for (const { line, lineNo } of readLines(file)) {
      if (lineNo === Number(m[2])) {
        caseName = (JSON.parse(line) as { case?: unknown }).case;
        break;
      }
    }
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { cases?: { name: string; expect: Expectation }[] };
    return summary.cases?.find((c) => c.name === caseName)?.expect ?? 'pass';
  } catch {
    // Not a report: the target was already read as a scenario, which is expected to pass.
    return 'pass';
  }
}

/** 0 when the verdict is the expected one; else 1 for safety (or a crash, or a missing safety violation), 4 for liveness. */
export function replayExitCode(verdict: Verdict, expect: Expectation): number {
  if (verdict === expect) return EXIT.ok;
  return verdict === 'safety-violation' || verdict === 'crash' || expect === 'safety-violation' ? EXIT.safety : EXIT.liveness;
}
