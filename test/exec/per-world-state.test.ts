// Per-world state only (DESIGN §4): process-wide caches (interned blocks and certificates, signature
// and digest memos, key sets, oracle plans) may live as long as a worker, but never change a result.
// Nothing a run computes depends on what ran before it in the same process.
//
// Setup:  60 all_random (W1) scenarios under mixed bugs, seeds, delays and crypto; each run first in a
//         fresh process (a child node), then in this process forward, in reverse, and interleaved
//         with runs under other chain seeds.
// Expect: every run gives the same verdict, violations, trace hash, events and ticks every time.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { runScenario, type RunResult } from '../../src/exec/run-scenario.js';
import { parseGeneratorConfig, ScenarioSpace, withOverrides } from '../../src/gen/index.js';
import type { RunOptionsInput } from '../../src/scenario/run-options.js';
import type { Scenario } from '../../src/scenario/types.js';
import { ROOT } from '../cli/run-cli.js';

const FILE = join(ROOT, 'generator-configs', 'all_random.json');
const config = withOverrides(parseGeneratorConfig(readFileSync(FILE, 'utf8'), FILE), { scenarios: 60n });
const SCENARIOS: Scenario[] = [...new ScenarioSpace(config, FILE).scenarios()].map((s) => s.scenario);
const OPTIONS: RunOptionsInput[] = [
  {}, { bugs: ['conflicting_votes'] }, { seed: '7' }, { bugs: ['small_quorum'], delayTicks: { min: 1, max: 3 } },
  { crypto: 'ed25519' }, { bugs: ['commit_one_chain'], seed: 'x' },
];
const JOBS = SCENARIOS.map((scenario, i) => ({ scenario, options: OPTIONS[i % OPTIONS.length]! }));

const digest = (r: RunResult): string =>
  JSON.stringify([r.verdict, r.violations, r.traceHash, r.events, r.ticks, r.healTick, r.height]);

/** The digests of JOBS computed by a fresh node process. */
function freshProcess(): string[] {
  const script = `
    import { runScenario } from ${JSON.stringify(join(ROOT, 'dist/src/exec/run-scenario.js'))};
    const jobs = JSON.parse(process.argv[1]);
    const out = jobs.map(({ scenario, options }) => { const r = runScenario(scenario, options);
      return JSON.stringify([r.verdict, r.violations, r.traceHash, r.events, r.ticks, r.healTick, r.height]); });
    process.stdout.write(JSON.stringify(out));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(JOBS)],
    { encoding: 'utf8', maxBuffer: 1 << 26 })) as string[];
}

describe('per-world state: caches never change a result', () => {
  it('gives every run the same result fresh, forward, reversed and between runs of other seeds', () => {
    const fresh = freshProcess();
    const forward = JOBS.map((j) => digest(runScenario(j.scenario, j.options)));
    const reversed = [...JOBS].reverse().map((j) => digest(runScenario(j.scenario, j.options))).reverse();
    const interleaved = JOBS.map((j, i) => {
      runScenario(SCENARIOS[(i * 7) % SCENARIOS.length]!, { seed: `other-${i}`, bugs: ['tc_small_quorum'] });
      return digest(runScenario(j.scenario, j.options));
    });
    expect(new Set(fresh.map((d) => JSON.parse(d)[0])).size, 'verdicts vary across the sample').to.be.greaterThan(1);
    expect(forward).to.deep.equal(fresh);
    expect(reversed).to.deep.equal(fresh);
    expect(interleaved).to.deep.equal(fresh);
  });
});
