// The wallet service (docs/services.md): balances held by Ed25519 public keys. Money enters only by a
// `create` signed by the service's minter key and moves only by a `transfer` signed by the owner of
// the paying wallet. Every signed request's (client, request number) is consumed once it passes its
// signature check, so a replayed request is refused even where no layer deduplicates requests.
import type { ClientTxn } from '../../kernel/actor.js';
import { H } from '../../kernel/hash.js';
import type { Service, ServiceResult } from '../../kernel/service.js';
import { walletKeyPair } from './wallet-keys.js';
import { walletViolations } from './wallet-invariants.js';
import { parseOp, signedBy, type WalletOp } from './wallet-request.js';

export interface WalletState {
  /** Wallet id -> balance; a wallet appears once money has reached it. */
  readonly balances: ReadonlyMap<string, number>;
  /** The total ever created. */
  readonly minted: number;
  /** The `client/seq` keys of signed requests already consumed. */
  readonly used: ReadonlySet<string>;
}

export interface WalletConfig {
  /** The wallet id (public key) whose signature a `create` needs. */
  readonly minter: string;
  /** Injected bugs (src/services/bugs.ts): a transfer runs without its signature check. */
  readonly skipTransferSignature?: boolean;
  /** Injected bug: a transfer of exactly the balance is refused (`<=` for `<`). */
  readonly refuseWholeBalance?: boolean;
}

export const REFUSED = Object.freeze({
  malformed: 'refused: malformed',
  notMinter: 'refused: not signed by the minter',
  badSignature: 'refused: not signed by the owner',
  replay: 'refused: replay',
  insufficientFunds: 'refused: insufficient funds',
  overflow: 'refused: overflow',
});

/**
 * The minter of the registered `wallet` service: the key of the published label below, so any
 * simulated client that knows the label may create money. A deployment configures its own key.
 */
export const DEFAULT_MINTER_LABEL = 'wallet-minter';

export function walletService(config: WalletConfig): Service<WalletState> {
  return Object.freeze({
    name: 'wallet',
    initial: () => EMPTY,
    apply: (s: WalletState, t: ClientTxn) => applyWallet(config, s, t),
    digest: walletDigest,
    invariants: (before: WalletState, t: ClientTxn, after: WalletState) =>
      walletViolations(config, before, t, after).map((v) => `${v.invariant}: ${v.detail}`),
  });
}

let defaultMinter: string | null = null;

/**
 * The registered wallet's configuration: the published minter key, no injected bug. The key is
 * derived on first use, so a thread that never runs the wallet does not load the signature code.
 */
export const DEFAULT_WALLET_CONFIG: WalletConfig = Object.freeze({
  get minter(): string { return defaultMinter ??= walletKeyPair(DEFAULT_MINTER_LABEL).id; },
});

export const defaultWalletService: Service<WalletState> = walletService(DEFAULT_WALLET_CONFIG);

const EMPTY: WalletState = Object.freeze({ balances: new Map(), minted: 0, used: new Set<string>() });

export function balanceOf(s: WalletState, id: string): number {
  return s.balances.get(id) ?? 0;
}

function applyWallet(config: WalletConfig, s: WalletState, t: ClientTxn): ServiceResult<WalletState> {
  const op = parseOp(t.op);
  if (op === null) return { state: s, reply: REFUSED.malformed };
  switch (op.type) {
    case 'get': return { state: s, reply: String(balanceOf(s, op.id)) };
    case 'create': return create(config, s, t, op);
    case 'transfer': return transfer(config, s, t, op);
  }
}

function create(config: WalletConfig, s: WalletState, t: ClientTxn,
  op: WalletOp & { type: 'create' }): ServiceResult<WalletState> {
  if (!signedBy(t, op, config.minter)) return { state: s, reply: REFUSED.notMinter };
  const key = `${t.client}/${t.seq}`;
  if (s.used.has(key)) return { state: s, reply: REFUSED.replay };
  const used = new Set(s.used).add(key);
  if (!Number.isSafeInteger(s.minted + op.amount)) return { state: Object.freeze({ ...s, used }), reply: REFUSED.overflow };
  const balances = new Map(s.balances).set(op.id, balanceOf(s, op.id) + op.amount);
  return { state: Object.freeze({ balances, minted: s.minted + op.amount, used }), reply: 'ok' };
}

function transfer(config: WalletConfig, s: WalletState, t: ClientTxn,
  op: WalletOp & { type: 'transfer' }): ServiceResult<WalletState> {
  if (config.skipTransferSignature !== true && !signedBy(t, op, op.from)) return { state: s, reply: REFUSED.badSignature };
  const key = `${t.client}/${t.seq}`;
  if (s.used.has(key)) return { state: s, reply: REFUSED.replay };
  const used = new Set(s.used).add(key);
  const short = config.refuseWholeBalance === true ? balanceOf(s, op.from) <= op.amount : balanceOf(s, op.from) < op.amount;
  if (short) return { state: Object.freeze({ ...s, used }), reply: REFUSED.insufficientFunds };
  const balances = new Map(s.balances).set(op.from, balanceOf(s, op.from) - op.amount);
  balances.set(op.to, (balances.get(op.to) ?? 0) + op.amount);
  return { state: Object.freeze({ balances, minted: s.minted, used }), reply: 'ok' };
}

/** A canonical digest: balances and consumed keys in sorted order, and the total created. */
export function walletDigest(s: WalletState): string {
  const balances = [...s.balances.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const used = [...s.used].sort();
  return H(['wallet', s.minted, balances.length, ...balances.flat(), used.length, ...used]);
}
