// The gateway's error answers (docs/network.md): every failure is one JSON object
// {statusCode, error, path?}. A request that breaks a route schema gets 400 with the JSON path of the
// offending field ($.body.amount, $.params.name); a body that is not JSON gets 400 at $.body; other
// framework refusals (too large, wrong media type, bad URL, no such route) keep their 4xx status with
// a plain message. Only a fault of the gateway itself is a 500, and it never carries a stack trace.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ClientTimeoutError } from './net-client.js';

/** A refusal the gateway's own logic decides: an unknown wallet, too many wallets or requests. */
export class GatewayRefusal extends Error {
  constructor(readonly statusCode: number, message: string, readonly path?: string) {
    super(message);
    this.name = 'GatewayRefusal';
  }
}

export interface ErrorBody { statusCode: number; error: string; path?: string }

interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
}

/** `$.body` + an ajv instance path (/a/0/b) as `$.body.a[0].b`. */
export function jsonPath(root: string, instancePath: string): string {
  let out = `$.${root}`;
  for (const part of instancePath.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(key) ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** The answer for a request that breaks its route's schema in `context` (body, params, ...). */
export function schemaErrorBody(context: string, e: SchemaError): ErrorBody {
  const missing = e.params['missingProperty'];
  const extra = e.params['additionalProperty'];
  if (typeof missing === 'string') {
    const path = jsonPath(context, `${e.instancePath}/${missing}`);
    return { statusCode: 400, error: `${path}: required, missing`, path };
  }
  if (typeof extra === 'string') {
    const path = jsonPath(context, `${e.instancePath}/${extra}`);
    return { statusCode: 400, error: `${path}: not a field of this request`, path };
  }
  const path = jsonPath(context, e.instancePath);
  return { statusCode: 400, error: `${path}: ${e.message ?? `fails ${e.keyword}`}`, path };
}

/** The answer for any error a route or the framework raised. */
export function errorBody(err: unknown): ErrorBody {
  if (err instanceof GatewayRefusal) {
    return err.path === undefined ? { statusCode: err.statusCode, error: err.message }
      : { statusCode: err.statusCode, error: err.message, path: err.path };
  }
  if (err instanceof ClientTimeoutError) return { statusCode: 504, error: err.message };
  const fe = err as Partial<FastifyError> & { validation?: SchemaError[] };
  if (Array.isArray(fe.validation) && fe.validation.length > 0) {
    return schemaErrorBody(fe.validationContext ?? 'body', fe.validation[0]!);
  }
  const status = fe.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = typeof fe.message === 'string' ? fe.message : 'bad request';
    return fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
      || (err instanceof SyntaxError)
      ? { statusCode: 400, error: `$.body: ${message}`, path: '$.body' }
      : { statusCode: status, error: message };
  }
  return { statusCode: 500, error: 'internal error of the gateway' };
}

export function sendError(reply: FastifyReply, body: ErrorBody): FastifyReply {
  return reply.code(body.statusCode).type('application/json').send(body);
}

/** Routes every error and unknown route of `app` to one JSON error answer. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, _req, reply) => sendError(reply, errorBody(err)));
  app.setNotFoundHandler((req, reply) => sendError(reply, {
    statusCode: 404,
    error: `no route ${req.method} ${req.url.split('?')[0]!.slice(0, 200)}; the routes are POST /wallets/:name/create, `
      + 'POST /transfers, GET /wallets/:name, GET /openapi.json',
  }));
}
