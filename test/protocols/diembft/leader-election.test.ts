// LeaderElection (diembft-v4 §9): round-robin with two rounds per leader, the harness override,
// and the reputation-based election.
import { expect } from 'chai';
import { LeaderElection } from '../../../src/protocols/diembft/leader-election.js';
import type { QC } from '../../../src/protocols/diembft/types.js';
import { FifoNet, genesis } from './fixtures.js';

const noBlocks = (): null => null;
/** A QC of `round` that extends `parentRound`; only the rounds matter to updateLeaders' guard. */
const qc = (round: number, parentRound: number): QC => ({ ...genesis.qc,
  voteInfo: { ...genesis.qc.voteInfo, round, parentRound } });

describe('leader election: round-robin', () => {
  it('gives each validator two consecutive rounds: validators[floor(r/2) % n]', () => {
    const e = new LeaderElection({ n: 4, mode: 'round-robin', leaderOverride: null, committedBlock: noBlocks,
      windowSize: 4, excludeSize: 1 });
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((r) => e.getLeader(r))).to.deep.equal([0, 0, 1, 1, 2, 2, 3, 3, 0, 0]);
  });
});

describe('leader election: harness override', () => {
  it('returns the dictated leader, and falls back to the election where the harness says null', () => {
    const e = new LeaderElection({ n: 4, mode: 'round-robin', leaderOverride: (r) => (r === 3 ? 2 : null),
      committedBlock: noBlocks, windowSize: 4, excludeSize: 1 });
    expect(e.getLeader(3)).to.equal(2);
    expect(e.getLeader(4)).to.equal(2);
    expect(e.getLeader(5)).to.equal(2);
    expect(e.getLeader(6)).to.equal(3);
  });

  it('makes updateLeaders a no-op for a dictated round', () => {
    let walked = false;
    const e = new LeaderElection({ n: 4, mode: 'reputation', leaderOverride: (r) => (r === 6 ? 1 : null),
      committedBlock: () => { walked = true; return null; }, windowSize: 4, excludeSize: 1 });
    e.updateLeaders(qc(4, 3), 5);
    expect(walked).to.equal(false);
    e.updateLeaders(qc(5, 4), 6);
    expect(walked).to.equal(true);
  });
});

describe('leader election: reputation (fault-free, FIFO, 24 rounds)', () => {
  const net = new FifoNet(4, [], () => ({ leaderElection: 'reputation' }));
  net.run(24);

  it('keeps committing, with identical chains everywhere', () => {
    const chains = net.replicas.map((r) => r.committedChain().map((e) => e.block.id));
    expect(chains[0]!.length - 1).to.equal(22);
    for (const c of chains) expect(c).to.deep.equal(chains[0]);
  });

  it('elects by reputation in some rounds, and every replica agrees on every leader (O7)', () => {
    const rounds = Array.from({ length: 24 }, (_, i) => i + 1);
    const views = net.replicas.map((r) => rounds.map((round) => r.leaderOf(round)));
    for (const v of views) expect(v).to.deep.equal(views[0]);
    const proposers = net.seen.flat().flatMap((o) => (o.type === 'propose' ? [o.round] : [])).sort((a, b) => a - b);
    expect(proposers).to.deep.equal(rounds);
    expect(rounds.some((round) => views[0]![round - 1] !== Math.floor(round / 2) % 4)).to.equal(true);
  });
});
