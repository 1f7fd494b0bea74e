// safety.timeout-join: an honest replica that hears f+1 = 2 identities time out of its round, and has
// not timed out of it, joins them at once; it times out of a round again only right after its timer
// for that round fired.
import { expect } from 'chai';
import { timeoutJoin } from '../../../../src/protocols/diembft/oracles/timeout-join.js';
import type { Observation } from '../../../../src/protocols/diembft/protocol.js';
import { feed, type Step } from './feed.js';

const enter = (round: number, via: 'qc' | 'tc' | 'start' = 'qc'): Observation => ({ type: 'enter-round', round, via });
const fired = (round: number): Observation => ({ type: 'timer-fired', round });
const heard = (round: number, sender: number): Observation => ({ type: 'timeout-received', round, sender });
const timeout = (round: number): Observation => ({ type: 'timeout', round, highQcRound: 0 });
const refused: Observation = { type: 'reject', what: 'timeout.refused', detail: 'round 2 <= qc round 2' };
const vote = (round: number): Observation => ({ type: 'vote', round, blockId: 'b'.repeat(64), parentId: 'p'.repeat(64),
  parentRound: round - 1, qcRound: round - 1, commitStateId: null, lciHash: 'l'.repeat(64), blockAuthor: 1, to: 2,
  highCommitQcRound: null });

describe('oracle safety.timeout-join', () => {
  it('passes a join at the f+1-th identity, a refused join (not re-armed by a counted identity\'s retransmission), retransmissions right after the timer, and twins', () => {
    const steps: Step[] = [
      ['b', enter(1, 'start')], ['b', heard(1, 0)], ['b', heard(1, 0)], ['b', heard(1, 2)], ['b', timeout(1)],
      ['b', heard(1, 3)], ['b', fired(1)], ['b', timeout(1)],
      // c is in round 2: timeouts of round 1 are ignored, those of round 3 wait until it enters round 3.
      ['c', enter(2)], ['c', heard(1, 1)], ['c', heard(1, 3)], ['c', heard(3, 1)], ['c', vote(2)], ['c', enter(3)],
      ['c', heard(3, 3)], ['c', timeout(3)],
      ['d', enter(2)], ['d', heard(2, 1)], ['d', heard(2, 2)], ['d', refused], ['d', vote(2)],
      // A retransmitted timeout from an identity already counted attempts no join: the timer may fire.
      ['d', heard(2, 1)], ['d', fired(2)],
      ['a', enter(1)], ['a', heard(1, 1)], ['a', heard(1, 2)], ['a', vote(1)], ['a', timeout(1)], ['a', timeout(1)],
    ];
    expect(feed(timeoutJoin, steps)).to.deep.equal([]);
  });

  it('reports a replica that hears f+1 timeouts of its round and does something else first', () => {
    const steps: Step[] = [['d', enter(2)], ['d', heard(2, 1)], ['d', heard(2, 0)], ['d', enter(3, 'tc')]];
    expect(feed(timeoutJoin, steps)).to.deep.equal(['safety.timeout-join r2 d: d heard timeouts for its round 2 from 2 >= ' +
      'f+1 = 2 identities at tick 3 without having timed out of it, but it observed enter-round (round 3) instead of joining them']);
  });

  it('counts the timeouts a replica heard for a round before it entered that round, but forgets those of rounds it left', () => {
    const early: Step[] = [['d', enter(1, 'start')], ['d', heard(2, 1)], ['d', enter(2)], ['d', heard(2, 3)], ['d', fired(2)]];
    expect(feed(timeoutJoin, early)).to.have.length(1);
    const left: Step[] = [['d', enter(2)], ['d', heard(2, 1)], ['d', enter(3)], ['d', heard(3, 2)], ['d', fired(3)]];
    expect(feed(timeoutJoin, left)).to.deep.equal([]);
  });

  it('reports a second timeout of a round that did not follow its timer', () => {
    const steps: Step[] = [['c', enter(1, 'start')], ['c', fired(1)], ['c', timeout(1)], ['c', heard(1, 1)], ['c', timeout(1)]];
    expect(feed(timeoutJoin, steps)).to.deep.equal(
      ['safety.timeout-join r1 c: c timed out of round 1 again without its timer for round 1 firing just before']);
  });

  it('starts afresh after a restart: a restarted replica may time out of its round again', () => {
    const steps: Step[] = [['c', enter(2)], ['c', fired(2)], ['c', timeout(2)], ['c', enter(2, 'start')], ['c', heard(2, 1)],
      ['c', heard(2, 3)], ['c', timeout(2)]];
    expect(feed(timeoutJoin, steps)).to.deep.equal([]);
  });
});
