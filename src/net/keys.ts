// Node keys (docs/network.md): each node has its own Ed25519 key pair, generated into its data folder
// on first start. Peers authenticate each other, and clients authenticate nodes and their replies,
// by the public keys in the cluster's key list. Signing and checking go through Node's crypto
// (./ed25519-native.ts): the same signatures as tweetnacl, at a fraction of the cost.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { ed25519Sign, ed25519Verify } from './ed25519-native.js';

export interface NodeKey {
  readonly publicKey: string;
  readonly secretKey: Uint8Array;
}

const utf8 = new TextEncoder();

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function unhex(s: unknown, length: number): Uint8Array | null {
  if (typeof s !== 'string' || s.length !== length * 2 || !/^[0-9a-f]*$/.test(s)) return null;
  return new Uint8Array(Buffer.from(s, 'hex'));
}

export function keyFile(nodeDir: string): string {
  return join(nodeDir, 'node-key.json');
}

/** The node's key pair from `nodeDir`, generated and written (mode 0600) when there is none. */
export function loadOrCreateKey(nodeDir: string): NodeKey {
  const file = keyFile(nodeDir);
  if (existsSync(file)) {
    const v = JSON.parse(readFileSync(file, 'utf8')) as { secretKey?: unknown };
    const secretKey = unhex(v.secretKey, nacl.sign.secretKeyLength);
    if (secretKey === null) throw new Error(`${file}: secretKey is not ${nacl.sign.secretKeyLength} bytes of hex`);
    return { publicKey: hex(nacl.sign.keyPair.fromSecretKey(secretKey).publicKey), secretKey };
  }
  mkdirSync(nodeDir, { recursive: true });
  const k = nacl.sign.keyPair();
  writeFileSync(file, `${JSON.stringify({ publicKey: hex(k.publicKey), secretKey: hex(k.secretKey) })}\n`,
    { mode: 0o600 });
  return { publicKey: hex(k.publicKey), secretKey: k.secretKey };
}

export function sign(key: NodeKey, text: string): string {
  return hex(ed25519Sign(key.secretKey, utf8.encode(text)));
}

/** True when `sig` is the holder of `publicKey`'s signature over `text`; false for anything malformed. */
export function verify(publicKey: string, text: string, sig: unknown): boolean {
  const pk = unhex(publicKey, nacl.sign.publicKeyLength);
  const s = unhex(sig, nacl.sign.signatureLength);
  return pk !== null && s !== null && ed25519Verify(pk, utf8.encode(text), s);
}

/** A fresh random challenge (hex). */
export function nonce(): string {
  return hex(nacl.randomBytes(32));
}
