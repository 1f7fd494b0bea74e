// The REST gateway on a four-node loopback cluster (docs/network.md "The REST gateway"): the nodes and
// the gateway listen on ports the system picks; requests go over real HTTP.
// Expect: create, transfer and balance answer with the service's results and name f+1 or more nodes
// that vouched for them (each a node of the cluster); bad requests get 4xx JSON naming the field; the
// gateway keeps serving afterwards; a balance read through the gateway agrees with one read by an
// independent wallet client.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { NodeHost, type PeerAddress } from '../../src/net/node-host.js';
import { loadOrCreateKey } from '../../src/net/keys.js';
import { NetClient } from '../../src/net/net-client.js';
import { buildGateway } from '../../src/net/gateway.js';
import { WalletClient } from '../../src/net/wallet-client.js';
import { tempDir } from '../temp-dir.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const N = 4;
const F = 1;

describe('net: the REST gateway on a four-node loopback cluster', function () {
  this.timeout(90_000);
  const hosts: NodeHost[] = [];
  let net: NetClient;
  let app: FastifyInstance;
  let base = '';
  let addrs: PeerAddress[] = [];
  let keys: string[] = [];
  let root = '';

  before(async () => {
    root = tempDir('twins-gw-');
    keys = Array.from({ length: N }, (_, i) => loadOrCreateKey(join(root, `node-${i}`)).publicKey);
    for (let id = 0; id < N; id++) {
      const dir = join(root, `node-${id}`);
      hosts.push(new NodeHost({ id, protocol: 'diembft', service: 'wallet', chainSeed: 'gw-test', tickMs: 10, crypto: 'mock',
        roundTimeoutTicks: 40, dir, key: loadOrCreateKey(dir), publicKeys: keys, reconnectMs: 50 }));
    }
    addrs = await Promise.all(hosts.map(async (h) => ({ host: '127.0.0.1', port: await h.listen(0) })));
    for (const h of hosts) h.start(addrs);
    net = new NetClient('gateway-test', addrs, keys, F + 1);
    await net.connected();
    app = await buildGateway(net);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  after(async () => {
    await app?.close();
    net?.close();
    await Promise.all(hosts.map((h) => h.stop()));
  });

  const post = async (path: string, body: string): Promise<{ status: number; json: Record<string, unknown> }> => {
    const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: r.status, json: (await r.json()) as Record<string, unknown> };
  };
  const get = async (path: string): Promise<{ status: number; json: Record<string, unknown> }> => {
    const r = await fetch(`${base}${path}`);
    return { status: r.status, json: (await r.json()) as Record<string, unknown> };
  };
  const vouchers = (j: Record<string, unknown>): number[] => j['vouchedBy'] as number[];

  it('creates, transfers and reads balances, each answer vouched for by at least f+1 nodes', async () => {
    const a = await post('/wallets/erin/create', '{"amount": 50}');
    expect(a.status, JSON.stringify(a.json)).to.equal(200);
    expect(a.json).to.include({ wallet: 'erin', result: 'ok' });
    expect(vouchers(a.json).length).to.be.at.least(F + 1);
    expect(vouchers(a.json).every((n) => Number.isInteger(n) && n >= 0 && n < N)).to.equal(true);
    expect(new Set(vouchers(a.json)).size).to.equal(vouchers(a.json).length);
    expect((await post('/wallets/frank/create', '{"amount": 1}')).status).to.equal(200);
    const t = await post('/transfers', '{"from": "erin", "to": "frank", "amount": 20}');
    expect(t.json).to.include({ result: 'ok' });
    expect(vouchers(t.json).length).to.be.at.least(F + 1);
    const refused = await post('/transfers', '{"from": "erin", "to": "frank", "amount": 31}');
    expect(refused.status).to.equal(200);
    expect(refused.json).to.include({ result: 'refused: insufficient funds' });
    const g = await get('/wallets/frank');
    expect(g.json).to.include({ wallet: 'frank', balance: 21 });
    expect(vouchers(g.json).length).to.be.at.least(F + 1);
    expect((await get('/wallets/erin')).json).to.include({ balance: 30 });
    const reader = new NetClient('reader', addrs, keys, F + 1);
    try {
      await reader.connected();
      expect(await new WalletClient(reader).balance(g.json['id'] as string)).to.equal(21);
    } finally {
      reader.close();
    }
  });

  it('answers bad requests with 4xx JSON naming the field, and keeps serving', async () => {
    const bad = [
      await post('/transfers', '{"from": "erin", "to": "frank", "amount": "5"}'),
      await post('/transfers', '{"from": "erin", "amount": 5}'),
      await post('/transfers', '{"from":'),
      await post('/wallets/erin/create', '{"amount": -1}'),
      await post('/transfers', '{"from": "erin", "to": "nobody", "amount": 1}'),
      await get('/wallets/nobody'),
      await get('/wallets/bad%20name'),
    ];
    expect(bad.map((b) => [b.status, b.json['path']])).to.deep.equal([
      [400, '$.body.amount'], [400, '$.body.to'], [400, '$.body'], [400, '$.body.amount'],
      [404, '$.body.to'], [404, '$.params.name'], [400, '$.params.name'],
    ]);
    for (const b of bad) expect(b.json['error']).to.be.a('string').and.match(/\S/);
    const after = await post('/wallets/erin/create', '{"amount": 5}');
    expect(after.status).to.equal(200);
    expect((await get('/wallets/erin')).json).to.include({ balance: 35 });
  });

  it('twins gateway serves the cluster of a config over HTTP and stops cleanly on SIGINT', async () => {
    const file = join(root, 'cluster.json');
    writeFileSync(join(root, 'public-keys.json'), JSON.stringify(keys));
    writeFileSync(file, JSON.stringify({ chainSeed: 'gw-test', crypto: 'mock', dataDir: '.', nodes: addrs }));
    const gw = spawn(process.execPath, [MAIN, 'gateway', file, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    gw.stdout.setEncoding('utf8').on('data', (t: string) => { out += t; });
    const exited = new Promise<number | null>((r) => gw.once('exit', (code) => r(code)));
    try {
      const end = Date.now() + 60_000;
      while (!/gateway up on (\S+)/.test(out) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      const url = /gateway up on (\S+)/.exec(out)![1]!;
      const created = await fetch(`${url}/wallets/gina/create`, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: '{"amount": 7}' });
      expect(created.status).to.equal(200);
      const read = (await (await fetch(`${url}/wallets/gina`)).json()) as { balance: number; vouchedBy: number[] };
      expect(read.balance).to.equal(7);
      expect(read.vouchedBy.length).to.be.at.least(F + 1);
      const bad = await fetch(`${url}/transfers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"from":"gina"}' });
      expect(bad.status).to.equal(400);
      expect(((await bad.json()) as { path: string }).path).to.equal('$.body.to');
    } finally {
      gw.kill('SIGINT');
    }
    expect(await exited).to.equal(0);
    expect(out).to.include('gateway stopped');
  });
});
