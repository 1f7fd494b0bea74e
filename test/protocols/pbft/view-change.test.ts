// PBFT view change (pbft.md §5): request timers, VIEW-CHANGE with prepared certificates, the f+1 join,
// NEW-VIEW with re-issued pre-prepares and null requests for gaps, exponential view-change timeouts.
//
// Setup:  n = 4 (f = 1, Q = 3) unless named, T = 20 ticks, mock keys; replicas driven by hand, and one whole run
//         (scenarios/pbft_primary_cut_off.json) whose view-0 primary is cut off until GST.
// Expect: each rule of §5.1-§5.5 as named in the test titles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { runScenario } from '../../../src/exec/run-scenario.js';
import type { NewView, PrePrepare, ViewChange } from '../../../src/protocols/pbft/types.js';
import { computeO, nullBatch } from '../../../src/protocols/pbft/view-change.js';
import { parseScenarioText } from '../../../src/scenario/validate.js';
import { ROOT } from '../../cli/run-cli.js';
import { newViewDigest } from '../../../src/protocols/pbft/digests.js';
import * as fixtures from './fixtures.js';
import { batch, cert, observed, prePrepare, replica, sent, timers, vote, viewChange, type Out } from './fixtures.js';

const TXN = { client: 'c1', seq: 1, op: 'x' };
const timeout = (r: ReturnType<typeof replica>, out: readonly Out[]): readonly Out[] => {
  const set = out.filter((o) => o.kind === 'set-timer');
  const last = set[set.length - 1] as { round: number } | undefined;
  return r.step({ kind: 'timer', round: last!.round });
};
/**
 * Fires the armed timer until the replica multicasts a VIEW-CHANGE to view `to` (the replica timer is
 * cut in retransmission chunks, src/protocols/pbft/timer.ts, and a chunk re-sends the VIEW-CHANGE it
 * sent before): the ticks waited, and the outputs of the last firing.
 */
const expire = (r: ReturnType<typeof replica>, out: readonly Out[], to: number): { ticks: number; out: readonly Out[] } => {
  let ticks = 0;
  for (let k = 0; k < 20; k++) {
    const set = out.filter((o) => o.kind === 'set-timer');
    ticks += timers(set).at(-1)!;
    out = timeout(r, out);
    if ((sent(out, 'view-change') as ViewChange[]).some((x) => x.v === to)) return { ticks, out };
  }
  throw new Error('no view change after 20 timer firings');
};

