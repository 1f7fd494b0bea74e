// Replica behaviour beyond the happy path (diembft-v4 §4, §10-§12): twins and markers, sync from
// the sender, sync alarms, restart from the Store, client transactions, certificate observations.
import { expect } from 'chai';
import { tmoDigest } from '../../../src/protocols/diembft/hash.js';
import type { DiemMessage, ProposalMsg, TimeoutMsg } from '../../../src/protocols/diembft/types.js';
import { block, deliverWithSync, emptyStore, FifoNet, genesis, messages, mock, observations, qcFor, rejections, replica } from './fixtures.js';

function firstProposal(r: ReturnType<typeof replica>): ProposalMsg {
  const p = messages(r.step({ kind: 'start' })).find((m) => m.kind === 'proposal');
  if (p?.kind !== 'proposal') throw new Error('no proposal');
  return p;
}

describe('replica: twins and markers (§10)', () => {
  it('proposes byte-identical blocks from two replicas of one identity with the same marker', () => {
    const a = firstProposal(replica(0, 4, { marker: 'x' }));
    const twin = firstProposal(replica(0, 4, { marker: 'x' }));
    expect(twin.block.id).to.equal(a.block.id);
    expect(twin.signature.value).to.equal(a.signature.value);
  });

  it('proposes different blocks from twins with different markers', () => {
    const a = firstProposal(replica(0, 4, { marker: 'x' }));
    const twin = firstProposal(replica(0, 4, { marker: 'y' }));
    expect(twin.block.id).to.not.equal(a.block.id);
    expect(a.block.payload).to.deep.equal([{ client: 'marker:x', seq: 1, op: 'noop' }]);
  });
});

describe('replica: sync from the sender (§11 Mode A)', () => {
  it('fetches a missed block from the sender and votes on its child', () => {
    const net = new FifoNet(4);
    net.onDeliver = (d) => !(d.to === 3 && d.msg.kind === 'proposal' && d.msg.block.round === 1);
    net.run(2);
    const votes = net.seen[3]!.filter((o) => o.type === 'vote').map((o) => o.type === 'vote' && o.round);
    expect(votes).to.deep.equal([2]);
    expect(net.seen[3]!.filter((o) => o.type === 'reject')).to.deep.equal([]);
  });

  it('answers a sync request with pending and committed blocks and their ancestors down to the asker\'s tip', () => {
    const net = new FifoNet(4);
    net.run(4);
    const r = net.replicas[2]!;
    const chain = r.committedChain();
    const ask = (ids: string[], tipId: string): DiemMessage[] => messages(r.step({ kind: 'message', from: 0,
      msg: { kind: 'sync-request', round: 4, ids, tipId } }));
    const [one] = ask([chain[2]!.block.id], genesis.block.id);
    expect(one?.kind === 'sync-response' && one.blocks).to.deep.equal([chain[2]!.block, chain[1]!.block]);
    const [pending] = ask([r.highQc.voteInfo.id], chain[2]!.block.id);
    expect(pending?.kind === 'sync-response' && pending.blocks.map((b) => b.round)).to.deep.equal([3]);
    expect(ask(['nope'], genesis.block.id), 'no answer without blocks').to.deep.equal([]);
  });

  /** A timeout for `round` whose high QC certifies a fork block Y on genesis, of round `round - 1`. */
  function forkTimeout(round: number): { msg: TimeoutMsg; fork: ReturnType<typeof block> } {
    const fork = block(0, round - 1, genesis.qc, [{ client: 'fork', seq: 1, op: 'x' }]);
    const highQc = qcFor(fork, 'fork-state', [0, 1, 2], null);
    return { fork, msg: { kind: 'timeout', lastRoundTc: null, highCommitQc: null,
      tmoInfo: { round, highQc, sender: 0, signature: mock.sign(0, tmoDigest(round, round - 1)) } } };
  }

  it('raises an alarm for a certified fork at or above the committed tip\'s round', () => {
    const net = new FifoNet(4);
    net.run(4);                                   // everyone has committed B1 and B2 (tip round 2)
    const r = net.replicas[3]!;
    const { msg, fork } = forkTimeout(4);         // certifies a round-3 block that skips B1, B2
    const { out, asked } = deliverWithSync(r, 0, msg, (id) => (id === fork.id ? fork : null));
    expect(asked).to.deep.equal([fork.id]);
    const alarms = observations(out).filter((o) => o.type === 'alarm');
    expect(alarms).to.have.length(1);
    expect(r.committedChain()).to.have.length(3);
  });

  it('neither fetches nor rejects a stale certified fork below the committed tip\'s round', () => {
    const net = new FifoNet(4);
    net.run(4);
    const r = net.replicas[3]!;
    const { msg, fork } = forkTimeout(2);         // certifies a round-1 block beside the committed B1
    const { out, asked } = deliverWithSync(r, 0, msg, (id) => (id === fork.id ? fork : null));
    expect(asked, 'blocks fetched').to.deep.equal([]);
    expect(observations(out).filter((o) => o.type === 'alarm')).to.deep.equal([]);
    expect(rejections(out)).to.deep.equal([]);
    expect(r.committedChain()).to.have.length(3);
  });

  /*
   * A lagging sender's highCommitQc (found by a 1,000,000-scenario run of all_random):
   *
   *   genesis <- B1 (r1) <- B2 (r2) <- B3 (r3)      committed at r3: B1, B2 (tip round 2)
   *           \
   *            F1 (r1) <- QC(F1), a commit QC for genesis, still the senders' highCommitQc
   *
   * Setup:  r3 is in round 4 and has committed B2. Replicas 1 and 2 time out round 4 reporting QC(B3),
   *         but attach QC(F1) as highCommitQc: a commit certificate of round 1, below r3's tip.
   * Expect: r3 fetches nothing, counts both timeouts and joins them (Bracha, f+1 = 2). Before, sync
   *         fetched F1, found it off the committed chain and dropped every message of both senders.
   */
  it('counts timeouts whose highCommitQc certifies a fork block below the committed tip', () => {
    const net = new FifoNet(4);
    net.run(4);
    const r = net.replicas[3]!;
    expect(r.currentRound).to.equal(4);
    const fork = block(0, 1, genesis.qc, [{ client: 'fork', seq: 1, op: 'x' }]);
    const staleCommitQc = qcFor(fork, 'fork-state', [0, 1, 2], genesis.state);
    const timeout = (sender: number): TimeoutMsg => ({ kind: 'timeout', lastRoundTc: null, highCommitQc: staleCommitQc,
      tmoInfo: { round: 4, highQc: r.highQc, sender, signature: mock.sign(sender, tmoDigest(4, 3)) } });
    const runs = [1, 2].map((s) => deliverWithSync(r, s, timeout(s), (id) => (id === fork.id ? fork : null)));
    const out = runs.flatMap((x) => x.out);
    expect(runs.flatMap((x) => x.asked), 'blocks fetched').to.deep.equal([]);
    expect(rejections(out)).to.deep.equal([]);
    expect(messages(out).map((m) => m.kind === 'timeout' && m.tmoInfo.round), 'own timeout (Bracha join)').to.deep.equal([4]);
    expect(r.committedChain()).to.have.length(3);
    expect(r.highCommitQc?.voteInfo.round, 'highCommitQc stays the higher one').to.equal(3);
  });
});

