// safety.round-entry: an honest replica's round never decreases, and it enters round r only on a QC
// or TC of round r-1 it formed or accepted before, or at its start (a restart may repeat its round).
import { expect } from 'chai';
import { roundEntry } from '../../../../src/protocols/diembft/oracles/round-entry.js';
import type { Observation } from '../../../../src/protocols/diembft/protocol.js';
import { feed, type Step } from './feed.js';

const enter = (round: number, via: 'qc' | 'tc' | 'start'): Observation => ({ type: 'enter-round', round, via });
const qcFormed = (round: number): Observation => ({ type: 'qc-formed', round, blockId: `blk${round}`, cert: null });
const accepted = (certKind: 'qc' | 'tc', round: number): Observation => ({ type: 'cert-accepted', certKind, round, cert: null });

describe('oracle safety.round-entry', () => {
  it('passes rounds entered on a formed QC, an accepted TC, an accepted QC that skips rounds, and a restart', () => {
    const steps: Step[] = [
      ['b', enter(1, 'start')], ['b', qcFormed(1)], ['b', enter(2, 'qc')],
      ['b', accepted('tc', 2)], ['b', enter(3, 'tc')],
      ['b', accepted('qc', 6)], ['b', enter(7, 'qc')],
      ['b', enter(7, 'start')],
      ['a', enter(9, 'qc')], ['a', enter(4, 'qc')],
    ];
    expect(feed(roundEntry, steps)).to.deep.equal([]);
  });

  it('reports a round that decreases', () => {
    const steps: Step[] = [['c', enter(1, 'start')], ['c', accepted('qc', 4)], ['c', enter(5, 'qc')], ['c', accepted('tc', 2)],
      ['c', enter(3, 'tc')]];
    expect(feed(roundEntry, steps)).to.deep.equal(['safety.round-entry r3 c: c entered round 3 (via tc) after round 5']);
  });

  it('reports entering a round twice other than by a restart', () => {
    const steps: Step[] = [['c', enter(1, 'start')], ['c', accepted('qc', 1)], ['c', enter(2, 'qc')], ['c', enter(2, 'qc')]];
    expect(feed(roundEntry, steps)).to.deep.equal(['safety.round-entry r2 c: c entered round 2 (via qc) after round 2']);
  });

  it('reports entering a round on a certificate of another round, or of the other kind', () => {
    const early: Step[] = [['d', enter(1, 'start')], ['d', accepted('qc', 2)], ['d', enter(4, 'qc')]];
    expect(feed(roundEntry, early)).to.deep.equal(['safety.round-entry r4 d: d entered round 4 via qc without a QC of round 3']);
    const kind: Step[] = [['d', enter(1, 'start')], ['d', accepted('qc', 1)], ['d', enter(2, 'tc')]];
    expect(feed(roundEntry, kind)).to.deep.equal(['safety.round-entry r2 d: d entered round 2 via tc without a TC of round 1']);
  });

  it('counts only certificates the entering replica itself holds', () => {
    const steps: Step[] = [['b', enter(1, 'start')], ['c', enter(1, 'start')], ['b', qcFormed(1)], ['c', enter(2, 'qc')]];
    expect(feed(roundEntry, steps)).to.deep.equal(['safety.round-entry r2 c: c entered round 2 via qc without a QC of round 1']);
  });
});
