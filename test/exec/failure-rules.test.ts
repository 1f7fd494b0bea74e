// Failure rules (docs/file-formats.md, "Failure rules"): per-message drop, delay, duplicate and
// Byzantine mutation before the heal, chosen by hashing (rule, message, destination).
//
// Setup:  n = 4 DiemBFT identities a, b, c, d, no twins, four scripted rounds on a whole network led
//         by a, b, c, d, then 7 GST rounds; identity a is Byzantine where a rule mutates.
// Expect: each action does what it says in the trace; probability 0/den never fires and den/den
//         always does; the same seed and scenario give the same trace hash with rules active (checked
//         over random rules); the correct protocol passes under every action; a scenario without
//         rules runs as before; the liveness bound after the heal grows by the longest rule delay.
import { expect } from 'chai';
import fc from 'fast-check';
import { runScenario } from '../../src/exec/run-scenario.js';
import type { TraceEvent } from '../../src/kernel/trace-event.js';
import type { FailureRule, Scenario } from '../../src/scenario/types.js';
import { parseScenarioText } from '../../src/scenario/validate.js';

const WHOLE = [['a', 'b', 'c', 'd']];
const BASE = {
  schemaVersion: 1, nodes: ['a', 'b', 'c', 'd'], twins: [],
  rounds: ['a', 'b', 'c', 'd'].map((leader) => ({ leader, partitions: WHOLE })), gst: { rounds: 7 },
};
const EARLY = { min: 1, max: 4 };

function scenario(rules: readonly FailureRule[], extra: Record<string, unknown> = {}): Scenario {
  return parseScenarioText(JSON.stringify({ ...BASE, ...extra, rules }), 'rules.json');
}

function trace(s: Scenario, seed = '1'): readonly TraceEvent[] {
  return runScenario(s, { seed }, { trace: true }).trace!;
}

const deliveries = (t: readonly TraceEvent[]) => t.filter((e) => e.type === 'deliver' && e.from !== e.to);

