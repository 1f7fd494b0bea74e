// A second protocol module (./leader-log.ts, written in the test folder) runs through the same seams as
// DiemBFT: the registry, scenario validation, the generator, the simulator, the generic oracles, the
// trace recorder and the codec. Nothing outside its own file knows it.
//
// Setup:  leader-log registered under its name; scenarios of n = 4 with and without a twinned leader.
// Expect: a whole network commits and passes; twins that each lead round 1 in their own group, or a
//         dropped entry, break safety.agreement; the generator writes leader-log scenarios over its one
//         kind, `entry`.
import { expect } from 'chai';
import { fuzz } from '../../src/exec/fuzz.js';
import { runScenario } from '../../src/exec/run-scenario.js';
import { parseGeneratorConfig, ScenarioSpace } from '../../src/gen/index.js';
import { protocolNamed, registerProtocol } from '../../src/protocols/registry.js';
import { UserError } from '../../src/scenario/errors.js';
import type { Scenario } from '../../src/scenario/types.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { leaderLog, type Entry } from './leader-log.js';

registerProtocol(leaderLog as unknown as Parameters<typeof registerProtocol>[0]);

const WHOLE = [['a', 'b', 'c', 'd']];
const honest: Scenario = { schemaVersion: 1, protocol: 'leader-log', nodes: ['a', 'b', 'c', 'd'], twins: [],
  rounds: [{ leader: 'a', partitions: WHOLE }, { leader: 'b', partitions: WHOLE }], gst: { rounds: 4 } };

describe('a second protocol module, defined outside src/', () => {
  it('is found by name in the registry', () => {
    expect(protocolNamed('leader-log').kinds).to.deep.equal(['entry']);
  });

  it('runs a scenario on a whole network: every replica commits the leaders\' entries and passes', () => {
    const r = runScenario(validateScenario(honest, 'honest.json'), {}, { trace: true });
    expect(r.verdict).to.equal('pass');
    expect(r.height).to.be.at.least(2);
    const commits = (r.trace ?? []).filter((e) => e.type === 'commit');
    expect(commits.length).to.be.at.least(8);
    expect(runScenario(honest).traceHash, 'deterministic').to.equal(r.traceHash);
  });

  it('is judged by the generic oracles: twins leading round 1 in two groups break agreement', () => {
    const split: Scenario = { ...honest, twins: ['a'],
      rounds: [{ leader: 'a', partitions: [['a', 'b'], ["a'", 'c', 'd']] }], gst: { rounds: 3 } };
    const r = runScenario(validateScenario(split, 'split.json'));
    expect(r.verdict).to.equal('safety-violation');
    expect(r.violations.map((v) => v.oracle)).to.include('safety.agreement');
  });

  it('has its scenarios checked against its own kinds', () => {
    const bad = { ...honest, rounds: [{ leader: 'a', partitions: WHOLE, drops: [{ from: 'a', to: 'b', type: 'vote' }] }] };
    expect(() => validateScenario(bad, 'bad.json')).to.throw(UserError, /drops\[0\]\.type: must be one of entry, any; got 'vote'/);
    const drop = { ...honest, rounds: [{ leader: 'a', partitions: WHOLE, drops: [{ from: 'a', to: 'b', type: 'entry' }] }] };
    // b misses round 1's entry, times out, and logs round 2's entry at height 1: leader-log has no sync.
    const r = runScenario(validateScenario(drop, 'drop.json'), {}, { trace: true });
    expect(r.trace?.find((e) => e.type === 'drop')).to.include({ from: 'a', to: 'b', kind: 'entry', round: 1, reason: 'drop-rule' });
    expect(r.violations.map((v) => v.oracle)).to.include('safety.agreement');
  });

  it('gets generated scenarios over its kinds from the generator', () => {
    const config = parseGeneratorConfig(JSON.stringify({ name: 'll', protocol: 'leader-log', nodes: 4, twins: 1, rounds: 2,
      partitions: { min: 1, max: 2 }, drops: { types: ['entry'], maxPerRound: 1 }, limits: { scenarios: 20 } }), 'll.json');
    const scenarios = [...new ScenarioSpace(config, 'll.json').scenarios()].map((s) => s.scenario);
    expect(scenarios).to.have.length(20);
    for (const s of scenarios) {
      expect(s.protocol).to.equal('leader-log');
      expect(runScenario(validateScenario(s, 'gen.json')).verdict).to.not.equal('crash');
    }
    expect(() => parseGeneratorConfig(JSON.stringify({ name: 'll', protocol: 'leader-log', nodes: 4, twins: 1, rounds: 2,
      partitions: { min: 1, max: 2 }, drops: { types: ['vote'], maxPerRound: 1 } }), 'll.json')).to.throw(UserError, /drops\.types\[0\]/);
  });

  it('is fuzzed like any protocol: the search finds and shrinks an agreement failure', () => {
    const report = fuzz({ protocol: 'leader-log', nodes: 4, twins: 1, rounds: 3, leaders: 'faulty' }, { seed: 1, numRuns: 200 });
    expect(report.failed).to.equal(true);
    expect(report.violation?.oracle).to.equal('safety.agreement');
    expect(report.shrunk?.protocol).to.equal('leader-log');
    expect(runScenario(report.shrunk!).verdict).to.equal('safety-violation');
  });

  it('sends its messages through its codec unchanged', () => {
    const e: Entry = { kind: 'entry', round: 3, value: "a'" };
    expect(leaderLog.codec.decode(leaderLog.codec.encode(e))).to.deep.equal(e);
  });
});
