// The shared progress helper: a plain line at most every two seconds when not on a terminal, nothing
// when quiet, and never anything on stdout.
import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createProgress, progressLine } from '../../src/cli/progress.js';

function sink(isTTY: boolean): Writable & { isTTY: boolean; text: string } {
  const s = new Writable({
    write(chunk: Buffer, _enc, done) {
      s.text += chunk.toString();
      done();
    },
  }) as Writable & { isTTY: boolean; text: string };
  s.isTTY = isTTY;
  s.text = '';
  return s;
}

describe('cli progress', () => {
  it('formats "label: value/total (pct%), rate/s, eta Ns"', () => {
    expect(progressLine('gen all_random', 5000, 10000, 500)).to.equal('gen all_random: 5000/10000 (50%), 10000/s, eta 1s');
    expect(progressLine('exec w1', 300, undefined, 1000)).to.equal('exec w1: 300, 300/s');
  });

  it('off a terminal, prints a plain line at most every two seconds', () => {
    let now = 0;
    const out = sink(false);
    const p = createProgress({ label: 'gen x', total: 100, quiet: false, stream: out, now: () => now });
    for (let i = 0; i < 100; i++) {
      now += 100; // 10 s in total
      p.tick();
    }
    p.done();
    const lines = out.text.trim().split('\n');
    expect(lines).to.have.length(5);
    expect(lines[0]).to.equal('gen x: 20/100 (20%), 10/s, eta 8s');
  });

  it('prints nothing when quiet', () => {
    let now = 0;
    const out = sink(false);
    const p = createProgress({ label: 'gen x', total: 10, quiet: true, stream: out, now: () => (now += 5000) });
    for (let i = 0; i < 10; i++) p.tick();
    p.done();
    expect(out.text).to.equal('');
  });

  it('on a terminal draws a bar (and no plain lines), cleared when done', () => {
    let now = 0;
    const out = sink(true);
    const p = createProgress({ label: 'gen x', total: 10, quiet: false, stream: out, now: () => (now += 3000) });
    for (let i = 0; i < 10; i++) p.tick();
    p.done();
    expect(out.text).to.not.match(/gen x: \d+\/10 \(/);
  });
});
