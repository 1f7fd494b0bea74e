// safety.timeout-cause: an honest replica times out of round r only when its own timer for r fired
// or it received timeouts for r from f+1 = 2 distinct identities (a and a' count once).
import { expect } from 'chai';
import { timeoutCause } from '../../../../src/protocols/diembft/oracles/timeout-cause.js';
import type { Observation } from '../../../../src/protocols/diembft/protocol.js';
import { feed, type Step } from './feed.js';

const fired = (round: number): Observation => ({ type: 'timer-fired', round });
const heard = (round: number, sender: number): Observation => ({ type: 'timeout-received', round, sender });
const timeout = (round: number): Observation => ({ type: 'timeout', round, highQcRound: 0 });

describe('oracle safety.timeout-cause', () => {
  it('passes a timeout after its own timer fired, after f+1 identities timed out, and any twin timeout', () => {
    const steps: Step[] = [
      ['b', fired(1)], ['b', timeout(1)],
      ['c', heard(1, 1)], ['c', heard(1, 3)], ['c', timeout(1)],
      ['a', timeout(5)],
    ];
    expect(feed(timeoutCause, steps)).to.deep.equal([]);
  });

  it('reports a timeout with f timeouts heard and no timer fired', () => {
    const steps: Step[] = [['d', heard(2, 1)], ['d', timeout(2)]];
    expect(feed(timeoutCause, steps)).to.deep.equal(
      ['safety.timeout-cause r2 d: d timed out of round 2 before its timer fired, having heard 1 < f+1 = 2 timeouts for it']);
  });

  it('counts one identity once however many timeouts it sent, and only timeouts of the same round', () => {
    const steps: Step[] = [['d', heard(2, 0)], ['d', heard(2, 0)], ['d', heard(1, 1)], ['d', fired(1)], ['d', timeout(2)]];
    expect(feed(timeoutCause, steps)).to.deep.equal(
      ['safety.timeout-cause r2 d: d timed out of round 2 before its timer fired, having heard 1 < f+1 = 2 timeouts for it']);
  });

  it('counts only the timer and timeouts of the replica that times out', () => {
    const steps: Step[] = [['b', fired(3)], ['c', timeout(3)]];
    expect(feed(timeoutCause, steps)).to.deep.equal(
      ['safety.timeout-cause r3 c: c timed out of round 3 before its timer fired, having heard 0 < f+1 = 2 timeouts for it']);
  });
});
