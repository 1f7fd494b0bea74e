// The load generator of `twins loadtest` (docs/network.md): a number of closed-loop wallet clients,
// each with its own connections and client name. Each client first creates its wallets (minted with
// the service's minter key), then, until the deadline, keeps exactly one transfer outstanding: its
// k-th transfer moves 1 from its wallet k mod W to wallet k+1 mod W, so no transfer can be refused.
// A transfer's latency runs from its submission to its acceptance (f+1 matching vouched replies)
// and goes into one HDR histogram (hdr-histogram-js) per run, in microseconds.
import * as hdr from 'hdr-histogram-js';
import type { ClientTxn } from '../kernel/actor.js';
import { signedText, type WalletOp } from '../services/wallet/wallet-request.js';
import { toHex, walletKeyPair, type WalletKeyPair } from '../services/wallet/wallet-keys.js';
import { ed25519KeyPair, ed25519Sign } from './ed25519-native.js';
import { ClientTimeoutError, NetClient } from './net-client.js';
import type { PeerAddress } from './node-host.js';

export interface LoadOptions {
  readonly nodes: readonly PeerAddress[];
  readonly publicKeys: readonly string[];
  /** Matching replies a client needs: f+1. */
  readonly accept: number;
  readonly clients: number;
  readonly walletsPerClient: number;
  readonly durationMs: number;
  /** A request not accepted within this long counts as failed. */
  readonly requestTimeoutMs: number;
  /** Distinguishes this run's client names from another run's on the same cluster. */
  readonly runName: string;
}

export interface LoadResult {
  /** Transfers accepted with the result `ok`. */
  readonly ok: number;
  /** Transfers accepted with another result (none is expected: every transfer is covered). */
  readonly unexpected: number;
  /** Transfers that were not accepted within the request timeout. */
  readonly failed: number;
  /** From the first transfer to the last acceptance. */
  readonly elapsedMs: number;
  /** Milliseconds spent creating the wallets. */
  readonly setupMs: number;
  readonly histogram: hdr.Histogram;
  /** Transfers accepted in each whole second since the first transfer. */
  readonly perSecond: readonly number[];
}

const INITIAL_BALANCE = 1_000_000;
/** Wallet creations a client keeps outstanding at once. */
const CREATE_WINDOW = 20;
/**
 * How long a load client waits before sending an unanswered request again. Replies are not lost on a
 * live TCP connection, so retransmitting at the interactive default (1 s) would only add load once
 * latency passes a second: every retransmission is one more step, and one more Store write, on every
 * node.
 */
const RESEND_MS = 10_000;

const utf8 = new TextEncoder();

/**
 * The wallet request `createRequest` or `transferRequest` (src/services/wallet/wallet-request.ts)
 * makes, signed through Node's crypto: the same bytes, so the client's own signing does not become
 * the bottleneck the load test measures.
 */
export function signedRequest(key: WalletKeyPair, client: string, seq: number, op: WalletOp & { sig: '' }): ClientTxn {
  const sig = toHex(ed25519Sign(key.secretKey, utf8.encode(signedText(client, seq, op))));
  return Object.freeze({ client, seq, op: JSON.stringify({ ...op, sig }) });
}

/** A fresh random wallet key pair, made through Node's crypto. */
export function fastWalletKey(): WalletKeyPair {
  const k = ed25519KeyPair();
  return Object.freeze({ id: toHex(k.publicKey), secretKey: k.secretKey });
}

class LoadClient {
  private seq = 0;
  readonly wallets: WalletKeyPair[];

  constructor(readonly net: NetClient, count: number) {
    this.wallets = Array.from({ length: count }, () => fastWalletKey());
  }

  next(make: (seq: number) => ClientTxn): ClientTxn {
    return make(++this.seq);
  }

  async createWallets(minter: WalletKeyPair, timeoutMs: number): Promise<void> {
    for (let i = 0; i < this.wallets.length; i += CREATE_WINDOW) {
      const batch = this.wallets.slice(i, i + CREATE_WINDOW).map((w) => this.net.submit(
        this.next((seq) => signedRequest(minter, this.net.name, seq, { type: 'create', id: w.id, amount: INITIAL_BALANCE, sig: '' })),
        timeoutMs));
      for (const r of await Promise.all(batch)) {
        if (r.result !== 'ok') throw new Error(`${this.net.name}: a wallet creation was answered '${r.result}'`);
      }
    }
  }
}

/** Runs the load against a cluster that is up; closes its connections before returning. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const clients = Array.from({ length: o.clients }, (_, i) =>
    new LoadClient(new NetClient(`${o.runName}-c${i}`, o.nodes, o.publicKeys, o.accept, RESEND_MS), o.walletsPerClient));
  try {
    await Promise.all(clients.map((c) => c.net.connected()));
    const setupStart = performance.now();
    const minter = walletKeyPair('wallet-minter');
    await Promise.all(clients.map((c) => c.createWallets(minter, o.requestTimeoutMs)));
    const setupMs = performance.now() - setupStart;
    return { ...(await transfers(clients, o)), setupMs };
  } finally {
    for (const c of clients) c.net.close();
  }
}

async function transfers(clients: readonly LoadClient[], o: LoadOptions): Promise<Omit<LoadResult, 'setupMs'>> {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3 });
  const perSecond: number[] = [];
  const counts = { ok: 0, unexpected: 0, failed: 0 };
  const start = performance.now();
  const end = start + o.durationMs;
  let last = start;
  await Promise.all(clients.map(async (c) => {
    for (let k = 0; performance.now() < end; k++) {
      const from = c.wallets[k % c.wallets.length]!;
      const to = c.wallets[(k + 1) % c.wallets.length]!;
      const sent = performance.now();
      try {
        const r = await c.net.submit(c.next((seq) => signedRequest(from, c.net.name, seq,
          { type: 'transfer', from: from.id, to: to.id, amount: 1, sig: '' })), o.requestTimeoutMs);
        const done = performance.now();
        histogram.recordValue(Math.max(1, Math.round((done - sent) * 1000)));
        const second = Math.floor((done - start) / 1000);
        while (perSecond.length <= second) perSecond.push(0);
        perSecond[second]! += 1;
        if (r.result === 'ok') counts.ok++;
        else counts.unexpected++;
        last = Math.max(last, done);
      } catch (err) {
        if (!(err instanceof ClientTimeoutError)) throw err;
        counts.failed++;
      }
    }
  }));
  return { ...counts, elapsedMs: Math.max(last - start, 1), histogram, perSecond };
}
