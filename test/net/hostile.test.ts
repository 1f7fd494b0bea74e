// Hostile peers and clients (docs/network.md "Hostile peers and clients"). Each test checks a bound by
// the node's own counters (NodeHost.stats()) or by what the connection saw, never by timing.
// Expect: a client flooding requests gets at most its share admitted and the rest refused with an
// error frame, the node's pending requests never pass their bound; frames for unreachable peers are
// dropped oldest first beyond the queue's bound; a reader that does not read is disconnected once its
// write queue passes its bound; a connection that never authenticates, or one too many, is closed;
// arbitrary frames from an authenticated peer (fast-check) cost that peer at most its connection: a
// message the replica fails on makes the node reload the replica from its Store, never crash.
import { expect } from 'chai';
import fc from 'fast-check';
import { createConnection, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { Conn } from '../../src/net/conn.js';
import { encodeFrame } from '../../src/net/framing.js';
import { handshake } from '../../src/net/handshake.js';
import { loadOrCreateKey, type NodeKey } from '../../src/net/keys.js';
import { NodeHost, replyVouchText } from '../../src/net/node-host.js';
import { NetClient } from '../../src/net/net-client.js';
import { sign } from '../../src/net/keys.js';
import type { SignedReply } from '../../src/kernel/reply.js';
import { DEFAULT_NODE_LIMITS, emptyStats, OutboundQueue, type NodeLimits } from '../../src/net/node-limits.js';
import { readLines } from '../../src/net/node-files.js';
import { tempDir } from '../temp-dir.js';

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const frame = (v: unknown): Buffer => encodeFrame(Buffer.from(JSON.stringify(v)));
const clientHello = (name: string): Buffer => Buffer.concat([frame({ t: 'hello', nonce: 'n' }),
  frame({ t: 'auth', role: 'client', name })]);

interface Node0 { host: NodeHost; port: number; dir: string; keys: NodeKey[] }

/** Node 0 of a four-node cluster whose other nodes never run, so nothing commits. */
async function lonelyNode(limits: Partial<NodeLimits>, tickMs = 10, roundTimeoutTicks = 1000): Promise<Node0> {
  const root = tempDir('twins-net-hostile-');
  const keys = [0, 1, 2, 3].map((i) => loadOrCreateKey(join(root, `node-${i}`)));
  const dir = join(root, 'node-0');
  const host = new NodeHost({ id: 0, protocol: 'diembft', service: 'wallet', chainSeed: 's', tickMs, crypto: 'mock',
    roundTimeoutTicks, dir, key: keys[0]!, publicKeys: keys.map((k) => k.publicKey), reconnectMs: 50, limits });
  const port = await host.listen(0);
  return { host, port, dir, keys };
}

function connect(port: number): Promise<Socket> {
  return new Promise((resolve) => { const s = createConnection({ host: '127.0.0.1', port }, () => resolve(s)); s.on('error', () => undefined); });
}

function rejections(dir: string): string[] {
  return readLines(join(dir, 'events.jsonl')).map((l) => JSON.parse(l) as { event: string; reason?: string })
    .filter((e) => e.event === 'rejected').map((e) => e.reason!);
}

describe('net: hostile clients and peers', function () {
  this.timeout(60_000);
  const stops: (() => unknown)[] = [];
  afterEach(async () => { for (const s of stops.splice(0).reverse()) await s(); });

  it('a request flood: admitted requests stay within the bounds, the rest are refused with an error frame', async () => {
    const { host, port } = await lonelyNode({ pendingPerClient: 100, pendingRequests: 150, pendingBytes: 1 << 20 });
    host.start([{ host: '127.0.0.1', port }, { host: '127.0.0.1', port: 1 }, { host: '127.0.0.1', port: 1 }, { host: '127.0.0.1', port: 1 }]);
    stops.push(() => host.stop());
    const op = JSON.stringify({ type: 'get', id: 'a'.repeat(64) });
    const flood = (name: string, count: number): Buffer => Buffer.concat([clientHello(name),
      ...Array.from({ length: count }, (_, i) => frame({ t: 'request', seq: i + 1, op }))]);
    const a = await connect(port);
    let errors = 0;
    a.on('data', (d: Buffer) => { errors += d.toString('latin1').split('"t":"error"').length - 1; });
    stops.push(() => a.destroy());
    a.write(flood('flooder', 1000));
    await until('the node to take in all 1000 requests', () => host.stats().pendingRequests + host.stats().refusedRequests === 1000);
    expect(host.stats()).to.include({ pendingRequests: 100, refusedRequests: 900, peakPendingRequests: 100 });
    a.write(frame({ t: 'request', seq: 5, op }));                     // a resend of a pending request is no new one
    const b = await connect(port);
    stops.push(() => b.destroy());
    b.resume();
    b.write(flood('second', 100));
    await until('the second client\'s requests', () => host.stats().refusedRequests === 950);
    expect(host.stats()).to.include({ pendingRequests: 150, peakPendingRequests: 150 });
    expect(host.stats().pendingBytes).to.equal(150 * op.length);
    await until('the error frames to reach the flooder', () => errors === 900);
  });

  it('frames for unreachable peers: each queue keeps its bound, dropping the oldest', async () => {
    const { host, port } = await lonelyNode({ queuedFrames: 3 }, 1, 2);
    const nowhere = { host: '127.0.0.1', port: 1 };
    host.start([{ host: '127.0.0.1', port }, nowhere, nowhere, nowhere]);
    stops.push(() => host.stop());
    await until('frames to be dropped', () => host.stats().droppedFrames >= 30);
    const s = host.stats();
    expect(s.peakQueuedBytes).to.be.at.most(3 * 2000);
    expect(s.queuedBytes).to.be.at.most(3 * s.peakQueuedBytes);
  });

  it('OutboundQueue: after any pushes it holds at most its bounds, and the newest frames', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 60 }), fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 300, max: 2000 }), (sizes, frames, bytes) => {
        const stats = emptyStats();
        const q = new OutboundQueue({ ...DEFAULT_NODE_LIMITS, queuedFrames: frames, queuedBytes: bytes }, stats);
        sizes.forEach((n, i) => q.push(new Uint8Array(n).fill(i)));
        expect(stats.peakQueuedBytes).to.be.at.most(bytes + 300);
        expect(stats.queuedBytes).to.be.at.most(bytes);
        const kept = q.drain();
        expect(kept.length).to.be.at.most(frames);
        expect(kept.length + stats.droppedFrames).to.equal(sizes.length);
        expect(kept.map((f) => f[0])).to.deep.equal(sizes.map((_, i) => i & 255).slice(sizes.length - kept.length));
        expect(stats.queuedBytes).to.equal(0);
      }));
  });

  it('a reader that does not read is disconnected once its write queue passes the bound', async () => {
    let reason = '';
    let sent = 0;
    const server = createServer((sock) => {
      const conn = new Conn(sock, 1 << 20, () => undefined, (r) => { reason = r; }, 256 * 1024);
      const payload = new Uint8Array(1 << 20);
      while (conn.isOpen && sent < 512) { conn.sendBytes(payload); sent++; }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    stops.push(() => new Promise((r) => server.close(r)));
    const s = await connect((server.address() as { port: number }).port);
    s.pause();
    stops.push(() => s.destroy());
    await until('the connection to close', () => reason !== '');
    expect(reason).to.equal('the other end does not read: more than 262144 bytes wait to be written');
    expect(sent).to.be.below(512);
  });

  it('closes a connection that does not authenticate in time, and any connection beyond the bound', async () => {
    const { host, port, dir } = await lonelyNode({ handshakeMs: 200, connections: 2 });
    stops.push(() => host.stop());
    const closed = (s: Socket): Promise<void> => new Promise((r) => { if (s.destroyed) r(); else s.on('close', () => r()); });
    const [a, b] = [await connect(port), await connect(port)];
    a.resume();
    b.resume();
    await until('two open connections', () => host.stats().openConnections === 2);
    const c = await connect(port);
    c.resume();
    await closed(c);
    await Promise.all([closed(a), closed(b)]);
    expect(rejections(dir)).to.include.members(['more than 2 connections', 'handshake: not completed within 200 ms']);
    expect(host.stats().rejectedConnections).to.equal(3);
    expect(host.stats().openConnections).to.equal(0);
  });

  it('an authenticated peer sending arbitrary frames is at worst disconnected; the node keeps running', async () => {
    const { host, port, keys, dir } = await lonelyNode({});
    const nowhere = { host: '127.0.0.1', port: 1 };
    host.start([{ host: '127.0.0.1', port }, nowhere, nowhere, nowhere]);
    stops.push(() => host.stop());
    const field = fc.constantFrom('block', 'qc', 'tc', 'round', 'author', 'signature', 'highQc', 'highCommitQc', 'voteInfo',
      'ledgerCommitInfo', 'tmoInfo', 'lastRoundTc', 'payload', 'id', 'sender', 'blocks', 'from', 'to');
    const message = fc.record({ kind: fc.constantFrom('proposal', 'vote', 'timeout', 'sync-request', 'sync-response') })
      .chain((k) => fc.dictionary(field, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }).map((rest) => ({ ...rest, ...k })));
    const junk = fc.sample(fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.from(b)),
      fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v))),
      message.map((v) => Buffer.from(JSON.stringify(v)))), { numRuns: 80, seed: 21 });
    for (const bytes of junk) {
      const s = await connect(port);
      let authed = false;
      const conn = new Conn(s, 1 << 20, (f) => { const m = JSON.parse(f.toString()) as Record<string, unknown>; if (!authed) onHs(m); }, () => undefined);
      const onHs = handshake(conn, { me: { role: 'peer', id: 1, key: keys[1]! }, publicKeys: keys.map((k) => k.publicKey),
        expect: 0, acceptClients: false }, () => { authed = true; });
      await until('the handshake', () => authed);
      conn.sendBytes(bytes);
      conn.close('done');
    }
    await until('every bad frame to be dealt with', () => host.stats().openConnections === 0);
    const events = readLines(join(dir, 'events.jsonl')).map((l) => JSON.parse(l) as { event: string; reason?: string });
    expect(events.filter((e) => e.event === 'replica-reload').length, 'messages the replica failed on').to.be.greaterThan(0);
    expect(rejections(dir).filter((r) => r.startsWith('malformed message from node 1')).length).to.be.greaterThan(0);
    const c = await connect(port);
    const hello = await new Promise<string>((r) => c.once('data', (d: Buffer) => r(d.subarray(4).toString())));
    c.destroy();
    expect(JSON.parse(hello)).to.have.property('t', 'hello');
  });

  it('a client counts one reply per node: a node that answers two ways cannot vouch for both', async () => {
    const root = tempDir('twins-net-twofaced-');
    const keys = [0, 1, 2, 3].map((i) => loadOrCreateKey(join(root, `node-${i}`)));
    const reply = (result: string): SignedReply => ({ client: 'carol', seq: 1, result, height: 3, stateDigest: 'd', sig: 's' as unknown as SignedReply['sig'] });
    /** Fake node i: authenticates with its key and answers the first request with `answers`. */
    const fake = async (i: number, answers: string[]): Promise<number> => {
      const server = createServer((sock) => {
        let up = false;
        const conn = new Conn(sock, 1 << 20, (f) => {
          const m = JSON.parse(f.toString()) as Record<string, unknown>;
          if (!up) return onHs(m);
          if (m['t'] !== 'request') return;
          const send = (): void => { for (const a of answers) conn.sendJson({ t: 'reply', node: i, reply: reply(a), vouch: sign(keys[i]!, replyVouchText(i, reply(a))) }); };
          if (i === 0) send();
          else setTimeout(send, 300);                                   // the two-faced node speaks first
        }, () => undefined);
        const onHs = handshake(conn, { me: { role: 'peer', id: i, key: keys[i]! }, publicKeys: keys.map((k) => k.publicKey),
          expect: null, acceptClients: true }, () => { up = true; });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      stops.push(() => new Promise((r) => server.close(r)));
      return (server.address() as { port: number }).port;
    };
    const ports = [await fake(0, ['wrong', 'right']), await fake(1, ['right']), await fake(2, []), await fake(3, ['right'])];
    const net = new NetClient('carol', ports.map((port) => ({ host: '127.0.0.1', port })), keys.map((k) => k.publicKey), 2);
    stops.push(() => net.close());
    await net.connected();
    const accepted = await net.submit({ client: 'carol', seq: 1, op: 'x' }, 10_000);
    expect(accepted).to.include({ result: 'right' });
    expect(accepted.vouchedBy).to.deep.equal([1, 3]);
  });
});
