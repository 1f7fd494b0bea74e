// Signatures (DESIGN §4, diembft-v4 §2). Two deterministic implementations behind one interface:
// a fast mock that is unforgeable inside the simulation, and Ed25519 via tweetnacl. Keys derive from
// the run's chain seed and the identity, so twins (one identity, two replicas) hold the same key and
// sign identical content with byte-identical signatures.
import type { SignKeyPair } from 'tweetnacl';
import { nacl } from './ed25519.js';
import type { NodeId } from './actor.js';
import { H, sha256Hex, type Digest, type Sig, type Signable } from './hash.js';

export type CryptoKind = 'mock' | 'ed25519';

export interface Crypto {
  readonly kind: CryptoKind;
  readonly chainSeed: string;
  sign(signer: NodeId, digest: Digest): Sig;
  /** True when `sig.value` is `sig.signer`'s signature over `digest`. */
  verify(sig: Sig, digest: Digest): boolean;
  /** sign(signer, s.digest), kept with `s`. */
  signOver(signer: NodeId, s: Signable): Sig;
  /** verify(sig, s.digest), looked up in `s` first. */
  verifyOver(sig: Sig, s: Signable): boolean;
}

/** Digests per generation of the signing table (two generations, as in ./intern.ts). */
const SIGNED_MEMO_CAP = 1 << 12;

/**
 * Shared signing and verification bookkeeping. Signing is a pure function of (key, digest), and the
 * same content is signed again and again: by twins, and by every run of a batch that shares the
 * chain seed. So each (signer, digest) is signed once and the frozen Sig object is handed out again.
 * A Sig is immutable and shared by reference between recipients, so a signature this instance made
 * is known valid for the digest it was made over (found in the signing table, no WeakMap entry per
 * Sig), and one verification per other (Sig object, digest) serves every replica. Only valid
 * results are remembered: a forgery is rare and simply re-checked. The protocol's own digests come
 * from content memos (./hash.ts `Signable`) that hold their signing-table entry, so `signOver` and
 * `verifyOver` find it without a probe of the table by the digest string.
 */
abstract class CachedCrypto implements Crypto {
  abstract readonly kind: CryptoKind;
  private readonly valid = new WeakMap<Sig, Digest>();
  /** digest -> the Sig of each signer over it (indexed by signer); the current generation. */
  private signed = new Map<Digest, (Sig | undefined)[]>();
  /** The previous generation: its hits move to the current one, the rest is dropped at the next turn. */
  private signedBefore = new Map<Digest, (Sig | undefined)[]>();

  constructor(readonly chainSeed: string) {}

  protected abstract rawSign(signer: NodeId, digest: Digest): string;
  protected abstract rawVerify(signer: NodeId, digest: Digest, value: string): boolean;

  sign(signer: NodeId, digest: Digest): Sig {
    const bySigner = this.madeOver(digest);
    return bySigner[signer] ?? this.signInto(bySigner, signer, digest);
  }

  signOver(signer: NodeId, s: Signable): Sig {
    if (s.keys !== this) this.bind(s);
    return s.sigs[signer] ?? this.signInto(s.sigs, signer, s.digest);
  }

  verify(sig: Sig, digest: Digest): boolean {
    const made = this.signed.get(digest) ?? this.signedBefore.get(digest);
    if (made?.[sig.signer] === sig) return true;                                    // made here over digest
    return this.verifyOther(sig, digest);
  }

  verifyOver(sig: Sig, s: Signable): boolean {
    if (s.keys === this && s.sigs[sig.signer] === sig) return true;                 // made here over s.digest
    return this.verify(sig, s.digest);
  }

  /**
   * Makes `s` hold this key set's signatures over its digest. A Signable new to every key set belongs
   * to content just memoized (interning makes recurring content the same object, with the same
   * Signable), whose digest has practically never been signed before (docs/performance.md). So it
   * starts empty, with no signing-table probe or entry;
   * a repeat only costs one signature again. One taken over from another key set (a batch that
   * changes chain seed; timeout digests do not depend on it) takes this key set's table entry, so
   * switching back and forth signs each digest at most once per key set.
   */
  private bind(s: Signable): void {
    s.sigs = s.keys === null ? [] : this.madeOver(s.digest);
    s.keys = this;
  }

  /** The signing-table entry for `digest`, created empty if there is none. */
  private madeOver(digest: Digest): (Sig | undefined)[] {
    return this.signed.get(digest) ?? this.newEntry(digest, this.signedBefore.get(digest));
  }

