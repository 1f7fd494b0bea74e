// Canonical hashing (DESIGN §4, diembft-v4 §2): H(x) is the SHA-256 hex digest of the JSON of an
// array whose first element is a domain tag. Shared by every protocol and by the crypto of
// ./crypto.ts; a protocol's own digests (block ids, vote content) are built on H.
import * as nodeCrypto from 'node:crypto';
import type { Crypto } from './crypto.js';

/** A hex SHA-256 digest. */
export type Digest = string;

/** A signature together with its signer. */
export interface Sig {
  readonly signer: number;
  readonly value: string;
}

// Node >= 20.12 has a one-shot `hash`, about twice as fast as createHash for short inputs.
const oneShot: ((alg: string, data: string, enc: 'hex') => string) | undefined =
  (nodeCrypto as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;

export function sha256Hex(text: string): string {
  return oneShot !== undefined ? oneShot('sha256', text, 'hex')
    : nodeCrypto.createHash('sha256').update(text).digest('hex');
}

// Strings JSON.stringify leaves unchanged apart from the surrounding quotes: printable ASCII
// without `"` and `\`. Every digest, id and marker is one.
export const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * JSON.stringify of a flat array, built by concatenation when every element is an integer, null or
 * a plain string (the hot path: digests and rounds); identical output, about twice as fast.
 */
export function canonicalJson(parts: readonly unknown[]): string {
  let s = '[';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (i > 0) s += ',';
    if (typeof p === 'string' && PLAIN.test(p)) s += `"${p}"`;
    else if (typeof p === 'number' && Number.isSafeInteger(p)) s += String(p);
    else if (p === null) s += 'null';
    else return JSON.stringify(parts);
  }
  return `${s}]`;
}

/** §2 H: SHA-256 of the canonical JSON array. */
export function H(parts: readonly unknown[]): Digest {
  return sha256Hex(canonicalJson(parts));
}

/**
 * A digest that gets signed, memoized with the signatures made over it (./crypto.ts `signOver`):
 * the content memo that yields the digest also yields them, with no probe of the signing table by
 * the digest string. `sigs` holds the signatures of one key set, `keys`, by signer; it is that key
 * set's signing-table entry for `digest` (the same array), so both ways of signing share one Sig.
 */
export class Signable {
  keys: Crypto | null = null;
  sigs: (Sig | undefined)[] = [];
  constructor(readonly digest: Digest) {}
}

