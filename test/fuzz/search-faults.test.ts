// The `faults` dimension of a config's `search` block (docs/fuzzing.md, src/gen/arbitrary-search-faults.ts).
//
// Setup:  all_random (n = 4, twin a, 7 scripted rounds, round timeouts of 15-40 ticks, up to 2 rules),
//         and small spaces without a twin or with f = 0.
// Expect: a run switches the dimension on or off; off, it draws exactly the scenario of the config
//         without the dimension, and on, that scenario plus rules; a delay names a scripted round and
//         lasts 1 to 2x the scenario's round timeout; a mutation is a declared one, of a twin
//         replica's messages to honest receivers; without a twin or with f = 0 only delays; shrinking
//         ends at one rule with the fewest ticks past the timeout, or at no rule; bad values are refused.
import { expect } from 'chai';
import fc from 'fast-check';
import { scenarios } from '../../src/gen/arbitraries.js';
import type { GeneratorConfig } from '../../src/gen/config.js';
import { canDraw, strategyFaults } from '../../src/gen/strategies.js';
import { protocolNamed } from '../../src/protocols/registry.js';
import { UserError } from '../../src/scenario/errors.js';
import type { FailureRule, Scenario } from '../../src/scenario/types.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { configOf, shippedConfig } from './kit.js';

const config = shippedConfig('all_random');
const MUTATIONS = protocolNamed('diembft').mutations!.names;

function withoutFaults(c: GeneratorConfig): GeneratorConfig {
  return { ...c, search: { ...c.search!, faults: null } };
}

function withoutRules(s: Scenario): Scenario {
  const { rules: _, ...rest } = s;
  return rest;
}

const timeoutOf = (s: Scenario): number => s.roundTimeoutTicks ?? 20;
const isDelay = (r: FailureRule): boolean => r.action === 'delay';

function minimal(failsOn: (s: Scenario) => boolean, c: GeneratorConfig = config, seed = 5): Scenario {
  const out = fc.check(fc.property(scenarios(c), (s) => !failsOn(s)), { seed, numRuns: 1000 });
  expect(out.failed).to.equal(true);
  return out.counterexample![0];
}

describe('fuzz search: the faults dimension', () => {
  const drawn = fc.sample(scenarios(config), { seed: 3, numRuns: 500 });

  it('draws, with the dimension off, exactly the scenario of the config without it, and with it on, that scenario plus rules', () => {
    for (const seed of [1, 3]) {
      const withIt = fc.sample(scenarios(config), { seed, numRuns: 500 });
      const without = fc.sample(scenarios(withoutFaults(config)), { seed, numRuns: 500 });
      withIt.forEach((s, i) => expect(withoutRules(s), `seed ${seed} run ${i}`).to.deep.equal(without[i]));
      for (const s of without) expect(s).to.not.have.property('rules');
      const ruled = withIt.filter((s) => s.rules !== undefined).length;
      expect(ruled / withIt.length, 'share of runs with rules').to.be.within(0.2, 0.5);
    }
  });

  it('draws delays of a scripted round lasting 1 to 2x the round timeout, and mutations of a twin replica to honest receivers', () => {
    for (const s of drawn) {
      validateScenario(JSON.parse(JSON.stringify(s)), 'drawn');
      for (const r of s.rules ?? []) {
        expect(r.rounds).to.have.lengthOf(1);
        expect((r.rounds as readonly number[])[0]).to.be.within(1, s.rounds.length);
        if (isDelay(r)) {
          expect(r.ticks).to.be.within(1, 2 * timeoutOf(s));
        } else {
          expect(r).to.deep.include({ action: 'mutate', kind: '*' });
          expect(['a', "a'"]).to.include(r.src);
          expect(['b', 'c', 'd']).to.include(r.dest);
          expect(MUTATIONS).to.include(r.mutation);
        }
      }
    }
    const rules = drawn.flatMap((s) => (s.rules ?? []).map((r) => ({ r, timeout: timeoutOf(s) })));
    expect(rules.filter(({ r }) => !isDelay(r)).length, 'mutations').to.be.greaterThan(20);
    expect(rules.filter(({ r, timeout }) => isDelay(r) && r.ticks! > timeout).length, 'delays past the timeout').to.be.greaterThan(10);
    expect(rules.filter(({ r, timeout }) => isDelay(r) && r.ticks! <= timeout).length, 'delays within it').to.be.greaterThan(10);
    for (const end of ['src', 'dest', 'kind'] as const) {
      expect(rules.some(({ r }) => isDelay(r) && r[end] === '*'), `${end} *`).to.equal(true);
      expect(rules.some(({ r }) => isDelay(r) && r[end] !== '*'), `${end} named`).to.equal(true);
    }
  });

  it('draws delays only without a twin or with f = 0', () => {
    for (const c of [configOf({ twins: 0, leaders: 'all', search: { faults: { rules: 2 } } }),
      configOf({ nodes: 3, search: { faults: { rules: 2 } } })]) {
      const rules = fc.sample(scenarios(c), { seed: 3, numRuns: 300 }).flatMap((s) => s.rules ?? []);
      expect(rules.length).to.be.greaterThan(50);
      expect(rules.every(isDelay)).to.equal(true);
    }
  });

  it('draws the mutations of the config\'s protocol', () => {
    const pbft = configOf({ protocol: 'pbft', search: { faults: { rules: 2 } } });
    const names = protocolNamed('pbft').mutations!.names;
    const mutated = fc.sample(scenarios(pbft), { seed: 3, numRuns: 300 }).flatMap((s) => s.rules ?? []).filter((r) => !isDelay(r));
    expect(mutated.length).to.be.greaterThan(20);
    for (const r of mutated) expect(names).to.include(r.mutation);
  });
});

