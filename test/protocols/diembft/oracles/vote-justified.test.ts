// safety.vote-justified: an honest replica votes for a block of round r only when its QC is of round
// r-1, or when it holds a TC of round r-1 (formed or accepted) that reports no high QC round above the
// block's QC round.
import { expect } from 'chai';
import { voteJustified } from '../../../../src/protocols/diembft/oracles/vote-justified.js';
import type { Observation } from '../../../../src/protocols/diembft/protocol.js';
import { feed, type Step } from './feed.js';

const vote = (round: number, qcRound: number): Observation => ({ type: 'vote', round, blockId: 'b'.repeat(64),
  parentId: 'p'.repeat(64), parentRound: qcRound, qcRound, commitStateId: null, lciHash: 'l'.repeat(64), blockAuthor: 1, to: 2,
  highCommitQcRound: null });
const tc = (round: number, reports: number[]): object => ({ round, tmoHighQcRounds: reports, tmoSignatures: [] });
const formed = (round: number, reports: number[]): Observation => ({ type: 'tc-formed', round, cert: tc(round, reports) });
const accepted = (round: number, reports: number[]): Observation =>
  ({ type: 'cert-accepted', certKind: 'tc', round, cert: tc(round, reports) });

describe('oracle safety.vote-justified', () => {
  it('passes a vote on the QC of the round before, and votes through a TC that reports nothing higher', () => {
    const steps: Step[] = [
      ['b', vote(1, 0)], ['b', vote(2, 1)],
      ['c', accepted(3, [2, 1, 2])], ['c', vote(4, 2)],
      // d holds two TCs of round 5; the lower report justifies a vote on QC(3).
      ['d', formed(5, [4, 4, 3])], ['d', accepted(5, [3, 3, 2])], ['d', vote(6, 3)],
      ['a', vote(6, 0)],
    ];
    expect(feed(voteJustified, steps)).to.deep.equal([]);
  });

  it('reports a vote through a TC below the highest high QC round it reports', () => {
    const steps: Step[] = [['c', accepted(4, [2, 3, 2])], ['c', vote(5, 2)]];
    expect(feed(voteJustified, steps)).to.deep.equal(['safety.vote-justified r5 c: c voted in round 5 for block bbbbbbbb ' +
      'on a QC of round 2, below the high QC round 3 reported by every TC of round 4 it holds']);
  });

  it('reports a vote that skips a round with no TC of the round before', () => {
    const steps: Step[] = [['d', accepted(2, [1, 1, 1])], ['d', vote(4, 1)]];
    expect(feed(voteJustified, steps)).to.deep.equal(['safety.vote-justified r4 d: d voted in round 4 for block bbbbbbbb ' +
      'on a QC of round 1, holding no TC of round 3']);
  });
});
