// The event queue (DESIGN §4): events leave in (tick, seq) order, whatever the interleaving of
// pushes and pops, given that seq grows with every push as the world assigns it.
import { expect } from 'chai';
import fc from 'fast-check';
import { EventQueue } from '../../src/sim/event-queue.js';

interface Ev { readonly tick: number; readonly seq: number }

describe('sim: EventQueue', () => {
  it('pops in (tick, seq) order under any interleaving of pushes and pops', () => {
    const op = fc.oneof(fc.record({ push: fc.integer({ min: 0, max: 30 }) }), fc.constant({ pop: true }));
    fc.assert(fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
      const q = new EventQueue<Ev>();
      const pending: Ev[] = [];
      let seq = 0;
      let now = 0;
      for (const o of ops) {
        if ('push' in o) {
          const e = { tick: now + o.push, seq: seq++ };
          q.push(e);
          pending.push(e);
        } else {
          pending.sort((a, b) => a.tick - b.tick || a.seq - b.seq);
          const expected = pending.shift();
          expect(q.pop()).to.equal(expected);
          if (expected !== undefined) now = expected.tick;
        }
        expect(q.size).to.equal(pending.length);
      }
    }));
  });

  it('refuses an event whose seq does not grow', () => {
    const q = new EventQueue<Ev>();
    q.push({ tick: 5, seq: 3 });
    expect(() => q.push({ tick: 1, seq: 3 })).to.throw(/seq 3/);
  });
});
