// A seeded pseudo-random permutation of [0, size) in constant memory, so that random order needs no
// list of what was already drawn and can never repeat a scenario.
//
// Construction: a Feistel-like network over the smallest power-of-two domain 2^bits >= size, split
// into a high half of floor(bits/2) bits and a low half of the rest. Each of the six rounds adds a
// keyed hash of one half to the other, modulo that half's width; every round is invertible, so the
// whole network is a bijection on [0, 2^bits). "Cycle walking" (re-applying the network until the
// value falls inside [0, size)) restricts it to a bijection on [0, size); since 2^bits < 2 * size,
// that takes fewer than two passes on average. Round keys come from seedrandom, labelled per use.
import seedrandom from 'seedrandom';
import { bitLength } from './bigmath.js';

const ROUNDS = 6;

/** murmur3's 32-bit finalizer: a fast, well-mixing bijection on 32-bit words. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Keyed hash of a half (a Number below 2^32) to 32 bits. */
function mix(x: number, key: number): number {
  return fmix32(Math.imul(x ^ key, 0x9e3779b1) ^ (x >>> 16) ^ key);
}

/** Keyed hash of a wide half (a bigint), to `bits` bits, 32 bits at a time. */
function mixWide(x: bigint, key: number, bits: number): bigint {
  let acc = key;
  for (let v = x; v > 0n; v >>= 32n) acc = fmix32(acc ^ mix(Number(v & 0xffffffffn), key));
  let out = 0n;
  for (let done = 0, i = 0; done < bits; done += 32, i++) out = (out << 32n) | BigInt(mix(acc + i, key));
  return out & ((1n << BigInt(bits)) - 1n);
}

export class SeededPermutation {
  private readonly keys: number[];
  private readonly hiBits: number;
  private readonly loBits: number;
  private readonly hiMod: number;
  private readonly loMod: number;
  private readonly narrow: boolean;
  private readonly loMaskBig: bigint;
  private readonly loBitsBig: bigint;
  private readonly loModBig: bigint;

  constructor(readonly size: bigint, seed: string, label: string) {
    if (size < 1n) throw new RangeError('permutation of an empty range');
    const prng = seedrandom(`${seed}/${label}`);
    this.keys = Array.from({ length: ROUNDS }, () => prng.int32() >>> 0);
    const bits = Math.max(2, bitLength(size - 1n));
    this.hiBits = Math.floor(bits / 2);
    this.loBits = bits - this.hiBits;
    this.hiMod = 2 ** this.hiBits;
    this.loMod = 2 ** this.loBits;
    this.narrow = this.loBits <= 32;
    this.loBitsBig = BigInt(this.loBits);
    this.loModBig = 1n << this.loBitsBig;
    this.loMaskBig = this.loModBig - 1n;
  }

  /** The image of x (0 <= x < size). */
  at(x: bigint): bigint {
    let y = x;
    do y = this.narrow ? this.roundsNarrow(y) : this.roundsWide(y);
    while (y >= this.size);
    return y;
  }

  /** Halves of at most 32 bits: plain Number arithmetic (exact below 2^53). */
  private roundsNarrow(x: bigint): bigint {
    let hi = Number(x >> this.loBitsBig);
    let lo = Number(x & this.loMaskBig);
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2 === 0) hi = (hi + mix(lo, this.keys[r]!)) % this.hiMod;
      else lo = (lo + mix(hi, this.keys[r]!)) % this.loMod;
    }
    return BigInt(hi) * this.loModBig + BigInt(lo);
  }

  private roundsWide(x: bigint): bigint {
    const loMask = (1n << BigInt(this.loBits)) - 1n;
    const hiMask = (1n << BigInt(this.hiBits)) - 1n;
    let hi = x >> BigInt(this.loBits);
    let lo = x & loMask;
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2 === 0) hi = (hi + mixWide(lo, this.keys[r]!, this.hiBits)) & hiMask;
      else lo = (lo + mixWide(hi, this.keys[r]!, this.loBits)) & loMask;
    }
    return (hi << BigInt(this.loBits)) | lo;
  }
}

/**
 * A seeded X-subset of [0, size), sorted ascending: the first X images of a seeded permutation.
 * Memory is O(X); X is a user-chosen limit.
 */
export function sortedSample(size: bigint, count: bigint, seed: string, label: string): BigUint64Array | bigint[] {
  const perm = new SeededPermutation(size, seed, label);
  const n = Number(count);
  if (size <= 2n ** 64n) {
    const out = new BigUint64Array(n);
    for (let i = 0; i < n; i++) out[i] = perm.at(BigInt(i));
    return out.sort();
  }
  const out: bigint[] = [];
  for (let i = 0; i < n; i++) out.push(perm.at(BigInt(i)));
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
