// Canonical trace hash. Every event the simulator executes is folded, field by field, into two
// independent 32-bit lanes (FNV-1a and a murmur-style mix) with integer arithmetic only, so the
// 64-bit result is the same on every machine. It identifies a run: same scenario and options,
// same hash. It is not a cryptographic commitment; it detects non-determinism and drift.

export class TraceHash {
  private a = 0x811c9dc5;
  private b = 0x9747b28c;

  int(x: number): void {
    // Fold the low and high 32-bit halves so ticks beyond 2^32 still count. Almost every value is a
    // small non-negative integer, whose high half is 0: skip the division for those. Both folds run
    // on locals: this is called six to eight times per simulated event.
    const lo = x | 0;
    const hi = x >= 0 && x < 4294967296 ? 0 : Math.floor(x / 4294967296) | 0;
    let a = Math.imul(this.a ^ lo, 0x01000193);
    let b = mixB(this.b, lo);
    a = Math.imul(a ^ hi, 0x01000193);
    b = mixB(b, hi);
    this.a = a;
    this.b = b;
  }

  str(s: string): void {
    this.word(s.length);
    // The same fold as word(), with both lanes held in locals for the length of the string.
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < s.length; i++) {
      const w = s.charCodeAt(i);
      a = Math.imul(a ^ w, 0x01000193);
      b = mixB(b, w);
    }
    this.a = a;
    this.b = b;
  }

  hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }

  private word(w: number): void {
    this.a = Math.imul(this.a ^ w, 0x01000193);
    this.b = mixB(this.b, w);
  }
}

/** The murmur-style lane: one 32-bit word folded into `h`. */
function mixB(h: number, w: number): number {
  let k = Math.imul(w, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}
