// The `workload` dimension of a generator config's `search` block (docs/fuzzing.md,
// src/gen/arbitrary-search.ts): swarm testing gives some runs wallet clients drawn as a top-level
// `workload` is and leaves the others without clients; shrinking turns the clients off first, or,
// when a failure needs them, down to one client per workload with one request and an amount of 1;
// `twins gen` ignores the dimension; a bad block is refused with the file and its JSON path.
import { expect } from 'chai';
import fc from 'fast-check';
import { scenarios } from '../../src/gen/arbitraries.js';
import { ScenarioSpace } from '../../src/gen/index.js';
import { UserError } from '../../src/scenario/errors.js';
import type { Scenario } from '../../src/scenario/types.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { configOf, shippedConfig } from './kit.js';

const config = shippedConfig('all_random');
const bound = config.search!.workload!;
const CLIENT_KEYS = ['service', 'clients', 'workloads', 'replyFaults'];

function minimal(failsOn: (s: Scenario) => boolean, seed = 5): Scenario {
  const out = fc.check(fc.property(scenarios(config), (s) => !failsOn(s)), { seed, numRuns: 1000 });
  expect(out.failed).to.equal(true);
  return out.counterexample![0];
}

const flood = { type: 'flood', clients: 1, count: 2, timeoutTicks: 100 };

describe('fuzz search: the workload dimension', () => {
  const drawn = fc.sample(scenarios(config), { seed: 3, numRuns: 400 });

  it('all_random switches clients on in some runs and off in others', () => {
    const share = drawn.filter((s) => s.workloads !== undefined).length / drawn.length;
    expect(share).to.be.within(0.2, 0.8);
    for (const s of drawn.filter((x) => x.workloads === undefined)) expect(s).to.not.have.any.keys(...CLIENT_KEYS);
  });

  it('draws valid wallet clients within the bounds of every configured workload type', () => {
    const withClients = drawn.filter((s) => s.workloads !== undefined);
    for (const s of withClients) {
      validateScenario(JSON.parse(JSON.stringify(s)), 'drawn');
      expect(s.service).to.equal('wallet');
      expect(s.clients!.retransmitTicks).to.equal(bound.clients!.retransmitTicks);
      expect(s.clients!.maxAmount).to.be.within(1, bound.clients!.maxAmount!);
      expect(s.workloads!.map((w) => w.type)).to.deep.equal(['retransmit', 'flood', 'timed']);
      s.workloads!.forEach((w, k) => {
        const b = bound.workloads[k]!;
        expect(w.clients).to.be.within(1, b.clients);
        expect(w.count).to.be.within(1, b.count);
        expect(w.timeoutTicks).to.equal(b.timeoutTicks);
        if (w.type === 'timed') expect(w.delays).to.deep.equal(b.delays!.slice(0, w.count));
      });
    }
    const counts = new Set(withClients.flatMap((s) => s.workloads!.map((w) => `${w.type}:${w.clients}x${w.count}`)));
    expect(counts.size, 'different numbers of clients and requests').to.be.at.least(8);
  });

  it('"has clients" shrinks to one plain round with one client and one request per workload, amount 1', () => {
    const s = minimal((x) => x.workloads !== undefined);
    expect(s.clients).to.deep.equal({ retransmitTicks: 3, maxAmount: 1 });
    expect(s.workloads!.map((w) => [w.type, w.clients, w.count])).to.deep.equal([['retransmit', 1, 1], ['flood', 1, 1], ['timed', 1, 1]]);
    expect(s).to.not.have.any.keys('delays', 'roundTimeoutTicks', 'crashes');
    expect(s.rounds).to.deep.equal([{ leader: 'a', partitions: [['a', "a'", 'b', 'c', 'd']] }]);
  });

  it('a failure that needs no clients shrinks to a scenario without them', () => {
    expect(minimal((x) => x.rounds.length >= 2)).to.not.have.any.keys(...CLIENT_KEYS);
  });

  it('twins gen ignores it: generated scenarios have no clients', () => {
    const space = new ScenarioSpace(config, 'all_random.json');
    for (const i of [0n, 1n, 9999n]) expect(space.at(i)).to.not.have.any.keys(...CLIENT_KEYS);
  });
});

describe('fuzz search: the workload block of a generator config', () => {
  it('refuses a timed workload without one delay per request, with the file and JSON path', () => {
    const workload = { service: 'wallet', workloads: [{ ...flood, type: 'timed', delays: [1] }] };
    expect(() => configOf({ search: { workload } }))
      .to.throw(UserError, /kit\.json: \$\.search\.workload\.workloads\[0\]\.delays: a timed workload/);
  });

  it('refuses reply faults on an unknown replica and an unknown service', () => {
    expect(() => configOf({ search: { workload: { service: 'wallet', workloads: [flood], replyFaults: { z: 'wrong-replies' } } } }))
      .to.throw(UserError, /kit\.json: \$\.search\.workload\.replyFaults\.z: unknown replica 'z'/);
    expect(() => configOf({ search: { workload: { service: 'bank', workloads: [flood] } } }))
      .to.throw(UserError, /kit\.json: \$\.search\.workload\.service/);
  });

  it('refuses an unknown field inside the block', () => {
    expect(() => configOf({ search: { workload: { service: 'wallet', workloads: [{ ...flood, kind: 'x' }] } } }))
      .to.throw(UserError, /kit\.json: \$\.search\.workload\.workloads\[0\]\.kind/);
  });

  it('refuses a config that also has a top-level workload', () => {
    const workload = { service: 'wallet', workloads: [flood] };
    expect(() => configOf({ workload, search: { workload } }))
      .to.throw(UserError, /kit\.json: \$\.search\.workload: the config already attaches `workload`/);
  });
});