describe('fuzz search: the fault actions the twins strategy draws', () => {
  it('are the search block\'s: a crash, delays, and mutations only with a twin and f > 0', () => {
    expect(strategyFaults('twins', config)).to.deep.equal(['crash', 'delay', 'mutate']);
    expect(strategyFaults('twins', withoutFaults(config))).to.deep.equal(['crash']);
    expect(strategyFaults('twins', configOf({ nodes: 3, search: { faults: { rules: 2 } } }))).to.deep.equal(['delay']);
    expect(strategyFaults('twins', configOf({}))).to.deep.equal([]);
    expect(canDraw('twins', { exposedBy: 'mutate' }, config)).to.equal(true);
    expect(canDraw('twins', { exposedBy: 'setattr' }, config)).to.equal(false);
  });
});

describe('fuzz search: where the faults dimension shrinks to', () => {
  it('"a delay past the round timeout" shrinks to one rule delaying every message of round 1 by 21 ticks, everything else off', () => {
    const s = minimal((x) => (x.rules ?? []).some((r) => isDelay(r) && r.ticks! > timeoutOf(x)));
    expect(s.rules).to.deep.equal([{ src: '*', dest: '*', kind: '*', rounds: [1], action: 'delay', ticks: 21 }]);
    expect(s).to.not.have.any.keys('delays', 'roundTimeoutTicks', 'crashes', 'workloads');
    expect(s.rounds).to.deep.equal([{ leader: 'a', partitions: [['a', "a'", 'b', 'c', 'd']] }]);
  });

  it('"a delay past a round timeout of 30 or more" keeps the timeout at 30 and the delay at 31 ticks', () => {
    const s = minimal((x) => timeoutOf(x) >= 30 && (x.rules ?? []).some((r) => isDelay(r) && r.ticks! > timeoutOf(x)));
    expect(s.roundTimeoutTicks).to.equal(30);
    expect(s.rules!.map((r) => [r.action, r.ticks])).to.deep.equal([['delay', 31]]);
  });

  it('"a mutation" shrinks to one mutation of a\'s round-1 messages to one receiver, the first declared one', () => {
    const s = minimal((x) => (x.rules ?? []).some((r) => r.action === 'mutate'));
    expect(s.rules).to.have.lengthOf(1);
    expect(s.rules![0]).to.deep.include({ src: 'a', kind: '*', rounds: [1], action: 'mutate', mutation: MUTATIONS[0] });
  });

  it('a failure that needs no rule shrinks to a scenario without any', () => {
    expect(minimal((x) => x.rounds.length >= 2)).to.not.have.property('rules');
  });
});

describe('fuzz search: the faults block of a generator config', () => {
  it('refuses a rule count out of range or of the wrong type, and an unknown field, with the JSON path', () => {
    expect(() => configOf({ search: { faults: { rules: 0 } } })).to.throw(UserError, 'kit.json: $.search.faults.rules: must be >= 1');
    expect(() => configOf({ search: { faults: { rules: 9 } } })).to.throw(UserError, 'kit.json: $.search.faults.rules: must be <= 8');
    expect(() => configOf({ search: { faults: { rules: 'two' } } })).to.throw(UserError, 'kit.json: $.search.faults.rules: must be integer');
    expect(() => configOf({ search: { faults: {} } })).to.throw(UserError, 'kit.json: $.search.faults: missing required field "rules"');
    expect(() => configOf({ search: { faults: { rules: 2, kinds: ['vote'] } } })).to.throw(UserError, 'kit.json: $.search.faults.kinds: unknown field "kinds"');
  });
});
