// `twins fuzz --workers N` against the single-threaded search (DESIGN §8, §10; STYLE rule 12): the
// search on worker threads must give the same report as `fuzz`, field for field, for any number of
// workers: the same runs to the failure, counterexample, shrunk scenario, shrink steps and replay
// path, and the same number of runs when nothing fails. A worker that dies is replaced, and the run
// it died on is a crash, the counterexample when it comes first.
import { DYING_FUZZ_WORKER, FUZZ_EXIT_ON_RUN } from '../cli/dying-workers.js';
import { expect } from 'chai';
import { fuzzOnPool } from '../../src/cli/fuzz-pool.js';
import { CRASH_ORACLE, fuzz, passedReport, type FuzzOptions, type FuzzReport } from '../../src/exec/fuzz.js';
import { scenarios } from '../../src/gen/arbitraries.js';
import { checkDraws } from '../../src/gen/check-draws.js';
import { shippedConfig } from './kit.js';

/** A report and the progress calls that came with it. */
async function withProgress(search: (options: FuzzOptions) => FuzzReport | Promise<FuzzReport>, options: FuzzOptions):
  Promise<{ report: FuzzReport; runs: { search: number; shrink: number } }> {
  const runs = { search: 0, shrink: 0 };
  const report = await search({ ...options, onRun: (phase) => runs[phase]++ });
  return { report, runs };
}

const sequentialReports = new Map<string, FuzzReport>();

/** `fuzz`'s report, computed once per config and options (progress callbacks aside). */
function sequential(config: string, options: FuzzOptions): FuzzReport {
  const key = JSON.stringify({ config, options });
  if (!sequentialReports.has(key)) sequentialReports.set(key, fuzz(shippedConfig(config), options));
  return sequentialReports.get(key)!;
}

describe('fuzz on worker threads: the same report as one thread', function () {
  this.timeout(120_000);

  // tc_small_quorum fails at run 1, in the batch the main thread judges itself; the fuzz_commit bugs
  // fail at runs 165 and 661, in the 6th and the 21st batch, on the pool.
  for (const { bug, config, seed, workers } of [
    { bug: 'tc_small_quorum', config: 'all_random', seed: 3, workers: 2 },
    { bug: 'commit_one_chain', config: 'fuzz_commit', seed: 1, workers: 3 },
    { bug: 'commit_no_consecutive', config: 'fuzz_commit', seed: 1, workers: 2 },
  ]) {
    it(`${bug} on ${config}, seed ${seed}: ${workers} workers give fuzz()'s report and progress`, async () => {
      const options = { seed, numRuns: 5000, exec: { bugs: [bug] } };
      const one = await withProgress((o) => fuzz(shippedConfig(config), o), options);
      const many = await withProgress((o) => fuzzOnPool(shippedConfig(config), o, workers), options);
      expect(one.report.failed).to.equal(true);
      expect(many.report).to.deep.equal(one.report);
      expect(many.runs).to.deep.equal(one.runs);
      sequentialReports.set(JSON.stringify({ config, options }), one.report);
    });
  }

  it('the correct protocol, 1,000 runs of fuzz_commit: the same clean report', async () => {
    const options = { seed: 1, numRuns: 1000 };
    const report = await fuzzOnPool(shippedConfig('fuzz_commit'), options, 2, DYING_FUZZ_WORKER);
    expect(report).to.deep.equal(sequential('fuzz_commit', options));
    expect(report).to.deep.equal(passedReport(1, 1000, false));
  });

  it('shouldStop is asked between batches of 32 runs: allowed twice, the search ends after 64 runs', async () => {
    let asked = 0;
    const report = await fuzzOnPool(shippedConfig('all_random'), { seed: 1, numRuns: 1000, shouldStop: () => ++asked > 2 }, 2);
    expect(report).to.deep.equal(passedReport(1, 64, true));
  });
});

describe('fuzz on worker threads: a worker that dies', function () {
  this.timeout(120_000);
  const HOOK = FUZZ_EXIT_ON_RUN;
  afterEach(() => {
    delete process.env[HOOK];
  });

  it('is replaced, and the run it died on is the counterexample, a crash (one worker, which dies on run 40)', async () => {
    // Run 40 is the 9th of its batch: runs 32..39 are judged again on the replacement worker and
    // pass, which they could not if the pool had not replaced the only worker it had.
    process.env[HOOK] = '40';
    const config = shippedConfig('fuzz_commit');
    const report = await fuzzOnPool(config, { seed: 1, numRuns: 200 }, 1, DYING_FUZZ_WORKER);
    const drawn = [...checkDraws(scenarios(config), 1, 41)][40];
    expect(report).to.deep.include({ failed: true, runsToFailure: 41, numRuns: 41, numShrinks: 0, counterexamplePath: '40' });
    expect(report.counterexample).to.deep.equal(drawn);
    expect(report.shrunk).to.deep.equal(drawn);
    expect(report.violation!.oracle).to.equal(CRASH_ORACLE);
    expect(report.counterexampleResult).to.deep.include({ verdict: 'crash', error: 'worker died: worker exited with code: 70' });
    expect(report.shrunkResult).to.equal(report.counterexampleResult);
  });

  it('on a run after the first failure changes nothing (dies on run 2432; commit_no_consecutive fails at run 2418)', async () => {
    // Run 2432 opens the batch after the failing one, which runs alongside it: the worker usually dies
    // before run 2418 is reached, but that is up to the scheduler, and neither way may matter.
    process.env[HOOK] = '2432';
    const options = { seed: 1, numRuns: 5000, exec: { bugs: ['commit_no_consecutive'] } };
    const report = await fuzzOnPool(shippedConfig('fuzz_commit'), options, 2, DYING_FUZZ_WORKER);
    expect(report).to.deep.equal(sequential('fuzz_commit', options));
  });
});
