// safety.no-repeated-request: a block whose author is an honest identity that has not restarted carries
// no request that the committed chain below it, or the block itself, already carries.
import { expect } from 'chai';
import { noRepeatedRequest } from '../../../../src/protocols/diembft/oracles/no-repeated-request.js';
import type { Observation } from '../../../../src/protocols/diembft/protocol.js';
import { feed, type Step } from './feed.js';

const commit = (height: number, author: number, seqs: number[]): Observation => ({ type: 'commit', height,
  blockId: `${height}`.repeat(64), round: height, stateId: 's', author, parentId: 'p'.repeat(64),
  requests: seqs.map((seq) => ({ client: 'c1', seq, op: 'x' })), results: seqs.map(() => 'ok'), serviceDigest: '' });
const start = (round: number): Observation => ({ type: 'enter-round', round, via: 'start' });

describe('oracle safety.no-repeated-request', () => {
  it('passes requests carried once, a twin identity\'s repeat, and a repeat by a leader that restarted', () => {
    const steps: Step[] = [
      ['c', commit(1, 1, [1, 2])], ['c', commit(2, 3, [3])],
      ['c', commit(3, 0, [1])], // identity a is twinned: its blocks are not judged
      ['d', start(1)], ['d', start(4)], ['c', commit(4, 3, [2])],
      ['b', commit(1, 1, [1, 2])],
    ];
    expect(feed(noRepeatedRequest, steps)).to.deep.equal([]);
  });

  it('reports an honest leader\'s block that carries a request committed below it', () => {
    const steps: Step[] = [['c', commit(1, 1, [1])], ['c', commit(2, 2, [2])], ['c', commit(3, 3, [1])]];
    expect(feed(noRepeatedRequest, steps)).to.deep.equal(['safety.no-repeated-request r3 d: d proposed block 33333333 ' +
      '(round 3, height 3 at c) with request c1/1, which height 1 carries']);
  });

  it('reports an honest leader\'s block that carries a request twice', () => {
    expect(feed(noRepeatedRequest, [['b', commit(1, 2, [5, 5])]])).to.deep.equal(['safety.no-repeated-request r1 c: ' +
      'c proposed block 11111111 (round 1, height 1 at b) with request c1/5, which the same block carries before']);
  });
});