  /** Files `bySigner` (by default a new, empty entry) as the current entry for `digest`. */
  private newEntry(digest: Digest, bySigner: (Sig | undefined)[] = []): (Sig | undefined)[] {
    if (this.signed.size >= SIGNED_MEMO_CAP) {
      this.signedBefore = this.signed;
      this.signed = new Map();
    }
    this.signed.set(digest, bySigner);
    return bySigner;
  }

  private signInto(bySigner: (Sig | undefined)[], signer: NodeId, digest: Digest): Sig {
    const sig: Sig = Object.freeze({ signer, value: this.rawSign(signer, digest) });
    bySigner[signer] = sig;
    return sig;
  }

  /** A signature not made here over `digest`: remembered once found valid. */
  private verifyOther(sig: Sig, digest: Digest): boolean {
    if (this.valid.get(sig) === digest) return true;
    const ok = Number.isInteger(sig.signer) && sig.signer >= 0 && typeof sig.value === 'string'
      && this.rawVerify(sig.signer, digest, sig.value);
    if (ok) this.valid.set(sig, digest);
    return ok;
  }
}

/** §2 default mock: sign = H(["sig", secret[id], digest]), secret[id] = H(["secret", chainSeed, id]). */
export class MockCrypto extends CachedCrypto {
  readonly kind = 'mock' as const;
  private readonly secrets: string[] = [];

  private secret(id: NodeId): string {
    let s = this.secrets[id];
    if (s === undefined) {
      s = H(['secret', this.chainSeed, id]);
      this.secrets[id] = s;
    }
    return s;
  }

  /** H(["sig", secret, digest]), with the canonical JSON written out (the secret is plain hex). */
  protected rawSign(signer: NodeId, digest: Digest): string {
    return sha256Hex(`["sig","${this.secret(signer)}",${JSON.stringify(digest)}]`);
  }

  protected rawVerify(signer: NodeId, digest: Digest, value: string): boolean {
    return this.rawSign(signer, digest) === value;
  }
}

const utf8 = new TextEncoder();

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function fromHex(hex: string, length: number): Uint8Array | null {
  if (hex.length !== length * 2 || !/^[0-9a-f]*$/.test(hex)) return null;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Ed25519 (tweetnacl); each identity's key pair comes from a 32-byte seed H(["ed25519", chainSeed, id]). */
export class Ed25519Crypto extends CachedCrypto {
  readonly kind = 'ed25519' as const;
  private readonly keys: SignKeyPair[] = [];

  private keyPair(id: NodeId): SignKeyPair {
    let k = this.keys[id];
    if (k === undefined) {
      const seed = fromHex(sha256Hex(JSON.stringify(['ed25519', this.chainSeed, id])), 32)!;
      k = nacl().sign.keyPair.fromSeed(seed);
      this.keys[id] = k;
    }
    return k;
  }

  protected rawSign(signer: NodeId, digest: Digest): string {
    return toHex(nacl().sign.detached(utf8.encode(digest), this.keyPair(signer).secretKey));
  }

  protected rawVerify(signer: NodeId, digest: Digest, value: string): boolean {
    const sig = fromHex(value, nacl().sign.signatureLength);
    if (sig === null) return false;
    return nacl().sign.detached.verify(utf8.encode(digest), sig, this.keyPair(signer).publicKey);
  }
}

// One instance per (kind, chain seed), so every replica of a run shares the verification memo. An
// instance is a pure function of its kind and seed (keys derive from the seed), so sharing it between
// runs never changes a result. Bounded: many runs with distinct seeds in one process only ever keep
// the latest few. The most recently requested instance is last.
const instances = new Map<string, Crypto>();
const MAX_INSTANCES = 16;
/** The most recently requested instance: every replica of a run, and every run of a batch, asks for it. */
let latest: Crypto | null = null;

export function cryptoFor(kind: CryptoKind, chainSeed: string): Crypto {
  if (latest !== null && latest.kind === kind && latest.chainSeed === chainSeed) return latest;
  const key = `${kind}|${chainSeed}`;
  let c = instances.get(key);
  if (c !== undefined) {
    instances.delete(key);
  } else {
    if (instances.size >= MAX_INSTANCES) instances.delete(instances.keys().next().value!);
    c = kind === 'mock' ? new MockCrypto(chainSeed) : new Ed25519Crypto(chainSeed);
  }
  instances.set(key, c);
  latest = c;
  return c;
}
