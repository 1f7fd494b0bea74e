// Clients in the simulator (docs/services.md): requests go to every replica, replies come back
// signed, a client accepts on f+1 matching replies from distinct identities, workloads send as
// documented, and the service oracles judge what clients were told.
import { expect } from 'chai';
import { runScenario, type RunResult } from '../../src/exec/run-scenario.js';
import type { TraceEvent } from '../../src/kernel/trace-event.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { parseExecutorConfig, resolveCaseOptions } from '../../src/scenario/executor-config.js';
import { protocolCatalog } from '../../src/exec/catalog.js';
import type { Drop, Scenario, WorkloadSpec } from '../../src/scenario/types.js';

const NODES = ['a', 'b', 'c', 'd'];

function scenario(extra: Partial<Scenario>, drops: Drop[] = [], rounds = 4): Scenario {
  return validateScenario({
    schemaVersion: 1, nodes: NODES, twins: [], service: 'wallet', clients: { retransmitTicks: 10 },
    rounds: Array.from({ length: rounds }, (_, i) => ({ leader: NODES[(i + 1) % 4], partitions: [[...NODES]], drops })),
    gst: { rounds: 6 }, ...extra,
  }, 'test.json');
}

const retransmit = (count: number, clients = 1): WorkloadSpec => ({ type: 'retransmit', clients, count, timeoutTicks: 600 });

function clientEvents(r: RunResult, what?: string): (TraceEvent & { type: 'client' })[] {
  return (r.trace ?? []).filter((e): e is TraceEvent & { type: 'client' } => e.type === 'client' && (what === undefined || e.what === what));
}

const oracles = (r: RunResult) => r.violations.map((v) => v.oracle);

