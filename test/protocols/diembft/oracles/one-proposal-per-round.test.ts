// safety.one-proposal-per-round: an honest leader proposes at most one block per round, in the round
// it is in, on a QC or TC of the round before. Twins may propose twice.
import { expect } from 'chai';
import { oneProposalPerRound } from '../../../../src/protocols/diembft/oracles/one-proposal-per-round.js';
import type { Observation } from '../../../../src/protocols/diembft/protocol.js';
import { feed, type Step } from './feed.js';

const enter = (round: number): Observation => ({ type: 'enter-round', round, via: round === 1 ? 'start' : 'qc' });
const propose = (round: number, blockId: string, qcRound = round - 1, tcRound: number | null = null): Observation =>
  ({ type: 'propose', round, blockId, parentId: 'p', qcRound, tcRound, highCommitQcRound: null });

describe('oracle safety.one-proposal-per-round', () => {
  it('passes one proposal per round, on a QC or on a TC of the round before, and twins proposing twice', () => {
    const steps: Step[] = [
      ['b', enter(1)], ['b', propose(1, 'blk1')],
      ['b', enter(2)], ['b', propose(2, 'blk2', 0, 1)],
      ['a', enter(3)], ['a', propose(3, 'blkA')], ["a'", enter(3)], ["a'", propose(3, 'blkA2')],
    ];
    expect(feed(oneProposalPerRound, steps)).to.deep.equal([]);
  });

  it('reports an honest leader proposing two blocks in one round', () => {
    const steps: Step[] = [['b', enter(1)], ['b', propose(1, 'blk1')], ['b', propose(1, 'blk1bis')]];
    expect(feed(oneProposalPerRound, steps)).to.deep.equal(
      ['safety.one-proposal-per-round r1 b: b proposed two blocks in round 1: blk1 and blk1bis']);
  });

  it('reports a proposal for a round the leader is not in', () => {
    const steps: Step[] = [['b', enter(1)], ['b', propose(2, 'blk2', 1)]];
    expect(feed(oneProposalPerRound, steps)).to.deep.equal(
      ['safety.one-proposal-per-round r2 b: b proposed for round 2 while in round 1']);
  });

  it('reports a proposal on neither a QC nor a TC of the round before', () => {
    const steps: Step[] = [['b', enter(1)], ['b', enter(3)], ['b', propose(3, 'blk3', 1, null)]];
    expect(feed(oneProposalPerRound, steps)).to.deep.equal(
      ['safety.one-proposal-per-round r3 b: b proposed for round 3 on QC round 1 and TC round none: neither is round 2']);
  });
});
