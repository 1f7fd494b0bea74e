// Process faults (docs/file-formats.md, `setAttrs`): at a trigger round a Byzantine replica's
// protocol-declared attribute is set to a value.
//
// Setup:  n = 4 DiemBFT identities a, b, c, d, a Byzantine; four scripted rounds on a whole network led
//         by a, b, c, d, then 7 GST rounds.
// Expect: DiemBFT's highest-vote-round set high makes a refuse every later vote it would have cast;
//         current-round set ahead makes a refuse proposals of the rounds it skipped; each gives the same
//         trace hash twice; the honest replicas still pass; the set stops at the heal.
import { expect } from 'chai';
import { runScenario } from '../../src/exec/run-scenario.js';
import type { TraceEvent } from '../../src/kernel/trace-event.js';
import type { Scenario, SetAttrSpec } from '../../src/scenario/types.js';
import { parseScenarioText } from '../../src/scenario/validate.js';

const WHOLE = [['a', 'b', 'c', 'd']];

function scenario(setAttrs: readonly SetAttrSpec[]): Scenario {
  return parseScenarioText(JSON.stringify({
    schemaVersion: 1, nodes: ['a', 'b', 'c', 'd'], twins: [], byzantine: ['a'],
    rounds: ['a', 'b', 'c', 'd'].map((leader) => ({ leader, partitions: WHOLE })), gst: { rounds: 7 }, setAttrs,
  }), 'attrs.json');
}

const rejectsOf = (t: readonly TraceEvent[], replica: string): string[] =>
  t.flatMap((e) => (e.type === 'reject' && e.replica === replica ? [e.detail] : []));

describe('setAttrs: process faults on a Byzantine replica', () => {
  it('highest-vote-round set to 50 in round 2 makes a refuse its later votes, and the run still passes', () => {
    const s = scenario([{ replica: 'a', round: 2, attribute: 'highest-vote-round', value: 50 }]);
    const r = runScenario(s, {}, { trace: true });
    expect(rejectsOf(r.trace!, 'a').some((d) => d.includes('<= highest vote round 50'))).to.equal(true);
    expect(rejectsOf(runScenario(scenario([]), {}, { trace: true }).trace!, 'a')).to.deep.equal([]);
    expect(r.verdict).to.equal('pass');
    expect(runScenario(s).traceHash).to.equal(r.traceHash);
  });

  it('current-round set to 9 makes a refuse the proposals of rounds it skipped', () => {
    const r = runScenario(scenario([{ replica: 'a', round: 2, attribute: 'current-round', value: 9 }]), {}, { trace: true });
    expect(rejectsOf(r.trace!, 'a').some((d) => d.includes('!= current round 9'))).to.equal(true);
    expect(r.verdict).to.equal('pass');
  });

  it('never fires when the trigger round comes only after the heal', () => {
    const plain = runScenario(scenario([]));
    const late = runScenario(scenario([{ replica: 'a', round: 9, attribute: 'highest-vote-round', value: 50 }]));
    expect(late.traceHash).to.equal(plain.traceHash);
  });
});
