// The requests a simulated wallet client sends (docs/services.md, "Workloads"). Each client owns the
// wallet of its own key. Its first request creates money in its wallet (signed with the published
// minter key); the second transfers exactly that amount to the next client (a balance equal to the
// amount must pass); the third tries to take money from the next client's wallet with its own
// signature (it must be refused); later ones are drawn from the client's seeded stream: transfers,
// balance reads and more such attempts.
import type { ClientTxn } from '../../kernel/actor.js';
import { walletKeyPair } from './wallet-keys.js';
import { createRequest, getRequest, signedText, transferRequest } from './wallet-request.js';
import { DEFAULT_MINTER_LABEL } from './wallet-service.js';
import { signText } from './wallet-keys.js';

/** A source of numbers in [min, max]: the client's seeded stream. */
export interface Draw { int(min: number, max: number): number }

export interface WalletWorkloadInput {
  /** The run's seed: client keys derive from it and the client's name. */
  readonly seed: string;
  readonly client: string;
  /** Every client of the run, in order (this one included). */
  readonly clients: readonly string[];
  readonly count: number;
  readonly maxAmount: number;
  readonly draw: Draw;
}

/** The key pair of a simulated client. */
export function clientKey(seed: string, client: string): ReturnType<typeof walletKeyPair> {
  return walletKeyPair(`${seed}/client/${client}`);
}

export function walletWorkload(w: WalletWorkloadInput): ClientTxn[] {
  const me = clientKey(w.seed, w.client);
  const at = w.clients.indexOf(w.client);
  const next = clientKey(w.seed, w.clients[(at + 1) % w.clients.length]!);
  const minter = walletKeyPair(DEFAULT_MINTER_LABEL);
  const funded = w.draw.int(1, w.maxAmount);
  const out: ClientTxn[] = [];
  for (let seq = 1; seq <= w.count; seq++) {
    if (seq === 1) out.push(createRequest(minter, w.client, seq, me.id, funded));
    else if (seq === 2) out.push(transferRequest(me, w.client, seq, next.id, funded));
    else if (seq === 3) out.push(theft(me, next.id, w.client, seq, 1));
    else {
      const pick = w.draw.int(0, 3);
      const amount = w.draw.int(1, w.maxAmount);
      if (pick <= 1) out.push(transferRequest(me, w.client, seq, next.id, amount));
      else if (pick === 2) out.push(getRequest(w.client, seq, me.id));
      else out.push(theft(me, next.id, w.client, seq, amount));
    }
  }
  return out;
}

/** A transfer out of `victim`'s wallet signed with the thief's own key: a correct wallet refuses it. */
function theft(thief: ReturnType<typeof walletKeyPair>, victim: string, client: string, seq: number,
  amount: number): ClientTxn {
  const unsigned = { type: 'transfer' as const, from: victim, to: thief.id, amount, sig: '' };
  const op = { ...unsigned, sig: signText(thief, signedText(client, seq, unsigned)) };
  return Object.freeze({ client, seq, op: JSON.stringify(op) });
}
