// A GST tail counted in commits (src/exec/commit-tail.ts): PBFT's tail of N is N sequence numbers
// every honest replica commits after the heal, of entries proposed after it. The run ends on the
// commit that completes the tail, which is never before `liveness.commit-after-gst` is satisfied; a
// PBFT that stops ordering never completes it and is judged at the liveness bound.
import { expect } from 'chai';
import { CommitTail } from '../../src/exec/commit-tail.js';
import { livenessBound, withRunOptions } from '../../src/exec/exec-options.js';
import type { ReplicaInfo } from '../../src/exec/oracles/oracle.js';
import { runScenario } from '../../src/exec/run-scenario.js';
import type { ObservationBase } from '../../src/kernel/observation.js';
import type { ProtocolModule } from '../../src/kernel/protocol-module.js';
import { pbft } from '../../src/protocols/pbft/module.js';
import type { PbftMessage } from '../../src/protocols/pbft/types.js';
import type { Scenario } from '../../src/scenario/types.js';

const replica = (index: number, name: string, honest = true, permanentlyCrashed = false): ReplicaInfo => ({
  index, name, identity: index, identityName: name, honest, ...(permanentlyCrashed ? { permanentlyCrashed } : {}),
});
/** a and b honest, t a twin's replica. */
const [a, b, t] = [replica(0, 'a'), replica(1, 'b'), replica(2, 't', false)];
const propose = (id: string): ObservationBase => ({ type: 'propose', round: 1, blockId: id, parentId: 'p' } as ObservationBase);
const commit = (id: string, height: number): ObservationBase =>
  ({ type: 'commit', height, blockId: id, round: 1, stateId: 's', author: null, parentId: 'p' } as ObservationBase);

describe('commit tail: counting', () => {
  it('counts only commits after the heal of entries proposed at or after it', () => {
    const tail = new CommitTail([a, b, t], 1);
    tail.observe(1, t, propose('early'));
    tail.observe(2, a, commit('early', 1));
    tail.heal(10);
    expect(tail.observe(11, a, commit('early', 1))).to.equal(false);
    expect(tail.observe(12, b, commit('early', 1))).to.equal(false);
    tail.observe(10, t, propose('late'));
    expect(tail.observe(13, a, commit('late', 2))).to.equal(false);
    expect(tail.complete).to.equal(false);
    expect(tail.observe(14, b, commit('late', 2))).to.equal(true);
    expect(tail.complete).to.equal(true);
  });

  it('waits for every honest replica to make N commits; a twin\'s commits do not count', () => {
    const tail = new CommitTail([a, b, t], 2);
    tail.heal(0);
    for (const id of ['x', 'y']) tail.observe(1, a, propose(id));
    expect(tail.observe(2, a, commit('x', 1))).to.equal(false);
    expect(tail.observe(2, a, commit('y', 2))).to.equal(false);
    expect(tail.observe(2, t, commit('x', 1))).to.equal(false);
    expect(tail.observe(2, t, commit('y', 2))).to.equal(false);
    expect(tail.observe(3, b, commit('x', 1))).to.equal(false);
    expect(tail.complete).to.equal(false);
    expect(tail.observe(4, b, commit('y', 2))).to.equal(true);
  });

  it('counts a height once, so a replica that reports a commit again (after a restart) is not ahead', () => {
    const tail = new CommitTail([a], 2);
    tail.heal(0);
    tail.observe(0, a, propose('x'));
    tail.observe(1, a, commit('x', 1));
    expect(tail.observe(2, a, commit('x', 1))).to.equal(false);
    expect(tail.complete).to.equal(false);
  });

  it('does not wait for a replica crashed for good, and is complete at the heal when none is judged', () => {
    const down = replica(1, 'b', true, true);
    const tail = new CommitTail([a, down], 1);
    tail.heal(0);
    tail.observe(0, a, propose('x'));
    expect(tail.observe(1, a, commit('x', 1))).to.equal(true);
    const none = new CommitTail([t], 3);
    expect(none.complete).to.equal(false);
    none.heal(5);
    expect(none.complete).to.equal(true);
  });

  it('refuses a tail of no commits', () => {
    expect(() => new CommitTail([a], 0)).to.throw(/at least one commit/);
  });
});

/** PBFT on a whole network, no clients: the primary a orders an empty batch once per timeout. */
const whole: Scenario = {
  schemaVersion: 1, protocol: 'pbft', nodes: ['a', 'b', 'c', 'd'], twins: [],
  rounds: [{ leader: 'a', partitions: [['a', 'b', 'c', 'd']] }], gst: { rounds: 3 },
};

describe('commit tail: a PBFT run', () => {
  it('ends on the commit that gives every honest replica its third entry proposed after the heal', () => {
    const r = runScenario(whole, {}, { trace: true });
    expect(r.verdict).to.equal('pass');
    const trace = r.trace ?? [];
    const heal = r.healTick!;
    expect(heal).to.be.a('number');
    const proposedAt = new Map<string, number>();
    const counted = new Map<string, number>();
    let last = -1;
    for (const e of trace) {
      if (e.type === 'propose' && !proposedAt.has(e.blockId)) proposedAt.set(e.blockId, e.tick);
      if (e.type !== 'commit' || e.tick < heal || (proposedAt.get(e.blockId) ?? -1) < heal) continue;
      counted.set(e.replica, (counted.get(e.replica) ?? 0) + 1);
      last = e.tick;
    }
    expect([...counted.keys()].sort()).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(Math.min(...counted.values())).to.equal(3);
    expect(r.ticks).to.equal(last);
    expect(r.ticks).to.be.below(heal + livenessBound(withRunOptions({}), 3));
    // Why a tail of views would not do: a healed PBFT that makes progress enters no new view.
    expect(trace.filter((e) => e.type === 'enter-round' && e.tick > 0)).to.deep.equal([]);
  });

  it('runs a PBFT that stops ordering to the liveness bound, where liveness.commit-after-gst fires', () => {
    // Every primary stops sending pre-prepares after sequence number 2, so nothing proposed after the heal commits.
    const stalled: ProtocolModule<PbftMessage> = {
      ...(pbft as ProtocolModule<PbftMessage>),
      createReplica(ctx, store) {
        const inner = pbft.createReplica(ctx, store);
        return {
          step: (input) => inner.step(input).filter((o) => !(o.kind === 'broadcast' && o.msg.kind === 'pre-prepare' && o.msg.seq > 2)),
        };
      },
    };
    const r = runScenario(whole, {}, { protocol: stalled as ProtocolModule });
    expect(r.verdict).to.equal('liveness-violation');
    expect(r.violations.map((v) => v.oracle)).to.deep.equal(['liveness.commit-after-gst']);
    expect(r.ticks).to.equal(r.healTick! + livenessBound(withRunOptions({}), 3));
    expect(runScenario(whole).verdict).to.equal('pass');
  });
});
