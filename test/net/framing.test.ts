// Frames (docs/network.md): a 4-byte big-endian length and the payload; a zero or oversized length
// is rejected before any payload is buffered; frames split across chunks or packed into one come out
// whole and in order; a node closes a connection that sends malformed frames or fails the handshake.
import { expect } from 'chai';
import fc from 'fast-check';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { encodeFrame, FrameDecoder, FrameError } from '../../src/net/framing.js';
import { NodeHost } from '../../src/net/node-host.js';
import { loadOrCreateKey } from '../../src/net/keys.js';
import { readLines } from '../../src/net/node-files.js';
import { tempDir } from '../temp-dir.js';

describe('net: frame decoder', () => {
  it('returns every frame whole and in order, however the stream is cut into chunks', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ minLength: 1, maxLength: 50 }), { maxLength: 8 }),
      fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 10 }), (payloads, cuts) => {
        const stream = Buffer.concat(payloads.map((p) => encodeFrame(p)));
        const d = new FrameDecoder(64);
        const out: Buffer[] = [];
        for (let at = 0, k = 0; at < stream.length; k++) {
          const len = cuts[k % cuts.length]!;
          out.push(...d.push(stream.subarray(at, at + len)));
          at += len;
        }
        expect(out.map((b) => [...b])).to.deep.equal(payloads.map((p) => [...p]));
      }));
  });

  it('rejects a length above the maximum before its payload arrives', () => {
    const d = new FrameDecoder(16);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(17, 0);
    expect(() => d.push(head)).to.throw(FrameError, 'a frame of 17 bytes; the largest accepted is 16');
  });

  it('fuzz: on any byte stream cut anywhere, it holds less than one largest frame after each chunk', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 80 }),
      fc.integer({ min: 0, max: 40 }).map((n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n, 0); return b; })), { maxLength: 20 }),
    (chunks) => {
      const d = new FrameDecoder(32);
      for (const c of chunks) {
        try {
          d.push(Buffer.from(c));
        } catch (err) {
          expect(err).to.be.instanceOf(FrameError);
          return;
        }
        expect(d.bufferedBytes).to.be.below(4 + 32);
      }
    }), { numRuns: 2000 });
  });

  it('rejects a zero length', () => {
    expect(() => new FrameDecoder(16).push(Buffer.alloc(4))).to.throw(FrameError, 'length 0');
  });

  it('never throws anything but FrameError on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      try {
        new FrameDecoder(32).push(Buffer.from(bytes));
      } catch (err) {
        expect(err).to.be.instanceOf(FrameError);
      }
    }));
  });
});

describe('net: a node facing a hostile connection', function () {
  this.timeout(20_000);
  let host: NodeHost;
  let port: number;
  let dir: string;

  before(async () => {
    dir = join(tempDir('twins-net-hostile-'), 'node-0');
    const key = loadOrCreateKey(dir);
    host = new NodeHost({ id: 0, protocol: 'diembft', service: 'wallet', chainSeed: 's', tickMs: 10, crypto: 'mock',
      roundTimeoutTicks: 1000, dir, key, publicKeys: [key.publicKey, loadOrCreateKey(`${dir}-1`).publicKey],
      maxFrameBytes: 1024 });
    port = await host.listen(0);
  });
  after(() => host.stop());

  /** Sends `bytes` on a fresh connection and resolves with the reason it was closed by the node. */
  function closedAfter(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = createConnection({ host: '127.0.0.1', port }, () => s.write(bytes));
      s.resume();
      s.on('error', () => undefined);
      s.on('close', () => resolve());
      setTimeout(() => { s.destroy(); reject(new Error('the node kept the connection open')); }, 5000);
    });
  }

  function rejections(): string[] {
    return readLines(join(dir, 'events.jsonl')).map((l) => JSON.parse(l) as { event: string; reason?: string })
      .filter((e) => e.event === 'rejected').map((e) => e.reason!);
  }

  it('closes a connection announcing an oversized frame', async () => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(1 << 30, 0);
    await closedAfter(head);
    expect(rejections().some((r) => r.includes('largest accepted is 1024'))).to.equal(true);
  });

  it('closes a connection whose first frame is not JSON', async () => {
    await closedAfter(encodeFrame(Buffer.from('not json')));
    expect(rejections()).to.include('handshake: a frame that is not a JSON object');
  });

  it('closes a peer that claims an id without its key', async () => {
    await closedAfter(encodeFrame(Buffer.from(JSON.stringify({ t: 'auth', role: 'peer', id: 1, sig: '00' }))));
    expect(rejections()).to.include('handshake: node 1 failed to prove its key');
  });

  it('closes a peer that claims an unknown id', async () => {
    await closedAfter(encodeFrame(Buffer.from(JSON.stringify({ t: 'auth', role: 'peer', id: 7, sig: '00' }))));
    expect(rejections()).to.include('handshake: unknown node id 7');
  });
});
