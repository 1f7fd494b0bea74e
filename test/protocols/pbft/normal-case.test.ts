// PBFT's normal case (pbft.md §1.1, §4), one replica driven by hand: thresholds, pre-prepare checks,
// prepared at Q-1 prepares of backups, committed-local at Q commits, execution in sequence order.
//
// Setup:  n = 4 (f = 1, Q = 3), view 0, primary r0, mock keys; the backup under test is r1.
// Expect: each check of §4.2-§4.5 refuses what it names and lets the correct message through.
import { expect } from 'chai';
import { thresholds } from '../../../src/protocols/pbft/thresholds.js';
import type { PrePrepare, Vote } from '../../../src/protocols/pbft/types.js';
import { batch, observed, prePrepare, replica, sent, vote } from './fixtures.js';

describe('PBFT normal case (pbft.md §4)', () => {
  it('thresholds: f = floor((n-1)/3), Q = ceil((n+f+1)/2), which is 2f+1 at n = 3f+1', () => {
    expect([4, 5, 7, 10, 13].map((n) => thresholds(n))).to.deep.equal([
      { f: 1, quorum: 3 }, { f: 1, quorum: 4 }, { f: 2, quorum: 5 }, { f: 3, quorum: 7 }, { f: 4, quorum: 9 }]);
  });

  it('the primary orders an empty batch at seq 1 on start when nothing is pending; backups do not', () => {
    const out = replica(0).step({ kind: 'start' });
    const pps = sent(out, 'pre-prepare') as PrePrepare[];
    expect(pps.map((p) => [p.v, p.seq, p.batch.txns.length])).to.deep.equal([[0, 1, 0]]);
    expect(sent(replica(1).step({ kind: 'start' }), 'pre-prepare')).to.deep.equal([]);
  });

  it('the primary batches pending client requests into pre-prepares inside the window', () => {
    const r = replica(0, { options: { batchSize: 2, checkpointPeriod: 2, logSize: 4 } });
    r.step({ kind: 'start' });                                   // seq 1: the empty batch
    const pps: PrePrepare[] = [];
    for (let k = 1; k <= 9; k++) {
      pps.push(...(sent(r.step({ kind: 'client', txn: { client: 'c1', seq: k, op: `op${k}` } }), 'pre-prepare') as PrePrepare[]));
    }
    // The window (0, 4] holds seqs 2..4 after the empty batch at 1; each request is ordered as it
    // arrives, and requests 4..9 wait for the window to move.
    expect(pps.map((p) => [p.seq, p.batch.txns.map((t) => t.seq)])).to.deep.equal([[2, [1]], [3, [2]], [4, [3]]]);
  });

  it('a backup prepares a valid pre-prepare from the primary, once; the same pre-prepare again re-sends that PREPARE (C6)', () => {
    const r = replica(1);
    const pp = prePrepare(0, batch(1));
    const out = r.step({ kind: 'message', from: 0, msg: pp });
    const first = sent(out, 'prepare') as Vote[];
    expect(first.map((p) => [p.v, p.seq, p.d, p.i])).to.deep.equal([[0, 1, pp.d, 1]]);
    expect(sent(r.step({ kind: 'message', from: 0, msg: pp }), 'prepare'), 'the same pre-prepare again').to.deep.equal(first);
  });

  it('a backup refuses pre-prepares that are not the primary\'s, mismatch their batch, leave the window or reuse (v, seq)', () => {
    const r = replica(1);
    const reject = (from: number, msg: PrePrepare): string[] => {
      const out = r.step({ kind: 'message', from, msg });
      expect(sent(out, 'prepare'), 'no prepare').to.deep.equal([]);
      return observed(out, 'reject').map((x) => x.detail);
    };
    expect(reject(2, prePrepare(0, batch(1), 2))[0]).to.match(/sent by 2, primary of view 0 is 0/);
    expect(reject(0, { ...prePrepare(0, batch(1)), batch: batch(1, [], 'other') })[0]).to.match(/batch digest differs/);
    expect(reject(0, prePrepare(0, batch(9)))[0]).to.match(/seq 9 outside \(0, 8\]/);
    expect(reject(0, prePrepare(1, batch(1), 1))[0]).to.match(/sent by 0, primary of view 1 is 1/);
    r.step({ kind: 'message', from: 0, msg: prePrepare(0, batch(1)) });
    expect(reject(0, prePrepare(0, batch(1, [], 'r0-twin')))[0]).to.match(/\(0, 1\) already holds/);
  });

  it('prepared needs Q-1 = 2 matching prepares from distinct backups; the primary\'s prepare does not count', () => {
    const r = replica(1);
    const pp = prePrepare(0, batch(1));
    r.step({ kind: 'message', from: 0, msg: pp });
    expect(sent(r.step({ kind: 'message', from: 1, msg: vote('prepare', 0, 1, pp.d, 1) }), 'commit')).to.deep.equal([]);
    expect(observed(r.step({ kind: 'message', from: 0, msg: vote('prepare', 0, 1, pp.d, 0) }), 'reject')[0]?.detail)
      .to.match(/from the primary 0/);
    expect(sent(r.step({ kind: 'message', from: 2, msg: vote('prepare', 0, 1, 'f'.repeat(64), 2) }), 'commit'), 'other digest')
      .to.deep.equal([]);
    const out = r.step({ kind: 'message', from: 3, msg: vote('prepare', 0, 1, pp.d, 3) });
    expect((sent(out, 'commit') as Vote[]).map((c) => [c.seq, c.i])).to.deep.equal([[1, 1]]);
  });

  it('committed-local needs Q = 3 matching commits; execution follows sequence order', () => {
    const r = replica(1);
    const pps = [prePrepare(0, batch(1)), prePrepare(0, batch(2))];
    const commitsAt: number[] = [];
    const feed = (from: number, msg: PrePrepare | Vote): void => {
      for (const c of observed(r.step({ kind: 'message', from, msg }), 'commit')) commitsAt.push(c.height);
    };
    for (const pp of pps) feed(0, pp);
    for (const pp of pps) for (const i of [1, 2, 3]) feed(i, vote('prepare', 0, pp.seq, pp.d, i));
    for (const i of [1, 2]) feed(i, vote('commit', 0, 2, pps[1]!.d, i));
    feed(0, vote('commit', 0, 2, pps[1]!.d, 0));
    expect(commitsAt, 'seq 2 is committed-local but waits for seq 1').to.deep.equal([]);
    for (const i of [0, 1]) feed(i, vote('commit', 0, 1, pps[0]!.d, i));
    expect(commitsAt, 'two commits are not Q').to.deep.equal([]);
    feed(3, vote('commit', 0, 1, pps[0]!.d, 3));
    expect(commitsAt).to.deep.equal([1, 2]);
  });

  it('signatures are checked: a prepare signed by another replica is refused', () => {
    const r = replica(1);
    const pp = prePrepare(0, batch(1));
    r.step({ kind: 'message', from: 0, msg: pp });
    const forged: Vote = { ...vote('prepare', 0, 1, pp.d, 3), i: 2 };
    expect(observed(r.step({ kind: 'message', from: 2, msg: forged }), 'reject')[0]?.detail).to.match(/signature does not verify for 2/);
  });
});
