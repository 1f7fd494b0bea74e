// requireQuorum against the replicas' own thresholds (DESIGN §6, diembft-v4 §1.1): the generator keeps a
// partition only when some group holds as many distinct identities as a DiemBFT replica needs to form
// a certificate. For n = 5 and 6 that is ceil((n+f+1)/2) = 4, not 2f+1 = 3.
//
// Setup:  n = 1..10; the generator's cast, and real replicas (FIFO network, round-robin leaders) whose
//         round-1 votes reach the next leader from only the first k identities.
// Expect: a QC forms exactly when k reaches the cast's quorum; requireQuorum keeps exactly the
//         partitions with a group of that many distinct identities.
import { expect } from 'chai';
import { castOf } from '../../src/gen/identities.js';
import { PartitionCounter } from '../../src/gen/partition-dp.js';
import { protocolNamed } from '../../src/protocols/registry.js';
import { FifoNet } from '../protocols/diembft/fixtures.js';
import { allPartitions, hasQuorum } from './helpers.js';

/** Whether some replica formed a round-1 QC when only identities 0..k-1 had their round-1 votes delivered. */
function qcFormsWith(n: number, k: number): boolean {
  const net = new FifoNet(n);
  net.onDeliver = (d) => d.msg.kind !== 'vote' || d.msg.voteInfo.round !== 1 || d.from < k;
  net.run(2);
  return net.seen.some((seen) => seen.some((o) => o.type === 'qc-formed' && o.round === 1));
}

describe('gen quorum: requireQuorum uses the replicas\' own thresholds', () => {
  for (let n = 1; n <= 10; n++) {
    const cast = castOf({ nodes: n, twins: n >= 4 && n <= 7 ? 1 : 0, leaders: 'all' });

    it(`n = ${n}: a replica forms a QC from ${cast.quorum} voters and not from ${cast.quorum - 1}`, () => {
      expect(cast.quorum).to.equal(protocolNamed('diembft').thresholds(n).quorum);
      expect(qcFormsWith(n, cast.quorum - 1)).to.equal(false);
      expect(qcFormsWith(n, cast.quorum)).to.equal(true);
    });

    it(`n = ${n}: requireQuorum keeps exactly the partitions with a group of ${cast.quorum} distinct identities`, () => {
      const replicas = cast.identityIndex.length;
      const kMax = Math.min(replicas, n <= 7 ? replicas : 3);
      const expected = allPartitions(replicas).filter((labels) =>
        Math.max(...labels) + 1 <= kMax && hasQuorum(labels, cast.identityIndex, cast.quorum)).length;
      const counter = new PartitionCounter({ copies: cast.copies, quorum: cast.quorum, kMin: 1, kMax });
      expect(counter.total()).to.equal(BigInt(expected));
    });
  }

  it('n = 5 and 6 need 4 distinct identities, so a 3 + 2 split keeps no quorum group', () => {
    expect(castOf({ nodes: 5, twins: 0, leaders: 'all' }).quorum).to.equal(4);
    expect(castOf({ nodes: 6, twins: 0, leaders: 'all' }).quorum).to.equal(4);
    expect(hasQuorum([0, 0, 0, 1, 1], [0, 1, 2, 3, 4], 4)).to.equal(false);
  });
});