describe('clients: the client protocol', () => {
  it('a retransmission after a lost reply runs once and gets the same result', () => {
    const lost = NODES.map((from) => ({ from, to: 'c1', type: 'reply' }));
    const r = runScenario(scenario({ workloads: [retransmit(2)] }, lost), {}, { trace: true, ledgers: true });
    expect(r.verdict, JSON.stringify(r.violations)).to.equal('pass');
    const sends = clientEvents(r, 'send').filter((e) => e.seq === 1);
    expect(sends.length, 'request 1 was sent again after its replies were lost').to.be.greaterThan(1);
    const dropped = (r.trace ?? []).filter((e) => e.type === 'drop' && e.kind === 'reply');
    expect(dropped.length).to.be.greaterThan(0);
    const accepted = clientEvents(r, 'accept').filter((e) => e.seq === 1);
    expect(accepted.length).to.equal(1);
    expect(accepted[0]!.tick).to.be.greaterThan(sends[1]!.tick);
    for (const ledger of r.ledgers!) {
      const runs = ledger.entries.flatMap((e) => e.requests.map((t, i) => ({ t, result: e.results[i]! })))
        .filter(({ t, result }) => t.client === 'c1' && t.seq === 1 && result !== 'duplicate');
      expect(runs.map((x) => x.result), ledger.replica).to.deep.equal(['ok']);
    }
    expect(accepted[0]!.detail).to.match(/^'ok' at height/);
    expect(clientEvents(r, 'done').length).to.equal(1);
  });

  it('a retransmitting client waits longer each time: the intervals double', () => {
    // Every reply is lost during the script, so the client keeps sending until the heal.
    const lost = NODES.map((from) => ({ from, to: 'c1', type: 'reply' }));
    const r = runScenario(scenario({ workloads: [retransmit(1)] }, lost, 30), {}, { trace: true });
    const ticks = clientEvents(r, 'send').map((e) => e.tick);
    expect(ticks.length).to.be.greaterThan(3);
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!);
    expect(gaps.slice(0, 3)).to.deep.equal([10, 20, 40]);
  });

  it('flood sends every request at once; timed sends at the listed ticks; both finish', () => {
    const r = runScenario(scenario({ workloads: [
      { type: 'flood', clients: 1, count: 4, timeoutTicks: 600 },
      { type: 'timed', clients: 1, count: 3, timeoutTicks: 600, delays: [0, 25, 60] },
    ] }), {}, { trace: true });
    expect(r.verdict, JSON.stringify(r.violations)).to.equal('pass');
    expect(clientEvents(r, 'send').filter((e) => e.client === 'c1').map((e) => e.tick)).to.deep.equal([0, 0, 0, 0]);
    expect(clientEvents(r, 'send').filter((e) => e.client === 'c2').map((e) => e.tick)).to.deep.equal([0, 25, 60]);
    expect(clientEvents(r, 'done').map((e) => e.client).sort()).to.deep.equal(['c1', 'c2']);
  });

  it('f replicas with wrong results cannot make a client accept one; f+1 can, and the oracles see it', () => {
    const one = runScenario(scenario({ workloads: [retransmit(6, 2)], replyFaults: { b: 'wrong-replies' } }));
    expect(one.verdict, JSON.stringify(one.violations)).to.equal('pass');
    const two = runScenario(scenario({ workloads: [retransmit(6, 2)], replyFaults: { b: 'wrong-replies', c: 'wrong-replies' } }));
    expect(two.verdict).to.equal('safety-violation');
    expect(oracles(two)).to.include('safety.service-linearizable');
  });

  it('f replicas signing replies for requests they never ran cannot fool a client; f+1 can', () => {
    const one = runScenario(scenario({ workloads: [retransmit(4)], replyFaults: { d: 'forged-replies' } }));
    expect(one.verdict, JSON.stringify(one.violations)).to.equal('pass');
    const two = runScenario(scenario({ workloads: [retransmit(4)], replyFaults: { c: 'forged-replies', d: 'forged-replies' } }));
    expect(oracles(two)).to.include('safety.service-linearizable');
  });

  it('twins share a key, so two lying replicas of one identity count once', () => {
    const twins = (faults: Scenario['replyFaults']) => scenario({ twins: ['a'], workloads: [retransmit(6, 2)], replyFaults: faults,
      rounds: Array.from({ length: 4 }, (_, i) => ({ leader: NODES[(i + 1) % 4]!, partitions: [['a', "a'", 'b', 'c', 'd']] })) });
    expect(runScenario(twins({ a: 'wrong-replies', "a'": 'wrong-replies' })).verdict).to.equal('pass');
    expect(oracles(runScenario(twins({ a: 'wrong-replies', "a'": 'wrong-replies', b: 'wrong-replies' })))).to.include(
      'safety.service-linearizable');
  });

  it('a lying replica is caught even by a client that trusts f replies (client_accepts_f)', () => {
    const s = scenario({ workloads: [retransmit(6, 2)], replyFaults: { b: 'wrong-replies' } });
    expect(oracles(runScenario(s, { bugs: ['client_accepts_f'] }))).to.include('safety.service-linearizable');
  });

  it('liveness: a client must finish within its workload timeout after the heal', () => {
    const lost = NODES.map((from) => ({ from, to: 'c1', type: 'reply' }));
    const recovers = runScenario(scenario({ workloads: [retransmit(2)] }, lost, 30));
    expect(recovers.verdict, JSON.stringify(recovers.violations)).to.equal('pass');
    const tooSlow = runScenario(scenario({ workloads: [{ ...retransmit(2), timeoutTicks: 1 }] }, lost, 30));
    expect(oracles(tooSlow)).to.deep.equal(['liveness.workloads-finish']);
  });

  it('an executor case\'s service and workloads replace the scenario\'s', () => {
    const plain = scenario({ service: undefined });
    const config = parseExecutorConfig(JSON.stringify({ name: 'w', defaults: { service: 'wallet', clients: { retransmitTicks: 5 },
      workloads: [retransmit(2)] }, cases: [{ name: 'x', scenario: plain }] }), 'w.json', protocolCatalog);
    const options = resolveCaseOptions(config, config.cases[0]!);
    const r = runScenario(plain, options, { trace: true });
    expect(r.verdict).to.equal('pass');
    expect(clientEvents(r, 'accept').map((e) => e.detail.split(' ')[0])).to.deep.equal(["'ok'", "'ok'"]);
  });

  it('a run without workloads has no clients and no service oracles', () => {
    const r = runScenario(scenario({ service: undefined }), {}, { trace: true });
    expect(clientEvents(r)).to.deep.equal([]);
    expect(r.verdict).to.equal('pass');
  });
});
