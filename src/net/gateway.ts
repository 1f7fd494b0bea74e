// The REST gateway for the wallet (docs/network.md). It is one network client of the cluster: it
// keeps the key pair of every wallet created through it (by the name the caller gives), signs the
// wallet's requests, and answers only with results f+1 nodes vouched for, naming those nodes.
//   POST /wallets/:name/create {amount}   mint `amount` into a new or existing wallet of that name
//   POST /transfers {from, to, amount}    move `amount` between two wallets of this gateway
//   GET  /wallets/:name                   the wallet's balance
// A bad body or parameter is a 400, an unknown wallet a 404; a cluster that does not answer in time
// is a 504.
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { ClientTxn } from '../kernel/actor.js';
import { createRequest, getRequest, transferRequest } from '../services/wallet/wallet-request.js';
import { walletKeyPair, type WalletKeyPair } from '../services/wallet/wallet-keys.js';
import { ClientTimeoutError, type AcceptedReply, type NetClient } from './net-client.js';
import { newWalletKey } from './wallet-client.js';

const NAME = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;
const AMOUNT = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } as const;

export interface GatewayOptions {
  /** The minter's key pair (the registered wallet's is walletKeyPair('wallet-minter')). */
  readonly minter?: WalletKeyPair;
  readonly timeoutMs?: number;
}

export function buildGateway(net: NetClient, o: GatewayOptions = {}): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024, ajv: { customOptions: { coerceTypes: false } } });
  const wallets = new Map<string, WalletKeyPair>();
  const minter = o.minter ?? walletKeyPair('wallet-minter');
  let seq = 0;
  const submit = (make: (seq: number) => ClientTxn): Promise<AcceptedReply> =>
    net.submit(make(++seq), o.timeoutMs ?? 30_000);
  const answer = (r: AcceptedReply, extra: Record<string, unknown> = {}) =>
    ({ ...extra, result: r.result, height: r.height, vouchedBy: r.vouchedBy });

  app.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply: FastifyReply) => {
    if (err instanceof ClientTimeoutError) return reply.code(504).send({ error: err.message });
    const code = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    return reply.code(code).send({ error: err.message });
  });

  app.post<{ Params: { name: string }; Body: { amount: number } }>('/wallets/:name/create', {
    schema: { params: { type: 'object', properties: { name: NAME }, required: ['name'] },
      body: { type: 'object', additionalProperties: false, required: ['amount'], properties: { amount: AMOUNT } } },
  }, async (req) => {
    let key = wallets.get(req.params.name);
    if (key === undefined) wallets.set(req.params.name, (key = newWalletKey()));
    const id = key.id;
    return answer(await submit((s) => createRequest(minter, net.name, s, id, req.body.amount)), { wallet: req.params.name, id });
  });

  app.post<{ Body: { from: string; to: string; amount: number } }>('/transfers', {
    schema: { body: { type: 'object', additionalProperties: false, required: ['from', 'to', 'amount'],
      properties: { from: NAME, to: NAME, amount: AMOUNT } } },
  }, async (req, reply) => {
    const from = wallets.get(req.body.from);
    const to = wallets.get(req.body.to);
    if (from === undefined || to === undefined) {
      return reply.code(404).send({ error: `no wallet named '${from === undefined ? req.body.from : req.body.to}'` });
    }
    return answer(await submit((s) => transferRequest(from, net.name, s, to.id, req.body.amount)));
  });

  app.get<{ Params: { name: string } }>('/wallets/:name', {
    schema: { params: { type: 'object', properties: { name: NAME }, required: ['name'] } },
  }, async (req, reply) => {
    const key = wallets.get(req.params.name);
    if (key === undefined) return reply.code(404).send({ error: `no wallet named '${req.params.name}'` });
    const r = await submit((s) => getRequest(net.name, s, key.id));
    return answer(r, { wallet: req.params.name, id: key.id, balance: Number(r.result) });
  });
  return app;
}
