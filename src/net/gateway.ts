// The REST gateway for the wallet (docs/network.md). It is one network client of the cluster: it
// keeps the key pair of every wallet made through it (by the name the caller gives), signs that
// wallet's requests, and answers only with results f+1 nodes vouched for, naming those nodes.
//   POST /wallets/:name/create {amount}   mint `amount` into the wallet, making it on first use
//   POST /transfers {from, to, amount}    move `amount` between two wallets of this gateway
//   GET  /wallets/:name                   the wallet's balance
//   GET  /openapi.json                    the OpenAPI description, generated from the route schemas
// Bad requests get a 4xx JSON answer naming the field (./gateway-errors.ts); the gateway keeps its
// wallets, requests in flight and bodies bounded, so no client can make it grow without limit.
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import swagger from '@fastify/swagger';
import type { ClientTxn } from '../kernel/actor.js';
import { createRequest, getRequest, transferRequest } from '../services/wallet/wallet-request.js';
import { walletKeyPair, type WalletKeyPair } from '../services/wallet/wallet-keys.js';
import { VERSION } from '../package-root.js';
import type { AcceptedReply } from './net-client.js';
import { newWalletKey } from './wallet-client.js';
import { BALANCE_SCHEMA, CREATE_SCHEMA, ERROR_SCHEMA, TRANSFER_SCHEMA } from './gateway-schemas.js';
import { errorBody, GatewayRefusal, installErrorHandlers, sendError } from './gateway-errors.js';

/** What the gateway submits requests through: a NetClient, or anything that keeps its f+1 rule. */
export interface Submitter {
  /** The client name of the requests. */
  readonly name: string;
  submit(txn: ClientTxn, timeoutMs?: number): Promise<AcceptedReply>;
}

export interface GatewayLimits {
  /** Largest request body, in bytes. */
  readonly bodyBytes: number;
  /** Wallets the gateway keeps keys for. */
  readonly wallets: number;
  /** Requests waiting for the cluster at once; more get 503. */
  readonly inFlight: number;
  /** Milliseconds to wait for f+1 matching replies before answering 504. */
  readonly timeoutMs: number;
}

export const DEFAULT_GATEWAY_LIMITS: GatewayLimits = { bodyBytes: 16 * 1024, wallets: 100_000, inFlight: 1024, timeoutMs: 30_000 };

export interface GatewayOptions {
  /** The minter's key pair (the registered wallet's is walletKeyPair('wallet-minter')). */
  readonly minter?: WalletKeyPair;
  readonly limits?: Partial<GatewayLimits>;
}

interface NameParams { name: string }

/** The gateway's fastify app over `net`, with every route registered (not yet listening). */
export async function buildGateway(net: Submitter, o: GatewayOptions = {}): Promise<FastifyInstance> {
  const limits = { ...DEFAULT_GATEWAY_LIMITS, ...o.limits };
  const app = Fastify({
    logger: false, bodyLimit: limits.bodyBytes, routerOptions: { maxParamLength: 128 }, connectionTimeout: 60_000, requestTimeout: 60_000,
    onProtoPoisoning: 'error', onConstructorPoisoning: 'error',
    frameworkErrors: (err, _req, reply) => { void sendError(reply as unknown as FastifyReply, errorBody(err)); },
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
  });
  installErrorHandlers(app);
  app.removeContentTypeParser('text/plain');
  app.addSchema(ERROR_SCHEMA);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'twins wallet gateway', version: VERSION,
        description: 'The replicated wallet of a twins cluster over REST; every answer names the nodes that vouched for it.' },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json['$id'] ?? `def-${i}`) },
  });
  const wallets = new Map<string, WalletKeyPair>();
  const minter = o.minter ?? walletKeyPair('wallet-minter');
  let seq = 0;
  let inFlight = 0;
  const submit = async (make: (seq: number) => ClientTxn): Promise<AcceptedReply> => {
    if (inFlight >= limits.inFlight) throw new GatewayRefusal(503, `${inFlight} requests are already waiting for the cluster`);
    inFlight++;
    try {
      return await net.submit(make(++seq), limits.timeoutMs);
    } finally {
      inFlight--;
    }
  };
  const known = (name: string, path: string): WalletKeyPair => {
    const key = wallets.get(name);
    if (key === undefined) throw new GatewayRefusal(404, `no wallet named '${name}' at this gateway`, path);
    return key;
  };
  const vouched = (r: AcceptedReply) => ({ result: r.result, height: r.height, vouchedBy: r.vouchedBy });

  app.post<{ Params: NameParams; Body: { amount: number } }>('/wallets/:name/create', { schema: CREATE_SCHEMA }, async (req) => {
    const name = req.params.name;
    let key = wallets.get(name);
    if (key === undefined) {
      if (wallets.size >= limits.wallets) throw new GatewayRefusal(409, `the gateway keeps at most ${limits.wallets} wallets`, '$.params.name');
      wallets.set(name, (key = newWalletKey()));
    }
    const id = key.id;
    const r = await submit((s) => createRequest(minter, net.name, s, id, req.body.amount));
    return { wallet: name, id, ...vouched(r) };
  });

  app.post<{ Body: { from: string; to: string; amount: number } }>('/transfers', { schema: TRANSFER_SCHEMA }, async (req) => {
    const from = known(req.body.from, '$.body.from');
    const to = known(req.body.to, '$.body.to');
    return vouched(await submit((s) => transferRequest(from, net.name, s, to.id, req.body.amount)));
  });

  app.get<{ Params: NameParams }>('/wallets/:name', { schema: BALANCE_SCHEMA }, async (req) => {
    const key = known(req.params.name, '$.params.name');
    const r = await submit((s) => getRequest(net.name, s, key.id));
    return { wallet: req.params.name, id: key.id, balance: Number(r.result), ...vouched(r) };
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

/** The gateway's OpenAPI description, built from the route schemas without any cluster. */
export async function openApiDocument(): Promise<unknown> {
  const app = await buildGateway({ name: 'openapi', submit: () => Promise.reject(new Error('no cluster')) });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  return doc;
}
