// A Stryker reporter plugin of `npm run mutate` (mutation/run.ts): appends every mutant's result to
// a JSON-lines file (reports/mutation/mutants.jsonl) the moment it is tested. Stryker's own reports
// appear only at the end of a run, so a run stopped early leaves its finished mutants here, and
// `npm run mutate -- --from-report reports/mutation/mutants.jsonl` summarizes them.
import { appendFileSync } from 'node:fs';
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';
import type { MutantResult } from '@stryker-mutator/api/core';
import type { Reporter } from '@stryker-mutator/api/report';

/** The environment variable that names the log file (set by mutation/run.ts before Stryker starts). */
export const MUTANT_LOG_ENV = 'TWINS_MUTANT_LOG';
export const MUTANT_LOG_REPORTER = 'twins-mutant-log';

class MutantLog implements Reporter {
  private readonly file = process.env[MUTANT_LOG_ENV];

  onMutantTested(result: Readonly<MutantResult>): void {
    if (this.file === undefined) return;
    const { fileName, location, mutatorName, replacement, status, statusReason } = result;
    appendFileSync(this.file, `${JSON.stringify({ fileName, location, mutatorName, replacement, status, statusReason })}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, MUTANT_LOG_REPORTER, MutantLog)];
