// Wallet requests (docs/services.md): the `op` of a ClientTxn is the JSON of one of these. A signed
// request's signature covers the client, the request number and every field, so a signature cannot
// be moved to another request, another client or another request number.
import type { ClientTxn } from '../../kernel/actor.js';
import { canonicalJson } from '../../kernel/hash.js';
import { isWalletId, signText, verifyText, type WalletKeyPair } from './wallet-keys.js';

export type WalletOp =
  /** Adds `amount` to wallet `id`; signed by the service's minter key. */
  | { readonly type: 'create'; readonly id: string; readonly amount: number; readonly sig: string }
  /** Moves `amount` from `from` to `to`; signed by the owner of `from` (its key is the id). */
  | { readonly type: 'transfer'; readonly from: string; readonly to: string; readonly amount: number;
    readonly sig: string }
  /** Reads a balance; unsigned. */
  | { readonly type: 'get'; readonly id: string };

/** The text a create or transfer signature is made over. */
export function signedText(client: string, seq: number, op: WalletOp): string {
  switch (op.type) {
    case 'create': return canonicalJson(['wallet/create', client, seq, op.id, op.amount]);
    case 'transfer': return canonicalJson(['wallet/transfer', client, seq, op.from, op.to, op.amount]);
    case 'get': return canonicalJson(['wallet/get', client, seq, op.id]);
  }
}

/** A create request from `client`, signed with `minter`. */
export function createRequest(minter: WalletKeyPair, client: string, seq: number, id: string,
  amount: number): ClientTxn {
  const sig = signText(minter, signedText(client, seq, { type: 'create', id, amount, sig: '' }));
  return txn(client, seq, { type: 'create', id, amount, sig });
}

/** A transfer request from `client`, signed with the owner's key (the wallet `owner.id`). */
export function transferRequest(owner: WalletKeyPair, client: string, seq: number, to: string,
  amount: number): ClientTxn {
  const unsigned = { type: 'transfer' as const, from: owner.id, to, amount, sig: '' };
  return txn(client, seq, { ...unsigned, sig: signText(owner, signedText(client, seq, unsigned)) });
}

export function getRequest(client: string, seq: number, id: string): ClientTxn {
  return txn(client, seq, { type: 'get', id });
}

function txn(client: string, seq: number, op: WalletOp): ClientTxn {
  return Object.freeze({ client, seq, op: JSON.stringify(op) });
}

/** The wallet operation `op` holds, or null when it is not one (wrong JSON, fields or types). */
export function parseOp(op: string): WalletOp | null {
  let v: unknown;
  try {
    v = JSON.parse(op);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  switch (o['type']) {
    case 'create':
      return hasKeys(o, ['type', 'id', 'amount', 'sig']) && isWalletId(o['id']) && isAmount(o['amount'])
        && typeof o['sig'] === 'string' ? o as unknown as WalletOp : null;
    case 'transfer':
      return hasKeys(o, ['type', 'from', 'to', 'amount', 'sig']) && isWalletId(o['from']) && isWalletId(o['to'])
        && isAmount(o['amount']) && typeof o['sig'] === 'string' ? o as unknown as WalletOp : null;
    case 'get':
      return hasKeys(o, ['type', 'id']) && isWalletId(o['id']) ? o as unknown as WalletOp : null;
    default:
      return null;
  }
}

/** An amount is a positive safe integer. */
export function isAmount(a: unknown): a is number {
  return typeof a === 'number' && Number.isSafeInteger(a) && a > 0;
}

function hasKeys(o: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.hasOwn(o, k));
}

/** True when a create or transfer request carries a valid signature by `signer`. */
export function signedBy(t: ClientTxn, op: WalletOp, signer: string): boolean {
  if (op.type === 'get') return false;
  return verifyText(signer, signedText(t.client, t.seq, op), op.sig);
}
