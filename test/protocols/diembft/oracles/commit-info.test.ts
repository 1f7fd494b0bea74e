// safety.commit-info: a vote names a commit state exactly when its block directly follows its QC, a
// QC commits only on consecutive rounds, and every state named for a block (by a vote's or a QC's
// commit information, by the voters' execution state in a QC, or by a commit) agrees.
//
// Chain: blk1 (round 1, state s1) <- blk2 (round 2, state s2) <- blk4 (round 4, over QC(blk2)).
import { expect } from 'chai';
import { commitInfo } from '../../../../src/protocols/diembft/oracles/commit-info.js';
import type { Observation } from '../../../../src/protocols/diembft/protocol.js';
import type { QC } from '../../../../src/protocols/diembft/types.js';
import { feed, type Step } from './feed.js';

function qc(id: string, round: number, parentId: string, parentRound: number, exec: string, commit: string | null): QC {
  return { voteInfo: { id, round, parentId, parentRound, execStateId: exec },
    ledgerCommitInfo: { commitStateId: commit, voteInfoHash: 'h' }, signatures: [], author: null, authorSignature: null };
}
const vote = (round: number, blockId: string, parentId: string, qcRound: number, commit: string | null): Observation =>
  ({ type: 'vote', round, blockId, parentId, parentRound: qcRound, qcRound, commitStateId: commit, lciHash: 'h',
    blockAuthor: 1, to: 2, highCommitQcRound: null });
const formed = (cert: QC): Observation => ({ type: 'qc-formed', round: cert.voteInfo.round, blockId: cert.voteInfo.id, cert });
const accepted = (cert: QC): Observation => ({ type: 'cert-accepted', certKind: 'qc', round: cert.voteInfo.round, cert });
const commit = (height: number, blockId: string, round: number, stateId: string): Observation =>
  ({ type: 'commit', height, blockId, round, stateId, author: 1, parentId: 'p' });

const QC1 = qc('blk1', 1, 'gen', 0, 's1', null);
const QC2 = qc('blk2', 2, 'blk1', 1, 's2', 's1');

describe('oracle safety.commit-info', () => {
  it('passes votes, certificates and commits that name one state per block', () => {
    const steps: Step[] = [
      ['b', vote(2, 'blk2', 'blk1', 1, 's1')], ['c', formed(QC1)], ['c', accepted(QC2)],
      ['d', vote(4, 'blk4', 'blk2', 2, null)], ['b', commit(1, 'blk1', 1, 's1')],
      ['a', vote(3, 'blk3', 'blk1', 1, 'other')],
    ];
    expect(feed(commitInfo, steps)).to.deep.equal([]);
  });

  it('reports a vote that commits on a QC its block does not directly follow', () => {
    expect(feed(commitInfo, [['d', vote(4, 'blk4', 'blk2', 2, 's2')]])).to.deep.equal(
      ['safety.commit-info r4 d: d voted in round 4 on a QC of round 2 committing block blk2, which it does not directly follow']);
  });

  it('reports a vote that does not commit on a QC its block directly follows', () => {
    expect(feed(commitInfo, [['b', vote(2, 'blk2', 'blk1', 1, null)]])).to.deep.equal(
      ['safety.commit-info r2 b: b voted in round 2 on a QC of round 1 without committing its block']);
  });

  it('reports a QC that commits on non-consecutive rounds', () => {
    expect(feed(commitInfo, [['c', accepted(qc('blk4', 4, 'blk2', 2, 's4', 's2'))]])).to.deep.equal(
      ['safety.commit-info r4 c: the QC of round 4 that c holds commits block blk2 of round 2, which its block does not directly follow']);
  });

  it('reports a commit whose state differs from the state certified for the block', () => {
    const steps: Step[] = [['c', accepted(QC2)], ['d', commit(1, 'blk1', 1, 'sX')]];
    expect(feed(commitInfo, steps)).to.deep.equal(
      ["safety.commit-info r1 d: d's commit at height 1 gives block blk1 state sX, but the commit information of the QC of round 2 that c holds gives it state s1"]);
  });

  it('reports commit information that differs from the state the block\'s voters executed', () => {
    const steps: Step[] = [['b', formed(QC1)], ['b', vote(2, 'blk2', 'blk1', 1, 'sX')]];
    expect(feed(commitInfo, steps)).to.deep.equal(
      ["safety.commit-info r2 b: b's vote in round 2 gives block blk1 state sX, but the QC of round 1 that b holds gives it state s1"]);
  });
});
