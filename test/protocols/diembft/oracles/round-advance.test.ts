// safety.round-advance: an honest replica forms a QC as soon as it holds votes signing the same
// content from 2f+1 = 3 identities, forms TC(r) as soon as 3 identities timed out of a round r at
// least its own (its own join may come first), and enters r+1 as soon as it forms a QC or TC of a
// round r at least its own (a QC's commits may come first).
import { expect } from 'chai';
import { roundAdvance } from '../../../../src/protocols/diembft/oracles/round-advance.js';
import type { Observation } from '../../../../src/protocols/diembft/protocol.js';
import { feed, type Step } from './feed.js';

const enter = (round: number, via: 'qc' | 'tc' | 'start' = 'qc'): Observation => ({ type: 'enter-round', round, via });
const heard = (round: number, sender: number): Observation => ({ type: 'timeout-received', round, sender });
const timeout = (round: number): Observation => ({ type: 'timeout', round, highQcRound: 0 });
const qc = (round: number): Observation => ({ type: 'qc-formed', round, blockId: 'b'.repeat(64), cert: {} });
const tc = (round: number): Observation => ({ type: 'tc-formed', round, cert: {} });
const voted = (round: number, sender: number, lci = 'l'): Observation =>
  ({ type: 'vote-received', round, sender, blockId: 'b'.repeat(64), lciHash: lci.repeat(64) });
const commit: Observation = { type: 'commit', height: 1, blockId: 'c'.repeat(64), round: 1, stateId: 's', author: 1,
  parentId: 'p'.repeat(64), requests: [], results: [], serviceDigest: '' };

describe('oracle safety.round-advance', () => {
  it('passes a TC at the third identity (after the join), entries right after each certificate, and old certificates', () => {
    const steps: Step[] = [
      ['b', enter(2)], ['b', heard(2, 0)], ['b', heard(2, 0)], ['b', heard(2, 2)], ['b', timeout(2)], ['b', heard(2, 3)],
      ['b', tc(2)], ['b', enter(3, 'tc')],
      ['c', enter(3)], ['c', qc(3)], ['c', commit], ['c', enter(4)], ['c', qc(2)], ['c', heard(2, 0)],
      ['c', heard(2, 1)], ['c', heard(2, 3)], ['c', timeout(4)],
      ['a', enter(1)], ['a', qc(1)], ['a', timeout(1)],
    ];
    expect(feed(roundAdvance, steps)).to.deep.equal([]);
  });

  it('reports a replica that holds 2f+1 timeouts of a round and does not form its TC', () => {
    const steps: Step[] = [['d', enter(1)], ['d', heard(2, 0)], ['d', heard(2, 1)], ['d', heard(2, 2)], ['d', enter(2)]];
    expect(feed(roundAdvance, steps)).to.deep.equal(['safety.round-advance r2 d: d heard timeouts for round 2 from 3 >= ' +
      '2f+1 = 3 identities at tick 4 but did not form TC(2); it observed enter-round (round 2) instead']);
  });

  it('reports a replica that forms a QC of its round and does not enter the next round', () => {
    const steps: Step[] = [['d', enter(3)], ['d', qc(3)], ['d', commit], ['d', timeout(3)]];
    expect(feed(roundAdvance, steps)).to.deep.equal(['safety.round-advance r3 d: d formed a QC of round 3 at tick 2 ' +
      'but did not enter round 4; it observed timeout (round 3) instead']);
  });

  it('passes a QC at the third identity signing the same content, late votes after it, and votes of rounds it forgot', () => {
    const steps: Step[] = [
      ['b', enter(1, 'start')], ['b', voted(1, 0)], ['b', voted(1, 0)], ['b', voted(1, 2, 'm')], ['b', voted(1, 2)],
      ['b', commit], ['b', voted(1, 3)], ['b', qc(1)], ['b', enter(2)], ['b', voted(1, 1)],
      // c keeps the votes of the round before its own, forgets older ones, and forgets all at a restart.
      ['c', enter(3)], ['c', voted(2, 0)], ['c', voted(2, 1)], ['c', enter(5, 'tc')], ['c', voted(2, 3)], ['c', voted(4, 0)],
      ['c', enter(5, 'start')], ['c', voted(4, 1)], ['c', voted(4, 3)],
    ];
    expect(feed(roundAdvance, steps)).to.deep.equal([]);
  });

  it('reports a replica that holds 2f+1 votes signing the same content and does not form their QC', () => {
    const steps: Step[] = [['d', enter(1)], ['d', voted(1, 0)], ['d', voted(1, 1)], ['d', enter(2, 'tc')], ['d', voted(1, 2)],
      ['d', timeout(2)]];
    expect(feed(roundAdvance, steps)).to.deep.equal(['safety.round-advance r1 d: d received 3 >= 2f+1 = 3 votes for block ' +
      'bbbbbbbb (round 1) at tick 5 but did not form their QC; it observed timeout (round 2) instead']);
  });

  it('forgets the timeouts of rounds a replica left, and all of them at a restart', () => {
    const steps: Step[] = [['d', enter(2)], ['d', heard(2, 1)], ['d', heard(2, 2)], ['d', enter(2, 'start')], ['d', heard(2, 3)],
      ['d', enter(3)], ['d', heard(2, 0)]];
    expect(feed(roundAdvance, steps)).to.deep.equal([]);
  });
});
