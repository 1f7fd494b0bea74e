// safety.certificates-formed-once: an honest replica forms at most one QC and one TC per round,
// between restarts.
import { expect } from 'chai';
import { certificatesFormedOnce } from '../../../../src/protocols/diembft/oracles/certificates-formed-once.js';
import type { Observation } from '../../../../src/protocols/diembft/protocol.js';
import { feed, type Step } from './feed.js';

const qc = (round: number): Observation => ({ type: 'qc-formed', round, blockId: 'b'.repeat(64), cert: {} });
const tc = (round: number): Observation => ({ type: 'tc-formed', round, cert: {} });
const restart: Observation = { type: 'enter-round', round: 3, via: 'start' };

describe('oracle safety.certificates-formed-once', () => {
  it('passes one QC and one TC per round, twins forming theirs again, and a certificate formed again after a restart', () => {
    const steps: Step[] = [['b', qc(1)], ['b', tc(1)], ['b', qc(2)], ['c', qc(1)], ['a', qc(1)], ["a'", qc(1)], ['a', qc(1)],
      ['b', restart], ['b', qc(2)]];
    expect(feed(certificatesFormedOnce, steps)).to.deep.equal([]);
  });

  it('reports a second QC of a round', () => {
    expect(feed(certificatesFormedOnce, [['d', qc(4)], ['d', tc(4)], ['d', qc(4)]])).to.deep.equal(
      ['safety.certificates-formed-once r4 d: d formed a second QC of round 4 (for block bbbbbbbb)']);
  });

  it('reports a second TC of a round', () => {
    expect(feed(certificatesFormedOnce, [['c', tc(2)], ['c', tc(2)]])).to.deep.equal(
      ['safety.certificates-formed-once r2 c: c formed a second TC of round 2']);
  });
});
