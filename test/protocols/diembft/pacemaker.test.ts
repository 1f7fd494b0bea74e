// Pacemaker (diembft-v4 §8, §13.5) through the replica's `step`: the f+1 Bracha join fires once,
// a TC forms at 2f+1 distinct senders, stale timers are ignored, and retransmission re-broadcasts.
//
// Setup: n = 4 (f = 1, Q = 3), round-robin leaders (round 1: 0, rounds 2-3: 1), everyone in round 1
// holding the genesis QC. Timeouts are fed by hand; nothing else is delivered.
import { expect } from 'chai';
import { tmoDigest } from '../../../src/protocols/diembft/hash.js';
import type { NodeId, ReplicaOptions } from '../../../src/protocols/diembft/protocol.js';
import type { DiemReplica } from '../../../src/protocols/diembft/replica.js';
import type { DiemMessage, TimeoutMsg } from '../../../src/protocols/diembft/types.js';
import { genesis, messages, mock, observations, rejections, replica } from './fixtures.js';

function timeout(sender: NodeId, round = 1): TimeoutMsg {
  return { kind: 'timeout', lastRoundTc: null, highCommitQc: null,
    tmoInfo: { round, highQc: genesis.qc, sender, signature: mock.sign(sender, tmoDigest(round, 0)) } };
}

function started(id: NodeId, extra: Partial<ReplicaOptions> = {}): DiemReplica {
  const r = replica(id, 4, extra);
  r.step({ kind: 'start' });
  return r;
}

const deliver = (r: DiemReplica, from: NodeId, msg: DiemMessage) =>
  r.step({ kind: 'message', from, msg });
const timeoutsIn = (outputs: ReturnType<DiemReplica['step']>) => messages(outputs).filter((m) => m.kind === 'timeout');

describe('pacemaker: Bracha join and TC formation', () => {
  it('times out round 1 early on the f+1-th distinct timeout, once', () => {
    const r = started(3);
    expect(timeoutsIn(deliver(r, 0, timeout(0)))).to.have.length(0);
    expect(timeoutsIn(deliver(r, 0, timeout(0)))).to.have.length(0);     // duplicate sender
    const joined = deliver(r, 1, timeout(1));
    expect(timeoutsIn(joined)).to.have.length(1);
    expect(observations(joined)).to.deep.include({ type: 'timeout', round: 1, highQcRound: 0 });
    expect(timeoutsIn(deliver(r, 2, timeout(2)))).to.have.length(0);
  });

  it('forms a TC at the 2f+1-th distinct sender and enters round 2 through it', () => {
    const r = started(3);
    deliver(r, 0, timeout(0));
    deliver(r, 1, timeout(1));
    expect(r.currentRound).to.equal(1);
    const out = deliver(r, 2, timeout(2));
    const formed = observations(out).find((o) => o.type === 'tc-formed');
    expect(formed).to.not.equal(undefined);
    expect(observations(out)).to.deep.include({ type: 'enter-round', round: 2, via: 'tc' });
    expect(r.currentRound).to.equal(2);
    expect(observations(deliver(r, 3, timeout(3))).filter((o) => o.type === 'tc-formed')).to.have.length(0);
  });

  it('as leader of round 2, proposes on the genesis QC with the TC it formed', () => {
    const r = started(1);
    deliver(r, 0, timeout(0));
    deliver(r, 2, timeout(2));
    const out = deliver(r, 3, timeout(3));
    const proposal = messages(out).find((m) => m.kind === 'proposal');
    expect(proposal?.kind).to.equal('proposal');
    if (proposal?.kind !== 'proposal') return;
    expect(proposal.block.round).to.equal(2);
    expect(proposal.lastRoundTc!.round).to.equal(1);
    expect(proposal.lastRoundTc!.tmoSignatures.map((s) => s.signer)).to.deep.equal([0, 2, 3]);
  });

  it('with tc_small_quorum, forms a TC from f+1 = 2 senders', () => {
    const r = started(3, { bugs: ['tc_small_quorum'] });
    deliver(r, 0, timeout(0));
    deliver(r, 1, timeout(1));
    expect(r.currentRound).to.equal(2);
  });

  it('ignores timeouts of rounds it has left', () => {
    const r = started(3);
    for (const s of [0, 1, 2]) deliver(r, s, timeout(s));
    expect(r.currentRound).to.equal(2);
    expect(timeoutsIn(deliver(r, 0, timeout(0)))).to.have.length(0);
  });
});

describe('pacemaker: round timer', () => {
  it('arms the round-1 timer on start', () => {
    const out = replica(3, 4).step({ kind: 'start' });
    expect(out).to.deep.include({ kind: 'set-timer', round: 1, delayTicks: 20 });
  });

  it('broadcasts a timeout when the current round\'s timer fires', () => {
    const r = started(3);
    const out = r.step({ kind: 'timer', round: 1 });
    expect(timeoutsIn(out)).to.have.length(1);
    expect(r.highestVoteRound).to.equal(1);
  });

  it('ignores a stale timer of another round, with a rejection', () => {
    const r = started(3);
    const out = r.step({ kind: 'timer', round: 5 });
    expect(messages(out)).to.deep.equal([]);
    expect(rejections(out)).to.deep.equal(['timer.stale: timer round 5 != current round 1']);
  });

  it('ignores the round timer after the Bracha join when retransmission is off', () => {
    const r = started(3);
    deliver(r, 0, timeout(0));
    deliver(r, 1, timeout(1));
    expect(timeoutsIn(r.step({ kind: 'timer', round: 1 }))).to.have.length(0);
  });

  it('re-broadcasts and re-arms on the next timer of the same round when retransmission is on', () => {
    const r = started(3, { retransmitTimeouts: true });
    const first = r.step({ kind: 'timer', round: 1 });
    expect(first).to.deep.include({ kind: 'set-timer', round: 1, delayTicks: 20 });
    const again = r.step({ kind: 'timer', round: 1 });
    expect(timeoutsIn(again)).to.have.length(1);
    expect(again).to.deep.include({ kind: 'set-timer', round: 1, delayTicks: 20 });
  });
});
