// The gateway's request parsing (docs/network.md "The REST gateway"), without a cluster: the gateway
// runs over one in-process copy of the wallet service that applies each request as it comes (its
// replies are the service's own), so these tests are about what the gateway admits and answers.
// Expect: valid requests get the service's results with vouchedBy; every malformed request gets a
// 4xx JSON answer whose `error` names the field by JSON path; arbitrary methods, URLs, headers and
// bodies (fast-check) never get a 5xx or a non-JSON answer, and the gateway serves normally after.
import { expect } from 'chai';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { ClientTxn } from '../../src/kernel/actor.js';
import { serviceNamed } from '../../src/services/registry.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGateway, openApiDocument, type Submitter } from '../../src/net/gateway.js';
import { ROOT } from '../cli/run-cli.js';
import { ClientTimeoutError, type AcceptedReply } from '../../src/net/net-client.js';

/** One copy of the wallet service applying requests in arrival order, vouched for by "node 0". */
export function inProcessWallet(name = 'gw'): Submitter & { applied: number } {
  const service = serviceNamed('wallet');
  let state = service.initial();
  let height = 0;
  const self = {
    name,
    applied: 0,
    submit(txn: ClientTxn): Promise<AcceptedReply> {
      const r = service.apply(state, txn);
      state = r.state;
      self.applied++;
      return Promise.resolve({ seq: txn.seq, result: r.reply, height: ++height, stateDigest: service.digest(state),
        vouchedBy: [0] });
    },
  };
  return self;
}

const json = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown): InjectOptions =>
  payload === undefined ? { method, url } : { method, url, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } };

