// safety.high-commit-qc: the high commit QC an honest replica sends in a vote or proposal is at least
// as high as every commit QC it formed or accepted since it started.
import { expect } from 'chai';
import { highCommitQc } from '../../../../src/protocols/diembft/oracles/high-commit-qc.js';
import type { Observation } from '../../../../src/protocols/diembft/protocol.js';
import { feed, type Step } from './feed.js';

const qc = (round: number, commits: boolean): object =>
  ({ voteInfo: { round }, ledgerCommitInfo: { commitStateId: commits ? 's' : null } });
const formed = (round: number, commits = true): Observation =>
  ({ type: 'qc-formed', round, blockId: 'b'.repeat(64), cert: qc(round, commits) });
const accepted = (round: number, commits = true): Observation =>
  ({ type: 'cert-accepted', certKind: 'qc', round, cert: qc(round, commits) });
const vote = (round: number, highCommitQcRound: number | null): Observation => ({ type: 'vote', round, blockId: 'b'.repeat(64),
  parentId: 'p'.repeat(64), parentRound: round - 1, qcRound: round - 1, commitStateId: null, lciHash: 'l'.repeat(64), blockAuthor: 1,
  to: 2, highCommitQcRound });
const propose = (round: number, highCommitQcRound: number | null): Observation =>
  ({ type: 'propose', round, blockId: 'b'.repeat(64), parentId: 'p'.repeat(64), qcRound: round - 1, tcRound: null, highCommitQcRound });

describe('oracle safety.high-commit-qc', () => {
  it('passes messages that carry the highest commit QC seen, QCs that commit nothing, and a restart', () => {
    const steps: Step[] = [
      ['b', vote(1, null)], ['b', accepted(2)], ['b', accepted(3, false)], ['b', vote(4, 2)], ['b', formed(4)], ['b', propose(5, 4)],
      ['c', formed(3)], ['c', { type: 'enter-round', round: 2, via: 'start' }], ['c', vote(2, 1)],
      ['a', accepted(6)], ['a', vote(7, null)],
    ];
    expect(feed(highCommitQc, steps)).to.deep.equal([]);
  });

  it('reports a vote whose high commit QC is below a commit QC the replica accepted', () => {
    expect(feed(highCommitQc, [['d', accepted(3)], ['d', vote(5, 2)]])).to.deep.equal(['safety.high-commit-qc r5 d: d sent a vote ' +
      'in round 5 whose high commit QC is of round 2, below the commit QC of round 3 it saw at tick 1']);
  });

  it('reports a proposal that carries no high commit QC after the replica formed one', () => {
    expect(feed(highCommitQc, [['c', formed(1)], ['c', propose(2, null)]])).to.deep.equal(['safety.high-commit-qc r2 c: c sent a ' +
      'proposal in round 2 whose high commit QC is none, below the commit QC of round 1 it saw at tick 1']);
  });
});
