// Step 1 against brute force: the DP counts, unranks and ranks exactly the set partitions a plain
// recursive listing produces, in the same (lexicographic restricted-growth-string) order, with and
// without the quorum rule and with a size-dependent weight.
import { expect } from 'chai';
import { PartitionCounter } from '../../src/gen/partition-dp.js';
import { blockSizes } from '../../src/gen/partition-step.js';
import { allPartitions, hasQuorum } from './helpers.js';

interface Shape { nodes: number; twins: number }

function identitiesOf({ nodes, twins }: Shape): { copies: number[]; identityOf: number[] } {
  const copies = Array.from({ length: nodes }, (_, i) => (i < twins ? 2 : 1));
  const identityOf = copies.flatMap((c, i) => Array<number>(c).fill(i));
  return { copies, identityOf };
}

function bruteForce(shape: Shape, kMin: number, kMax: number, quorum: number | null): number[][] {
  const { identityOf } = identitiesOf(shape);
  return allPartitions(identityOf.length).filter((labels) => {
    const k = Math.max(...labels) + 1;
    return k >= kMin && k <= kMax && (quorum === null || hasQuorum(labels, identityOf, quorum));
  }).sort((a, b) => Math.max(...a) - Math.max(...b)); // stable: lexicographic within each k
}

const SHAPES: readonly Shape[] = [
  { nodes: 1, twins: 0 }, { nodes: 3, twins: 1 }, { nodes: 4, twins: 1 }, { nodes: 4, twins: 2 },
  { nodes: 5, twins: 2 }, { nodes: 6, twins: 1 }, { nodes: 7, twins: 2 },
];

describe('gen partitions: restricted growth strings ranked by a DP', () => {
  for (const shape of SHAPES) {
    const r = shape.nodes + shape.twins;
    for (const quorum of [null, 2 * Math.floor((shape.nodes - 1) / 3) + 1]) {
      for (const [kMin, kMax] of [[1, r], [2, Math.min(3, r)]] as const) {
        if (kMin > kMax) continue;
        it(`n = ${shape.nodes}, ${shape.twins} twins, ${kMin}..${kMax} groups, quorum ${quorum ?? 'off'}: ` +
          'same partitions, same order, as brute force', () => {
          const expected = bruteForce(shape, kMin, kMax, quorum);
          const counter = new PartitionCounter({ copies: identitiesOf(shape).copies, quorum, kMin, kMax });
          expect(counter.total()).to.equal(BigInt(expected.length));
          expected.forEach((labels, i) => {
            expect(counter.unrank(BigInt(i)).labels).to.deep.equal(labels);
            expect(counter.prefix(labels)).to.equal(BigInt(i));
          });
        });
      }
    }
  }

  it('a weighted count sums the weight of every partition, and unranking lands inside the right one', () => {
    const shape = { nodes: 4, twins: 1 };
    const weight = (sizes: readonly number[]): bigint => BigInt(1 + sizes.reduce((a, s) => a + s * s, 0));
    const counter = new PartitionCounter({ copies: identitiesOf(shape).copies, quorum: 3, kMin: 1, kMax: 3, weight });
    const list = bruteForce(shape, 1, 3, 3);
    let position = 0n;
    for (const labels of list) {
      const w = weight(blockSizes(labels));
      expect(counter.prefix(labels)).to.equal(position);
      const last = counter.unrank(position + w - 1n);
      expect(last.labels).to.deep.equal(labels);
      expect(last.residual).to.equal(w - 1n);
      position += w;
    }
    expect(counter.total()).to.equal(position);
  });

  it('a quorum that no group can hold leaves nothing: n = 4 split into 4 or more groups', () => {
    const counter = new PartitionCounter({ copies: [2, 1, 1, 1], quorum: 3, kMin: 4, kMax: 5 });
    expect(counter.total()).to.equal(0n);
  });
});