describe('replica: restart from the Store (§12)', () => {
  it('reloads the committed chain and resumes at max(persisted round, highest vote round) without proposing', () => {
    const store = emptyStore();
    const net = new FifoNet(4);
    net.replicas[1] = replica(1, 4, {}, store);
    net.run(5);
    const before = net.replicas[1]!;
    const restarted = replica(1, 4, {}, store);
    const out = restarted.step({ kind: 'start' });
    expect(restarted.committedChain().map((e) => e.block.id)).to.deep.equal(before.committedChain().map((e) => e.block.id));
    const round = Math.max(before.currentRound, before.highestVoteRound);
    expect(restarted.currentRound).to.equal(round);
    expect(out).to.deep.include({ kind: 'set-timer', round, delayTicks: 20 });
    expect(messages(out)).to.deep.equal([]);
    expect(restarted.highestVoteRound).to.equal(before.highestVoteRound);
  });
});

describe('replica: client transactions (§10)', () => {
  it('proposes a client transaction once and commits it at every replica', () => {
    const net = new FifoNet(4);
    const txn = { client: 'alice', seq: 1, op: 'pay bob 5' };
    net.replicas.forEach((r) => r.step({ kind: 'client', txn }));
    net.run(8);
    for (const r of net.replicas) {
      const carrying = r.committedChain().filter((e) => e.block.payload.some((t) => t.client === 'alice'));
      expect(carrying).to.have.length(1);
    }
  });
});

describe('replica: certificate observations (§16.3 O3)', () => {
  it('emits cert-accepted once per distinct QC, and qc-formed at the assembler', () => {
    const net = new FifoNet(4);
    net.run(6);
    const accepted = net.seen[2]!.flatMap((o) => (o.type === 'cert-accepted' ? [o.round] : []));
    expect(accepted).to.deep.equal([1, 2, 3, 4, 5]);
    const formed = net.seen.flat().flatMap((o) => (o.type === 'qc-formed' ? [o.round] : []));
    expect(formed).to.deep.equal([1, 2, 3, 4, 5]);
  });
});
