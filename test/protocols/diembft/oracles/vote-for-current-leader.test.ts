// safety.vote-for-current-leader: an honest replica votes only in the round it is in, for a block
// proposed by the round's leader (here identity round % 4: b = 1 leads round 1, c = 2 round 2).
import { expect } from 'chai';
import { voteForCurrentLeader } from '../../../../src/protocols/diembft/oracles/vote-for-current-leader.js';
import type { Observation } from '../../../../src/protocols/diembft/protocol.js';
import { feed, type Step } from './feed.js';

const enter = (round: number): Observation => ({ type: 'enter-round', round, via: round === 1 ? 'start' : 'qc' });
const vote = (round: number, blockAuthor: number): Observation => ({ type: 'vote', round, blockId: `blk${round}`,
  parentId: 'p', parentRound: round - 1, qcRound: round - 1, commitStateId: null, lciHash: 'h', blockAuthor, to: 0,
  highCommitQcRound: null });

describe('oracle safety.vote-for-current-leader', () => {
  it('passes votes in the current round for the leader\'s block, and any twin vote', () => {
    const steps: Step[] = [['d', enter(1)], ['d', vote(1, 1)], ['d', enter(2)], ['d', vote(2, 2)], ['a', vote(5, 3)]];
    expect(feed(voteForCurrentLeader, steps)).to.deep.equal([]);
  });

  it('reports a vote for a block of another round than the voter is in', () => {
    const steps: Step[] = [['d', enter(1)], ['d', enter(2)], ['d', vote(1, 1)]];
    expect(feed(voteForCurrentLeader, steps)).to.deep.equal(
      ['safety.vote-for-current-leader r1 d: d voted for a block of round 1 while in round 2']);
  });

  it('reports a vote for a block not proposed by the round\'s leader', () => {
    const steps: Step[] = [['c', enter(1)], ['c', vote(1, 0)]];
    expect(feed(voteForCurrentLeader, steps)).to.deep.equal(
      ['safety.vote-for-current-leader r1 c: c voted in round 1 for a block by a, not by the round\'s leader b']);
  });
});
