// A wallet client over the network (docs/network.md): holds its own wallet key pair (its wallet id is
// the public key), numbers and signs its requests, and submits them through a NetClient, so every
// result it returns was vouched for by f+1 nodes.
import nacl from 'tweetnacl';
import { createRequest, getRequest, transferRequest } from '../services/wallet/wallet-request.js';
import { toHex, type WalletKeyPair } from '../services/wallet/wallet-keys.js';
import type { AcceptedReply, NetClient } from './net-client.js';

/** A fresh random wallet key pair. */
export function newWalletKey(): WalletKeyPair {
  const k = nacl.sign.keyPair();
  return Object.freeze({ id: toHex(k.publicKey), secretKey: k.secretKey });
}

export class WalletClient {
  private seq = 0;

  constructor(private readonly net: NetClient, readonly key: WalletKeyPair = newWalletKey(), firstSeq = 1) {
    this.seq = firstSeq - 1;
  }

  get walletId(): string {
    return this.key.id;
  }

  /** Mints `amount` into this client's wallet, signed with `minter` (the service's minter key). */
  create(minter: WalletKeyPair, amount: number): Promise<AcceptedReply> {
    return this.net.submit(createRequest(minter, this.net.name, ++this.seq, this.key.id, amount));
  }

  transfer(to: string, amount: number): Promise<AcceptedReply> {
    return this.net.submit(transferRequest(this.key, this.net.name, ++this.seq, to, amount));
  }

  /** The balance of `id` (default: this wallet) as f+1 nodes report it. */
  async balance(id: string = this.key.id): Promise<number> {
    return Number((await this.net.submit(getRequest(this.net.name, ++this.seq, id))).result);
  }
}
