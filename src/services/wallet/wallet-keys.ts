// Wallet keys: Ed25519 (tweetnacl). A wallet id is the owner's 32-byte public key in lower-case hex;
// a key pair derives from a 32-byte seed, so simulated clients get their keys deterministically.
import { nacl } from '../../kernel/ed25519.js';
import { sha256Hex } from '../../kernel/hash.js';

export interface WalletKeyPair {
  /** The wallet id: the public key, 64 hex digits. */
  readonly id: string;
  readonly secretKey: Uint8Array;
}

const utf8 = new TextEncoder();

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** The bytes of `hex` when it is exactly `length` bytes of lower-case hex, else null. */
export function fromHex(hex: string, length: number): Uint8Array | null {
  if (hex.length !== length * 2 || !/^[0-9a-f]*$/.test(hex)) return null;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Signing and verification are pure and cost about a millisecond each, and every replica of a run
 * (and every run of a fuzz search) checks the same requests: results are remembered, process-wide,
 * up to this many of each before the table starts again.
 */
const MEMO_CAP = 1 << 14;
const signed = new Map<string, string>();
const verified = new Map<string, boolean>();

function remember<V>(table: Map<string, V>, key: string, value: V): V {
  if (table.size >= MEMO_CAP) table.clear();
  table.set(key, value);
  return value;
}

const keyPairs = new Map<string, WalletKeyPair>();

/** The key pair whose seed is SHA-256 of `label`: the same label gives the same key everywhere. */
export function walletKeyPair(label: string): WalletKeyPair {
  const known = keyPairs.get(label);
  if (known !== undefined) return known;
  const seed = fromHex(sha256Hex(JSON.stringify(['wallet-key', label])), 32)!;
  const k = nacl().sign.keyPair.fromSeed(seed);
  return remember(keyPairs, label, Object.freeze({ id: toHex(k.publicKey), secretKey: k.secretKey }));
}

/** The detached signature of `message` (hex). */
export function signText(key: WalletKeyPair, message: string): string {
  const memoKey = `${key.id}\u0000${message}`;
  return signed.get(memoKey)
    ?? remember(signed, memoKey, toHex(nacl().sign.detached(utf8.encode(message), key.secretKey)));
}

/** True when `sig` is `id`'s signature over `message`; false for any malformed id or signature. */
export function verifyText(id: string, message: string, sig: string): boolean {
  const memoKey = `${id}\u0000${sig}\u0000${message}`;
  const known = verified.get(memoKey);
  if (known !== undefined) return known;
  const pk = fromHex(id, nacl().sign.publicKeyLength);
  const s = fromHex(sig, nacl().sign.signatureLength);
  if (pk === null || s === null) return false;
  return remember(verified, memoKey, nacl().sign.detached.verify(utf8.encode(message), s, pk));
}

/** True when `id` is a well-formed wallet id (64 lower-case hex digits). */
export function isWalletId(id: unknown): id is string {
  return typeof id === 'string' && id.length === 64 && /^[0-9a-f]*$/.test(id);
}
