// The CI fuzz suite, teeth (DESIGN §8, STYLE rule 12): for every catalogued bug (the default search
// can draw every one of them, the ones only a Byzantine mutation, a delay past the round timeout or
// a crash exposes through the all_random search block), the fuzzer finds a violation from a fixed
// seed and shrinks it to at most 4 scripted rounds that still fire the same
// oracle, still fail with the bug and pass without it. The search and the shrink are deterministic:
// the same seed gives the same regression file, byte for byte.
import { expect } from 'chai';
import { BUG_CATALOGUE } from '../../src/protocols/diembft/bugs.js';
import { canDraw } from '../../src/gen/strategies.js';
import { fuzz, fuzzFrom, regressionScenario, type FuzzReport } from '../../src/exec/fuzz.js';
import { runScenario } from '../../src/exec/run-scenario.js';
import { compareShapes, scenarioShape } from '../../src/gen/arbitrary-shape.js';
import { canonicalJson } from '../../src/scenario/canonical.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { FUZZ_TARGETS, shippedConfig } from './kit.js';

const RUNS = 5000;

function fuzzBug(bug: string, config: string, seed = 1): FuzzReport {
  return fuzz(shippedConfig(config), { seed, numRuns: RUNS, exec: { bugs: [bug] } });
}

/** The catalogued bugs the default search of all_random can draw: not those only a fault it never draws exposes. */
const DRAWABLE = BUG_CATALOGUE.filter((b) => canDraw('twins', b, shippedConfig('all_random'))).map((b) => b.name);

describe('fuzz suite: every catalogued bug is found and shrunk', function () {
  this.timeout(300_000);

  it('has a fuzz target for every bug in the catalogue, and the default search of all_random can draw each', () => {
    expect(FUZZ_TARGETS.map((t) => t.bug)).to.have.members(DRAWABLE);
    expect(BUG_CATALOGUE.filter((b) => !DRAWABLE.includes(b.name)).map((b) => b.name)).to.deep.equal([]);
    expect(DRAWABLE).to.include.members(['block_round_unjustified', 'restart_from_high_qc', 'timeout_keeps_vote_round']);
  });

  for (const { bug, config } of FUZZ_TARGETS) {
    it(`${bug}: ${config} with seed 1 fails, and shrinks to <= 4 rounds that fire the same oracle`, () => {
      const report = fuzzBug(bug, config, 1);
      expect(report.failed, `no failure in ${RUNS} runs`).to.equal(true);
      const original = report.counterexampleResult!;
      const oracle = report.violation!.oracle;
      const shrunk = validateScenario(JSON.parse(JSON.stringify(report.shrunk)), 'shrunk');
      expect(shrunk.rounds.length).to.be.at.most(4);
      expect(compareShapes(scenarioShape(shrunk), scenarioShape(report.counterexample!))).to.be.at.most(0);
      expect(original.violations.map((v) => v.oracle), 'the first failure fires the oracle').to.include(oracle);
      expect(runScenario(shrunk, { bugs: [bug] }).violations.map((v) => v.oracle)).to.include(oracle);
      expect(runScenario(shrunk, { bugs: [] }).verdict, 'the shrunk scenario passes without the bug').to.equal('pass');
    });
  }
});

describe('fuzz suite: the default search finds every catalogued bug with seeds 1 to 5', function () {
  this.timeout(600_000);
  const DEFAULT_RUNS = 10_000;

  for (const bug of DRAWABLE) {
    it(`${bug}: all_random with seeds 1-5 fails within the default ${DEFAULT_RUNS} runs`, () => {
      for (const seed of [1, 2, 3, 4, 5]) {
        const report = fuzz(shippedConfig('all_random'), { seed, numRuns: DEFAULT_RUNS, exec: { bugs: [bug] } });
        expect(report.failed, `seed ${seed}: no failure in ${DEFAULT_RUNS} runs`).to.equal(true);
        expect(runScenario(report.shrunk!, { bugs: [] }).verdict, `seed ${seed}: the shrunk scenario passes without the bug`)
          .to.equal('pass');
      }
    });
  }
});