describe('PBFT view change (pbft.md §5)', () => {
  it('a backup arms its timer for T on a new request; on timeout it multicasts VIEW-CHANGE(1) with its certificates', () => {
    const r = replica(1);
    const armed = r.step({ kind: 'client', txn: TXN });
    expect(timers(armed)).to.deep.equal([20]);
    // seq 1 prepared at r1 in view 0: it goes into P.
    const pp = prePrepare(0, batch(1, [TXN]));
    r.step({ kind: 'message', from: 0, msg: pp });
    for (const i of [2, 3]) r.step({ kind: 'message', from: i, msg: vote('prepare', 0, 1, pp.d, i) });
    const out = timeout(r, armed);
    const vcs = sent(out, 'view-change') as ViewChange[];
    expect(vcs.map((v) => [v.v, v.C.seq, v.P.map((c) => [c.pp.seq, c.pp.d, c.prepares.length])])).to.deep.equal([[1, 0, [[1, pp.d, 2]]]]);
    expect(timers(out), 'T4: no replica timer until Q view-changes, only the retransmission of T').to.deep.equal([20]);
    const again = timeout(r, out);
    expect((sent(again, 'view-change') as ViewChange[]).map((v) => v.v), 'C6: the same VIEW-CHANGE again').to.deep.equal([1]);
    expect(sent(again, 'fetch'), 'and a fetch of what it has not executed').to.have.length(1);
  });

  it('the primary does not run the request timer: its timer re-sends and orders, never changes views', () => {
    const p = replica(0);
    let out = p.step({ kind: 'start' });                          // seq 1: the empty batch, and the timer
    const second = sent(p.step({ kind: 'client', txn: TXN }), 'pre-prepare') as PrePrepare[];
    expect(second.map((x) => x.seq)).to.deep.equal([2]);
    for (const pp of [...sent(out, 'pre-prepare'), ...second]) p.step({ kind: 'message', from: 0, msg: pp });   // self-delivery
    for (let k = 0; k < 5; k++) {
      out = timeout(p, out);
      expect(sent(out, 'view-change')).to.deep.equal([]);
      expect((sent(out, 'pre-prepare') as PrePrepare[]).map((x) => [x.v, x.seq]), 'C6: seqs 1 and 2 are in flight').to.deep.equal([[0, 1], [0, 2]]);
      expect(timers(out), 'and it re-arms').to.deep.equal([20]);
    }
  });

  it('view-change timeouts double: T, 2T, 4T while no new view forms', () => {
    // n = 5 (Q = 4): replica 4 is no primary of views 0-3.
    const r = replica(4, { n: 5 });
    let out = r.step({ kind: 'client', txn: TXN });
    const waits: number[] = [];
    for (let v = 1; v <= 3; v++) {
      const fired = expire(r, out, v);
      if (v > 1) waits.push(fired.ticks);
      out = fired.out;
      expect((sent(out, 'view-change') as ViewChange[]).map((x) => x.v)).to.deep.equal([v]);
      for (const i of [4, 0, 2]) {
        const o = r.step({ kind: 'message', from: i, msg: viewChange(v, i) });
        expect(timers(o), 'not before Q').to.deep.equal([]);
      }
      out = r.step({ kind: 'message', from: 3, msg: viewChange(v, 3) });
    }
    waits.push(expire(r, out, 4).ticks);
    expect(waits).to.deep.equal([20, 40, 80]);
  });

  it('f+1 view-changes for a higher view make a replica join at once (D10)', () => {
    const r = replica(3);
    expect(sent(r.step({ kind: 'message', from: 1, msg: viewChange(1, 1) }), 'view-change')).to.deep.equal([]);
    const out = r.step({ kind: 'message', from: 2, msg: viewChange(2, 2) });
    expect((sent(out, 'view-change') as ViewChange[]).map((v) => [v.v, v.i])).to.deep.equal([[1, 3]]);
  });

  it('computeO: min-s is the latest checkpoint in V, each seq takes its highest-view certificate, gaps get null requests', () => {
    const low = cert(0, batch(2, [TXN], 'r0'), [1, 2]);
    const high = cert(1, batch(2, [], 'r1'), [2, 3]);
    const at4 = cert(0, batch(4, [], 'r0'), [1, 3]);
    const o = computeO([viewChange(2, 0, [low]), viewChange(2, 1, [high, at4]), viewChange(2, 3)]);
    expect(o.minS).to.equal(0);
    expect(o.batches).to.deep.equal([nullBatch(1), high.pp.batch, nullBatch(3), at4.pp.batch]);
  });

  it('the new primary sends NEW-VIEW with Q view-changes and O; backups accept it, enter the view and prepare O', () => {
    const p = replica(1);
    const c = cert(0, batch(1, [TXN]), [2, 3]);
    const vcs = [viewChange(1, 0), viewChange(1, 2, [c]), viewChange(1, 3, [c])];
    const outs: Out[] = [];
    for (const vc of vcs) outs.push(...p.step({ kind: 'message', from: vc.i, msg: vc }));
    const own = sent(outs, 'view-change') as ViewChange[];
    expect(own.map((v) => [v.v, v.i]), 'C9: the new primary sends its own view-change').to.deep.equal([[1, 1]]);
    const nvs = sent(p.step({ kind: 'message', from: 1, msg: own[0]! }), 'new-view') as NewView[];
    expect(nvs).to.have.length(1);
    expect(nvs[0]!.V.map((v) => v.i)).to.deep.equal([0, 1, 2]);
    expect(nvs[0]!.O.map((pp) => [pp.v, pp.seq, pp.d])).to.deep.equal([[1, 1, c.pp.d]]);
    const b = replica(3);
    const out = b.step({ kind: 'message', from: 1, msg: nvs[0]! });
    expect(observed(out, 'enter-round').map((e) => [e.round, e.via])).to.deep.equal([[2, 'new-view']]);
    expect((sent(out, 'prepare') as { v: number; seq: number }[]).map((x) => [x.v, x.seq])).to.deep.equal([[1, 1]]);
  });

  it('a NEW-VIEW whose O drops a prepared certificate, or with fewer than Q view-changes, is refused', () => {
    const p = replica(1);
    const c = cert(0, batch(1, [TXN]), [2, 3]);
    for (const vc of [viewChange(1, 0), viewChange(1, 2, [c]), viewChange(1, 3, [c])]) p.step({ kind: 'message', from: vc.i, msg: vc });
    const nv = (sent(p.step({ kind: 'message', from: 1, msg: viewChange(1, 1) }), 'new-view') as NewView[])[0]!;
    const forge = (x: Omit<NewView, 'sig'>): NewView => {
      const { crypto } = fixtures;
      return { ...x, sig: crypto.sign(1, newViewDigest(x.v, x.V, x.O, 1)) };
    };
    const b = replica(3);
    const dropped = forge({ ...nv, O: [prePrepare(1, nullBatch(1), 1)] as PrePrepare[] });
    expect(observed(b.step({ kind: 'message', from: 1, msg: dropped }), 'reject')[0]?.detail).to.equal('O differs at seq 1');
    const small = forge({ ...nv, V: nv.V.slice(0, 2) });
    expect(observed(b.step({ kind: 'message', from: 1, msg: small }), 'reject')[0]?.detail).to.equal('V holds 2 distinct senders, need 3');
  });

  it('a whole run: with the view-0 primary cut off, the backups change to view 1 and every client finishes; after GST the old primary joins view 1', () => {
    const path = join(ROOT, 'scenarios', 'pbft_primary_cut_off.json');
    const r = runScenario(parseScenarioText(readFileSync(path, 'utf8'), path), {}, { trace: true });
    expect(r.verdict, JSON.stringify(r.violations)).to.equal('pass');
    const t = r.trace ?? [];
    const entered = t.flatMap((e) => (e.type === 'enter-round' && e.via === 'new-view' ? [[e.replica, e.round]] : []));
    expect(entered.slice(0, 3)).to.deep.equal([['b', 2], ['c', 2], ['d', 2]]);
    expect(entered.slice(3), 'a gets the NEW-VIEW again once its VIEW-CHANGE reaches b (C6)').to.deep.equal([['a', 2]]);
    expect(t.filter((e) => e.type === 'client' && e.what === 'done').length).to.equal(2);
  });
});
