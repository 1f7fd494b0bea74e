// The library API as a user's own test would use it (DESIGN §8, docs/fuzzing.md "Fuzzing from your
// own tests"): everything imported from the package root, fast-check's assert and check around it.
import { expect } from 'chai';
import {
  BUG_NAMES, ScenarioFailure, fc, fuzz, parseGeneratorConfig, runScenario, scenarioProperty, scenarios, validateScenario,
} from '../../src/index.js';

const config = parseGeneratorConfig(JSON.stringify({
  name: 'mine', nodes: 4, twins: 1, rounds: 3, partitions: { min: 1, max: 2 },
  drops: { types: ['vote'], maxPerRound: 1 },
}), 'mine.json');

describe('fuzz library API (package root)', function () {
  this.timeout(120_000);

  it('the README snippet: fc.assert over scenarios(config) and runScenario(s, opts).ok holds on the correct protocol', () => {
    fc.assert(fc.property(scenarios(config), (s) => runScenario(s, { bugs: [] }).ok), { seed: 1, numRuns: 200 });
  });

  it('the same snippet with an injected bug throws, naming the shrunk counterexample and the seed', () => {
    const run = (): void => fc.assert(fc.property(scenarios(config), (s) => runScenario(s, { bugs: ['conflicting_votes'] }).ok),
      { seed: 1, numRuns: 200 });
    expect(run).to.throw(/Property failed after \d+ tests[\s\S]*seed: 1[\s\S]*Counterexample/);
  });

  it('scenarioProperty is the ready property: its failure carries the verdict and the oracle', () => {
    const out = fc.check(scenarioProperty(config, { bugs: ['small_quorum'] }), { seed: 1, numRuns: 200 });
    expect(out.failed).to.equal(true);
    const error = out.errorInstance as ScenarioFailure;
    expect(error).to.be.instanceOf(ScenarioFailure);
    expect(error.verdict).to.equal('safety-violation');
    expect(error.message).to.match(/^safety-violation: safety\.\S+ in round \d+/);
  });

  it('scenarios() takes a few fields instead of a parsed config', () => {
    const [s] = fc.sample(scenarios({ nodes: 4, twins: 1, rounds: 2, leaders: 'all' }), { seed: 2, numRuns: 1 });
    expect(validateScenario(s, 'drawn').rounds.length).to.be.within(1, 2);
  });

  it('fuzz() returns the outcome as data: runs, the original and shrunk scenarios, the violation and the replay path', () => {
    const report = fuzz(config, { seed: 1, numRuns: 500, exec: { bugs: ['tc_small_quorum'] } });
    expect(report).to.include({ failed: true, interrupted: false, seed: 1 });
    expect(report.runsToFailure).to.be.a('number');
    expect(report.numShrinks).to.be.a('number');
    expect(report.counterexample).to.not.equal(null);
    expect(report.shrunk).to.not.equal(null);
    expect(report.violation!.oracle).to.match(/^safety\./);
    expect(report.counterexamplePath).to.match(/^\d+(:\d+)*$/);
    expect(BUG_NAMES).to.include('tc_small_quorum');
  });
});