describe('failure rules: drop, delay, duplicate and mutate per message', () => {
  it('drops every vote a rule with probability 1 names, with reason "rule", and only in its rounds', () => {
    // Round r's votes go to the leader of round r + 1: b gets the votes of round 1, d those of round 3.
    const t = trace(scenario([{ src: '*', dest: 'b', kind: 'vote', rounds: [1, 3], action: 'drop' }]));
    const dropped = t.filter((e) => e.type === 'drop' && e.reason === 'rule');
    expect(dropped.length).to.equal(3); // a, c and d to b; b's own vote is self-delivery, never faulted
    for (const e of dropped) {
      if (e.type !== 'drop') continue;
      expect([e.kind, e.to, e.round]).to.deep.equal(['vote', 'b', 1]);
    }
  });

  it('never fires with probability 0/den and always with den/den', () => {
    const plain = runScenario(scenario([]));
    const never = runScenario(scenario([{ src: '*', dest: '*', kind: '*', rounds: EARLY, action: 'drop', probability: { num: 0, den: 5 } }]));
    expect(never.traceHash).to.equal(plain.traceHash);
    const always = trace(scenario([{ src: '*', dest: '*', kind: 'proposal', rounds: [1], action: 'drop', probability: { num: 5, den: 5 } }]));
    expect(always.filter((e) => e.type === 'drop' && e.reason === 'rule' && e.kind === 'proposal').length).to.equal(3);
  });

  it('with probability 1/2 drops some of the messages it matches, not all', () => {
    const t = trace(scenario([{ src: '*', dest: '*', kind: 'vote', rounds: EARLY, action: 'drop', probability: { num: 1, den: 2 } }]));
    const dropped = t.filter((e) => e.type === 'drop' && e.reason === 'rule').length;
    const delivered = deliveries(t).filter((e) => e.type === 'deliver' && e.kind === 'vote' && e.round <= 4).length;
    expect(dropped).to.be.greaterThan(0);
    expect(delivered).to.be.greaterThan(0);
  });

  it('delays a message by the rule\'s ticks, past its round', () => {
    const t = trace(scenario([{ src: 'a', dest: 'c', kind: 'proposal', rounds: [1], action: 'delay', ticks: 6 }]));
    const late = deliveries(t).find((e) => e.type === 'deliver' && e.from === 'a' && e.to === 'c' && e.kind === 'proposal' && e.round === 1);
    expect(late?.tick).to.equal(6);
    const cEntered2 = t.find((e) => e.type === 'enter-round' && e.replica === 'c' && e.round === 2);
    expect(cEntered2!.tick).to.be.lessThan(6);
  });

  it('delivers a duplicated message twice', () => {
    const t = trace(scenario([{ src: 'a', dest: 'b', kind: 'proposal', rounds: [1], action: 'duplicate' }]));
    const copies = deliveries(t).filter((e) => e.type === 'deliver' && e.from === 'a' && e.to === 'b' && e.kind === 'proposal' && e.round === 1);
    expect(copies.length).to.equal(2);
  });

  it('mutates a Byzantine sender\'s vote round by one, re-signed, and honest receivers see the moved round', () => {
    const s = scenario([{ src: 'a', dest: '*', kind: 'vote', rounds: [2], action: 'mutate', mutation: 'round-up' }], { byzantine: ['a'] });
    const t = trace(s);
    const fromA = deliveries(t).filter((e) => e.type === 'deliver' && e.from === 'a' && e.kind === 'vote');
    expect(fromA.some((e) => e.type === 'deliver' && e.what.startsWith('vote r3 '))).to.equal(true);
    expect(fromA.some((e) => e.type === 'deliver' && e.what.startsWith('vote r2 '))).to.equal(false);
  });

  it('leaves an honest sender\'s messages alone under a `*` mutate rule', () => {
    const rule: FailureRule = { src: '*', dest: '*', kind: '*', rounds: EARLY, action: 'mutate', mutation: 'round-up' };
    const plain = runScenario(scenario([]));
    expect(runScenario(scenario([rule])).traceHash).to.equal(plain.traceHash);
    expect(runScenario(scenario([rule], { byzantine: ['a'] })).traceHash).to.not.equal(plain.traceHash);
  });

  for (const action of ['drop', 'delay', 'duplicate', 'mutate'] as const) {
    it(`the correct protocol passes with every message of rounds 1-4 under '${action}' at 1/2`, () => {
      const rule: FailureRule = { src: '*', dest: '*', kind: '*', rounds: EARLY, action, probability: { num: 1, den: 2 },
        ...(action === 'delay' ? { ticks: 30 } : {}) };
      for (const seed of ['1', '2', '3']) {
        const r = runScenario(scenario([rule], { byzantine: ['a'] }), { seed });
        expect(r.verdict, `seed ${seed}: ${JSON.stringify(r.violations)}`).to.equal('pass');
      }
    });
  }

  it('lengthens the liveness bound after the heal by the longest rule delay', () => {
    // d is cut off in the scripted rounds; with a 5-tick bound it cannot catch up in time. The rule
    // (a self-delivery, which is never faulted) changes no message, only the bound: 5 + 500 ticks.
    const cut = { rounds: ['a', 'b', 'c', 'd'].map((leader) => ({ leader, partitions: [['a', 'b', 'c'], ['d']] })) };
    const tight = runScenario(scenario([], cut), { livenessTicks: 5 });
    expect(tight.verdict).to.equal('liveness-violation');
    const rule: FailureRule = { src: 'd', dest: 'd', kind: 'sync', rounds: [1], action: 'delay', ticks: 500 };
    expect(runScenario(scenario([rule], cut), { livenessTicks: 5 }).verdict).to.equal('pass');
  });

  it('gives the same trace hash for the same seed and scenario with rules active', () => {
    const arbRule: fc.Arbitrary<FailureRule> = fc.record({
      src: fc.constantFrom('*', 'leader', 'a'), dest: fc.constantFrom('*', 'leader', 'c', 'd'),
      kind: fc.constantFrom('*', 'proposal', 'vote', 'timeout'),
      rounds: fc.integer({ min: 1, max: 4 }).map((min) => ({ min, max: min + 1 })),
      probability: fc.integer({ min: 1, max: 4 }).map((num) => ({ num, den: 4 })),
      action: fc.constantFrom('drop', 'delay', 'duplicate', 'mutate'),
    }).map((r) => ({ ...r, ...(r.action === 'delay' ? { ticks: 25 } : {}) }) as FailureRule);
    fc.assert(fc.property(fc.array(arbRule, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 1000 }), (rules, seed) => {
      const s = scenario(rules, { byzantine: ['a'] });
      const first = runScenario(s, { seed: String(seed) });
      const again = runScenario(scenario(rules, { byzantine: ['a'] }), { seed: String(seed) });
      expect(again.traceHash).to.equal(first.traceHash);
      expect(first.verdict).to.not.equal('crash');
    }), { numRuns: 25, seed: 19 });
  });
});