describe('net: the gateway\'s requests and answers', () => {
  let app: FastifyInstance;
  let wallet: ReturnType<typeof inProcessWallet>;
  beforeEach(async () => { wallet = inProcessWallet(); app = await buildGateway(wallet, { limits: { wallets: 5, inFlight: 2 } }); });
  afterEach(() => app.close());

  it('creates, transfers and reads with the service\'s results and the vouching nodes', async () => {
    const a = await app.inject(json('POST', '/wallets/erin/create', { amount: 50 }));
    expect(a.statusCode, a.body).to.equal(200);
    expect(a.json()).to.include({ wallet: 'erin', result: 'ok' }).and.to.have.property('vouchedBy').deep.equal([0]);
    expect(a.json().id).to.match(/^[0-9a-f]{64}$/);
    await app.inject(json('POST', '/wallets/frank/create', { amount: 1 }));
    expect((await app.inject(json('POST', '/transfers', { from: 'erin', to: 'frank', amount: 20 }))).json())
      .to.include({ result: 'ok' });
    expect((await app.inject(json('POST', '/transfers', { from: 'erin', to: 'frank', amount: 31 }))).json())
      .to.include({ result: 'refused: insufficient funds' });
    const g = await app.inject(json('GET', '/wallets/frank'));
    expect(g.json()).to.include({ wallet: 'frank', balance: 21, result: '21' });
  });

  const cases: [string, InjectOptions, number, string | undefined, RegExp][] = [
    ['a string amount', json('POST', '/wallets/a/create', { amount: '5' }), 400, '$.body.amount', /must be integer/],
    ['a zero amount', json('POST', '/wallets/a/create', { amount: 0 }), 400, '$.body.amount', /must be >= 1/],
    ['a fractional amount', json('POST', '/wallets/a/create', { amount: 1.5 }), 400, '$.body.amount', /integer/],
    ['a missing field', json('POST', '/transfers', { from: 'a', amount: 1 }), 400, '$.body.to', /required, missing/],
    ['an extra field', json('POST', '/wallets/a/create', { amount: 1, sig: 'x' }), 400, '$.body.sig', /not a field/],
    ['a body that is an array', json('POST', '/transfers', [1]), 400, '$.body', /must be object/],
    ['a bad wallet name', json('GET', '/wallets/bad%20name'), 400, '$.params.name', /must match pattern/],
    ['a body that is not JSON', { method: 'POST', url: '/transfers', payload: '{"from":', headers: { 'content-type': 'application/json' } },
      400, '$.body', /\$\.body: /],
    ['an empty JSON body', { method: 'POST', url: '/transfers', payload: '', headers: { 'content-type': 'application/json' } },
      400, '$.body', /empty/i],
    ['a __proto__ key', { method: 'POST', url: '/transfers', payload: '{"__proto__":{"x":1}}', headers: { 'content-type': 'application/json' } },
      400, '$.body', /\$\.body: /],
    ['a body that is not JSON by type', { method: 'POST', url: '/transfers', payload: 'amount=1', headers: { 'content-type': 'text/plain' } },
      415, undefined, /Unsupported Media Type/i],
    ['a body over the limit', json('POST', '/wallets/a/create', { amount: 1, pad: 'x'.repeat(20_000) }), 413, undefined, /too large/i],
    ['an unknown wallet', json('GET', '/wallets/nobody'), 404, '$.params.name', /no wallet named 'nobody'/],
    ['an unknown route', json('DELETE', '/wallets/a'), 404, undefined, /no route DELETE \/wallets\/a; the routes are/],
    ['a malformed URL escape', json('GET', '/wallets/%E0%A4%A'), 400, undefined, /url/i],
  ];
  for (const [what, req, status, path, message] of cases) {
    it(`answers ${status} to ${what}, naming ${path ?? 'the problem'}, and keeps serving`, async () => {
      const r = await app.inject(req);
      expect(r.statusCode, r.body).to.equal(status);
      expect(r.headers['content-type']).to.match(/^application\/json/);
      const body = r.json() as { statusCode: number; error: string; path?: string };
      expect(body.statusCode).to.equal(status);
      expect(body.error).to.match(message);
      expect(body.path).to.equal(path);
      expect((await app.inject(json('POST', '/wallets/ok/create', { amount: 1 }))).statusCode).to.equal(200);
    });
  }

  it('names the unknown wallet of a transfer by its field', async () => {
    await app.inject(json('POST', '/wallets/erin/create', { amount: 5 }));
    const r = await app.inject(json('POST', '/transfers', { from: 'erin', to: 'zed', amount: 1 }));
    expect(r.statusCode).to.equal(404);
    expect(r.json()).to.deep.equal({ statusCode: 404, error: 'no wallet named \'zed\' at this gateway', path: '$.body.to' });
  });

  it('keeps at most its limit of wallets: a new name beyond it gets 409, known names still work', async () => {
    for (const n of ['a', 'b', 'c', 'd', 'e']) expect((await app.inject(json('POST', `/wallets/${n}/create`, { amount: 1 }))).statusCode).to.equal(200);
    const r = await app.inject(json('POST', '/wallets/f/create', { amount: 1 }));
    expect(r.statusCode).to.equal(409);
    expect(r.json().error).to.equal('the gateway keeps at most 5 wallets');
    expect((await app.inject(json('POST', '/wallets/a/create', { amount: 1 }))).statusCode).to.equal(200);
  });

  it('answers 503 beyond its requests in flight, and 504 when the cluster gives no f+1 replies in time', async () => {
    const pending: (() => void)[] = [];
    const slow: Submitter = { name: 's', submit: (txn) => new Promise((_, reject) => pending.push(() =>
      reject(new ClientTimeoutError(`s: request ${txn.seq} got no 2 matching replies within 10 ms`)))) };
    const gw = await buildGateway(slow, { limits: { inFlight: 2 } });
    try {
      const first = [gw.inject(json('POST', '/wallets/a/create', { amount: 1 })), gw.inject(json('POST', '/wallets/b/create', { amount: 1 }))];
      while (pending.length < 2) await new Promise((r) => setImmediate(r));
      const third = await gw.inject(json('POST', '/wallets/c/create', { amount: 1 }));
      expect(third.statusCode).to.equal(503);
      expect(third.json().error).to.equal('2 requests are already waiting for the cluster');
      for (const p of pending) p();
      const answers = await Promise.all(first);
      expect(answers.map((a) => a.statusCode)).to.deep.equal([504, 504]);
      expect(answers[0]!.json().error).to.match(/got no 2 matching replies/);
    } finally {
      await gw.close();
    }
  });

  it('serves its OpenAPI description, generated from the route schemas and shipped as docs/openapi.json', async () => {
    const served = await app.inject(json('GET', '/openapi.json'));
    expect(served.statusCode).to.equal(200);
    const doc = served.json() as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(doc).to.deep.equal(await openApiDocument());
    expect(JSON.parse(readFileSync(join(ROOT, 'docs/openapi.json'), 'utf8')),
      'docs/openapi.json is stale: node dist/src/cli/main.js gateway --openapi > docs/openapi.json').to.deep.equal(doc);
    expect(doc.openapi).to.equal('3.0.3');
    expect(Object.entries(doc.paths).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`)))
      .to.have.members(['POST /wallets/{name}/create', 'POST /transfers', 'GET /wallets/{name}']);
    expect(Object.keys(doc.paths['/transfers']!['post']!.responses)).to.include.members(['200', '400', '404', '504']);
  });

  it('fuzz: arbitrary methods, URLs, content types and bodies never get a 5xx or a non-JSON answer', async () => {
    const segment = fc.oneof(fc.constantFrom('wallets', 'transfers', 'create', 'erin', 'openapi.json', '%', '%zz', '..', ''),
      fc.string({ maxLength: 12 }).map(encodeURIComponent), fc.webSegment());
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
    const body = fc.oneof(
      fc.record({ from: value, to: value, amount: value }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
      fc.record({ amount: value }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 40 }),
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString('latin1')));
    await app.inject(json('POST', '/wallets/erin/create', { amount: 100 }));
    await fc.assert(fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
      fc.array(segment, { minLength: 1, maxLength: 4 }),
      fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', ''),
      body, async (method, parts, type, payload) => {
        const r = await app.inject({ method: method as 'GET', url: `/${parts.join('/')}`,
          ...(method === 'GET' ? {} : { payload, headers: type === '' ? {} : { 'content-type': type } }) });
        expect(r.statusCode, `${method} /${parts.join('/')} ${type} ${payload}: ${r.body}`).to.be.within(200, 499);
        if (r.statusCode >= 400) {
          const b = r.json() as { statusCode: number; error: string; path?: string };
          expect(b.statusCode).to.equal(r.statusCode);
          expect(b.error).to.be.a('string').and.not.equal('');
          if (b.path !== undefined) expect(b.path).to.match(/^\$\.(body|params|querystring)/);
        }
      }), { numRuns: 200 });
    const after = await app.inject(json('GET', '/wallets/erin'));
    expect(after.statusCode).to.equal(200);
    expect(after.json().balance).to.be.a('number');
  });
});
