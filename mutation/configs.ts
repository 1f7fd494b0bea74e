// The shipped executor configs as one mutant's test sees them: every case of every config in
// executor-configs/ run in this thread, judged as `twins exec` judges it (the most severe verdict
// of the case's scenarios must be its expectation, src/exec/case-result.ts), without writing a
// report. main.json is left out: its cases are 10,000 generated all_random scenarios, the space the
// fuzz run of the same check searches. Only scenarios of the mutated protocol run (the PBFT configs
// cannot meet a DiemBFT mutant), and the search stops at the first case that misses: one miss kills.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadExecutorConfig } from '../src/cli/exec-run.js';
import { sourceOf } from '../src/cli/scenario-source.js';
import { runScenario } from '../src/exec/run-scenario.js';
import type { Verdict } from '../src/exec/report-types.js';
import { resolveCaseOptions } from '../src/scenario/executor-config.js';

const SEVERITY: Readonly<Record<Verdict, number>> = { pass: 0, crash: 1, 'liveness-violation': 2, 'safety-violation': 3 };

/**
 * The first case (in file order) of `protocol` that missed its expectation, as
 * `config/case: expected X, got Y (oracle)`; empty when every case met it.
 */
export function shippedConfigMisses(root: string, protocol = 'diembft'): string[] {
  const dir = join(root, 'executor-configs');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'main.json').sort();
  const misses: string[] = [];
  for (const file of files) {
    const path = join(dir, file);
    const config = loadExecutorConfig(path);
    for (const [i, c] of config.cases.entries()) {
      const options = resolveCaseOptions(config, c);
      let verdict: Verdict = 'pass';
      let why = '';
      let ran = false;
      for (const { scenario } of sourceOf(c, path, `$.cases[${i}]`).scenarios()) {
        if ((scenario.protocol ?? 'diembft') !== protocol) continue;
        ran = true;
        const result = runScenario(scenario, options);
        if (SEVERITY[result.verdict] > SEVERITY[verdict]) {
          verdict = result.verdict;
          why = result.violations[0]?.oracle ?? result.error?.split('\n')[0] ?? '';
        }
      }
      if (ran && verdict !== c.expect) {
        misses.push(`${config.name}/${c.name}: expected ${c.expect}, got ${verdict}${why === '' ? '' : ` (${why})`}`);
        return misses;
      }
    }
  }
  return misses;
}
