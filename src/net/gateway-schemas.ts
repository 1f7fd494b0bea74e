// The JSON schemas of the REST gateway's routes (docs/network.md). They are the single source of the
// API: fastify validates every request against them and serializes every answer by them, and the
// OpenAPI description (GET /openapi.json, docs/openapi.json) is generated from them.

/** A wallet's name at this gateway. */
const NAME = {
  type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$',
  description: 'The wallet\'s name at this gateway: 1 to 64 letters, digits, `_` or `-`.',
} as const;

const AMOUNT = {
  type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER,
  description: 'A positive whole number of units (a JSON number, not a string).',
} as const;

/** What every accepted answer carries: the replicated result and the nodes that vouched for it. */
const VOUCHED = {
  result: { type: 'string', description: 'The wallet service\'s reply: `ok`, a balance, or a refusal such as `refused: insufficient funds`.' },
  height: { type: 'integer', description: 'The commit height of the block that carried the request.' },
  vouchedBy: {
    type: 'array', items: { type: 'integer', minimum: 0 },
    description: 'The nodes (by index in the cluster config) whose replies, signed with their node keys, matched; at least f+1 of them.',
  },
} as const;

const WALLET = {
  wallet: NAME,
  id: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'The wallet\'s id in the service: its public key (hex).' },
} as const;

/** Every 4xx and 5xx answer. */
export const ERROR_SCHEMA = {
  $id: 'GatewayError',
  type: 'object',
  required: ['statusCode', 'error'],
  additionalProperties: false,
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string', description: 'What is wrong, naming the field when one is.' },
    path: {
      type: 'string',
      description: 'The JSON path of the offending field: `$.body.amount`, `$.params.name`, or `$.body` for a body that is not JSON.',
    },
  },
} as const;

const ERROR_MEANINGS = {
  400: 'A malformed request: the body is not JSON, or a field is missing, extra or ill-typed (`path` names it).',
  404: 'No wallet of that name at this gateway.',
  409: 'A new wallet, but the gateway already keeps as many as it holds.',
  413: 'A body larger than the gateway accepts.',
  415: 'A body that is not `application/json`.',
  503: 'The gateway has as many requests in flight as it admits.',
  504: 'No f+1 matching vouched replies in time.',
} as const;

/** The error answers a route can give, each with its meaning. */
function errors<C extends keyof typeof ERROR_MEANINGS>(...codes: C[]): Record<C, { description: string; $ref: string }> {
  const out = {} as Record<C, { description: string; $ref: string }>;
  for (const c of codes) out[c] = { description: ERROR_MEANINGS[c], $ref: 'GatewayError#' };
  return out;
}

const NAME_PARAMS = { type: 'object', required: ['name'], properties: { name: NAME } } as const;

export const CREATE_SCHEMA = {
  summary: 'Mint units into a wallet, making it on first use',
  description: 'The gateway makes a key pair for a new name and keeps it; the minter signs the create.',
  params: NAME_PARAMS,
  body: { type: 'object', additionalProperties: false, required: ['amount'], properties: { amount: AMOUNT } },
  response: {
    200: { type: 'object', required: ['wallet', 'id', 'result', 'height', 'vouchedBy'], properties: { ...WALLET, ...VOUCHED } },
    ...errors(400, 409, 413, 415, 503, 504),
  },
} as const;

export const TRANSFER_SCHEMA = {
  summary: 'Move units from one wallet of this gateway to another',
  description: 'Signed with the key of `from`. A refusal (not enough funds) is a replicated result, answered with 200.',
  body: {
    type: 'object', additionalProperties: false, required: ['from', 'to', 'amount'],
    properties: { from: NAME, to: NAME, amount: AMOUNT },
  },
  response: {
    200: { type: 'object', required: ['result', 'height', 'vouchedBy'], properties: VOUCHED },
    ...errors(400, 404, 413, 415, 503, 504),
  },
} as const;

export const BALANCE_SCHEMA = {
  summary: 'A wallet\'s balance, read through consensus',
  params: NAME_PARAMS,
  response: {
    200: {
      type: 'object', required: ['wallet', 'id', 'balance', 'result', 'height', 'vouchedBy'],
      properties: { ...WALLET, balance: { type: 'integer', minimum: 0 }, ...VOUCHED },
    },
    ...errors(400, 404, 503, 504),
  },
} as const;