describe('fuzz suite: determinism', function () {
  this.timeout(300_000);
  const origin = { command: 'twins fuzz generator-configs/fuzz_commit.json --seed 1', generator: 'fuzz_commit', configHash: 'x' };

  it('the same seed gives the same runs, shrink steps and regression file, byte for byte', () => {
    const [a, b] = [fuzzBug('commit_one_chain', 'fuzz_commit'), fuzzBug('commit_one_chain', 'fuzz_commit')];
    expect(a.runsToFailure).to.equal(b.runsToFailure);
    expect(a.numShrinks).to.equal(b.numShrinks);
    expect(a.counterexamplePath).to.equal(b.counterexamplePath);
    const text = (r: FuzzReport): string => canonicalJson(regressionScenario(r, origin, ['commit_one_chain']));
    expect(text(a)).to.equal(text(b));
  });

  it('a different seed searches differently', () => {
    const [a, b] = [fuzzBug('commit_one_chain', 'fuzz_commit', 1), fuzzBug('commit_one_chain', 'fuzz_commit', 2)];
    expect(canonicalJson(a.counterexample)).to.not.equal(canonicalJson(b.counterexample));
  });

  it('the fast-check path replays the shrunk counterexample directly', () => {
    const first = fuzzBug('commit_no_consecutive', 'fuzz_commit');
    const replay = fuzz(shippedConfig('fuzz_commit'), {
      seed: 1, numRuns: RUNS, exec: { bugs: ['commit_no_consecutive'] }, path: first.counterexamplePath!,
    });
    expect(replay.runsToFailure).to.equal(1);
    expect(canonicalJson(replay.shrunk)).to.equal(canonicalJson(first.shrunk));
    // A search judged elsewhere hands over its first failing run; fuzzFrom shrinks it as fuzz did.
    const from = fuzzFrom(shippedConfig('fuzz_commit'), { seed: 1, numRuns: RUNS, exec: { bugs: ['commit_no_consecutive'] } },
      { index: first.runsToFailure! - 1 });
    expect(from).to.deep.equal(first);
  });

  it('fuzzFrom refuses a run that does not fail: the search and the replay disagree', () => {
    expect(() => fuzzFrom(shippedConfig('fuzz_commit'), { seed: 1, numRuns: RUNS }, { index: 3 }))
      .to.throw(Error, 'run 3 of seed 1 failed in the search but passed on replay');
  });
});

describe('fuzz suite: search control', () => {
  it('shouldStop ends the search as interrupted, not failed, after exactly the runs it allowed', () => {
    let asked = 0;
    const report = fuzz(shippedConfig('all_random'), { seed: 1, numRuns: 1000, shouldStop: () => ++asked > 25 });
    expect(report).to.deep.include({ failed: false, interrupted: true, numRuns: 25, runsToFailure: null, shrunk: null });
  });

  it('ignoreOracles leaves an oracle family out of the judgement', () => {
    const all = fuzz(shippedConfig('all_random'), { seed: 1, numRuns: 50, exec: { bugs: ['vote_leader_current_round'] } });
    const safety = fuzz(shippedConfig('all_random'), {
      seed: 1, numRuns: 50, exec: { bugs: ['vote_leader_current_round'] }, ignoreOracles: ['liveness.'],
    });
    expect(all.violation?.kind).to.equal('liveness');
    expect(safety.failed).to.equal(false);
  });

  it('onRun reports every scenario run, split into search and shrink', () => {
    const counts = { search: 0, shrink: 0 };
    const report = fuzz(shippedConfig('all_random'), {
      seed: 1, numRuns: 100, exec: { bugs: ['conflicting_votes'] }, onRun: (phase) => counts[phase]++,
    });
    expect(counts).to.deep.equal({ search: report.runsToFailure, shrink: report.shrinkRuns });
  });
});
