// Appendix B happy path, end to end through `step`, on a tiny in-test driver: n = 4 replicas, FIFO
// delivery of every send and broadcast (self-deliveries included), timers never fire.
//
// Setup:  n=4, round-robin leaders (2 rounds each), no faults, mock crypto.
// Expect: every replica commits B1 once the round-3 proposal arrives; after ~20 rounds all
//         replicas hold identical committed chains of the expected height.
import { expect } from 'chai';
import { FifoNet } from './fixtures.js';

describe('replica: Appendix B happy path (n=4, FIFO, no timers)', () => {
  it('commits B1 at every replica when the round-3 proposal arrives, not before', () => {
    const net = new FifoNet(4);
    const b1 = { id: '' };
    const heightBefore: number[] = [];
    net.onDeliver = (d) => {
      if (d.msg.kind === 'proposal' && d.msg.block.round === 1) b1.id = d.msg.block.id;
      if (d.msg.kind === 'proposal' && d.msg.block.round === 3) {
        heightBefore[d.to] = net.replicas[d.to]!.committedChain().length - 1;
      }
      return true;
    };
    net.run(3);
    // Leader of round 3 (replica 1) commits B1 on assembling QC(B2), before its proposal arrives.
    expect(heightBefore).to.deep.equal([0, 1, 0, 0]);
    for (const r of net.replicas) {
      const chain = r.committedChain();
      expect(chain.length).to.equal(2);
      expect(chain[1]!.block.id).to.equal(b1.id);
      expect(chain[1]!.block.round).to.equal(1);
    }
  });

  it('gives every replica the same committed chain of height 18 after 20 rounds', () => {
    const net = new FifoNet(4);
    net.run(20);
    const chains = net.replicas.map((r) => r.committedChain().map((e) => `${e.block.id}/${e.state}`));
    // Round k's block commits when QC(k+1) is ingested, which the round k+2 proposal carries.
    expect(chains[0]!.length - 1).to.equal(18);
    for (const c of chains) expect(c).to.deep.equal(chains[0]);
    const rounds = net.replicas[0]!.committedChain().map((e) => e.block.round);
    expect(rounds).to.deep.equal(Array.from({ length: 19 }, (_, i) => i));
  });

  it('emits one commit observation per block, with consecutive heights and parent links', () => {
    const net = new FifoNet(4);
    net.run(10);
    for (const obs of net.seen) {
      const commits = obs.flatMap((o) => (o.type === 'commit' ? [o] : []));
      expect(commits.map((c) => c.height)).to.deep.equal(Array.from({ length: commits.length }, (_, i) => i + 1));
      for (let i = 1; i < commits.length; i++) expect(commits[i]!.parentId).to.equal(commits[i - 1]!.blockId);
      expect(obs.filter((o) => o.type === 'alarm' || o.type === 'reject')).to.deep.equal([]);
    }
  });

  it('sends each vote to the leader of the next round', () => {
    const net = new FifoNet(4);
    net.run(6);
    const votes = net.seen.flat().flatMap((o) => (o.type === 'vote' ? [o] : []));
    expect(votes.length).to.equal(4 * 6);
    expect(votes.map((v) => v.round)).to.include.members([1, 2, 3, 4, 5, 6]);
    for (const v of votes) expect(v.to).to.equal(Math.floor((v.round + 1) / 2) % 4);
  });

  it('with vote_leader_current_round, sends each vote to the leader of its own round', () => {
    const net = new FifoNet(4, ['vote_leader_current_round']);
    net.run(3);
    const votes = net.seen.flat().flatMap((o) => (o.type === 'vote' ? [o] : []));
    expect(votes.length).to.be.greaterThan(0);
    for (const v of votes) expect(v.to).to.equal(Math.floor(v.round / 2) % 4);
  });
});
