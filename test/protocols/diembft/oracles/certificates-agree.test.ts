// safety.certificates-agree: the QCs honest replicas form or accept certify one block per round,
// whichever honest replica holds them; QCs only twins hold are not judged.
import { expect } from 'chai';
import { certificatesAgree } from '../../../../src/protocols/diembft/oracles/certificates-agree.js';
import type { Observation } from '../../../../src/protocols/diembft/protocol.js';
import { feed, type Step } from './feed.js';

const formed = (round: number, blockId: string): Observation => ({ type: 'qc-formed', round, blockId, cert: null });
const accepted = (round: number, blockId: string): Observation =>
  ({ type: 'cert-accepted', certKind: 'qc', round, cert: { voteInfo: { id: blockId } } });
const acceptedTc = (round: number): Observation => ({ type: 'cert-accepted', certKind: 'tc', round, cert: null });

describe('oracle safety.certificates-agree', () => {
  it('passes one certified block per round, a TC of a certified round, and a twin holding another QC', () => {
    const steps: Step[] = [
      ['b', formed(1, 'blk1')], ['c', accepted(1, 'blk1')], ['d', acceptedTc(1)], ['c', formed(2, 'blk2')],
      ['a', formed(2, 'blkX')],
    ];
    expect(feed(certificatesAgree, steps)).to.deep.equal([]);
  });

  it('reports two honest replicas holding QCs of one round for different blocks', () => {
    const steps: Step[] = [['b', formed(3, 'blk3')], ['d', accepted(3, 'blk3bis')]];
    expect(feed(certificatesAgree, steps)).to.deep.equal(
      ['safety.certificates-agree r3 b,d: b holds a QC of round 3 for block blk3, but d holds one for block blk3bis']);
  });

  it('reports one honest replica accepting QCs of one round for different blocks', () => {
    const steps: Step[] = [['c', accepted(3, 'blk3')], ['c', accepted(3, 'blk3bis')]];
    expect(feed(certificatesAgree, steps)).to.deep.equal(
      ['safety.certificates-agree r3 c,c: c holds a QC of round 3 for block blk3, but c holds one for block blk3bis']);
  });
});
