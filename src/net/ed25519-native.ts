// Ed25519 through Node's crypto (OpenSSL) for the network code's hot paths: node-key vouches and
// handshakes, client-side reply checks, and the load test's wallet keys and transfer signatures.
// Ed25519 signatures are deterministic, so these are byte for byte the signatures tweetnacl makes and
// checks (the simulated path and the wallet service keep tweetnacl); keys are tweetnacl's layout: a
// 64-byte secret key (seed, then public key) and a 32-byte public key. Key objects are cached by key.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const CACHE_CAP = 4096;
const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();

function cached(table: Map<string, KeyObject>, key: string, make: () => KeyObject): KeyObject {
  const known = table.get(key);
  if (known !== undefined) return known;
  if (table.size >= CACHE_CAP) table.clear();
  const made = make();
  table.set(key, made);
  return made;
}

/** The detached signature of `message` by the 64-byte tweetnacl-layout `secretKey`. */
export function ed25519Sign(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  const seed = Buffer.from(secretKey.subarray(0, 32));
  const key = cached(privateKeys, seed.toString('hex'), () =>
    createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' }));
  return new Uint8Array(sign(null, message, key));
}

/** True when `sig` (64 bytes) is `publicKey`'s (32 bytes) signature over `message`. */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean {
  if (publicKey.length !== 32 || sig.length !== 64) return false;
  const pk = Buffer.from(publicKey);
  try {
    const key = cached(publicKeys, pk.toString('hex'), () =>
      createPublicKey({ key: Buffer.concat([SPKI_PREFIX, pk]), format: 'der', type: 'spki' }));
    return verify(null, message, key, sig);
  } catch {
    return false;
  }
}

/** A fresh random key pair in tweetnacl's layout. */
export function ed25519KeyPair(): { publicKey: Uint8Array; secretKey: Uint8Array } {
  const k = generateKeyPairSync('ed25519');
  const seed = k.privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  const publicKey = new Uint8Array(k.publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length));
  return { publicKey, secretKey: new Uint8Array(Buffer.concat([seed, publicKey])) };
}
