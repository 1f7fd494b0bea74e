// The invariants the wallet declares (docs/services.md), as checks over states and one step
// (state before, request, state after). Each returns null when it holds, or what is wrong.
import type { ClientTxn } from '../../kernel/actor.js';
import type { WalletConfig, WalletState } from './wallet-service.js';
import { parseOp, signedBy } from './wallet-request.js';

/** Money is conserved: the balances sum to what was created. */
export function moneyConserved(s: WalletState): string | null {
  let sum = 0;
  for (const b of s.balances.values()) sum += b;
  return sum === s.minted ? null : `balances sum to ${sum}, but ${s.minted} was created`;
}

/** No balance is negative (every balance is a non-negative safe integer). */
export function noNegativeBalance(s: WalletState): string | null {
  for (const [id, b] of s.balances) {
    if (!Number.isSafeInteger(b) || b < 0) return `wallet ${id} holds ${b}`;
  }
  return null;
}

/**
 * No money moves without its owner's signature, and none appears without the minter's: a step that
 * lowers a balance is a transfer from that wallet carrying a valid signature by it, and a step that
 * raises the total created is a create carrying a valid signature by the minter.
 */
export function stepAuthorized(config: WalletConfig, before: WalletState, t: ClientTxn,
  after: WalletState): string | null {
  const op = parseOp(t.op);
  for (const [id, b] of before.balances) {
    if ((after.balances.get(id) ?? 0) >= b) continue;
    if (op?.type !== 'transfer' || op.from !== id) return `wallet ${id} lowered by a request that is not its transfer`;
    if (!signedBy(t, op, id)) return `transfer from ${id} ran without a valid owner signature`;
  }
  if (after.minted !== before.minted) {
    if (op?.type !== 'create') return 'money created by a request that is not a create';
    if (!signedBy(t, op, config.minter)) return 'money created without the minter\'s signature';
  }
  return null;
}

export interface InvariantViolation {
  readonly invariant: 'money-conserved' | 'no-negative-balance' | 'step-authorized';
  readonly detail: string;
}

/** Every declared invariant over one step; empty when all hold. */
export function walletViolations(config: WalletConfig, before: WalletState, t: ClientTxn,
  after: WalletState): InvariantViolation[] {
  const out: InvariantViolation[] = [];
  const conserved = moneyConserved(after);
  if (conserved !== null) out.push({ invariant: 'money-conserved', detail: conserved });
  const negative = noNegativeBalance(after);
  if (negative !== null) out.push({ invariant: 'no-negative-balance', detail: negative });
  const authorized = stepAuthorized(config, before, t, after);
  if (authorized !== null) out.push({ invariant: 'step-authorized', detail: authorized });
  return out;
}
