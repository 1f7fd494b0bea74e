// Canonical trace hash. Every event the simulator executes is folded, field by field, into two
// independent 32-bit lanes (FNV-1a and a murmur-style mix) with integer arithmetic only, so the
// 64-bit result is the same on every machine. It identifies a run: same scenario and options,
// same hash. It is not a cryptographic commitment; it detects non-determinism and drift.

export class TraceHash {
  private a = 0x811c9dc5;
  private b = 0x9747b28c;

  int(x: number): void {
    // Fold the low and high 32-bit halves so ticks beyond 2^32 still count.
    this.word(x | 0);
    this.word(Math.floor(x / 4294967296) | 0);
  }

  str(s: string): void {
    this.word(s.length);
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
  }

  hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }

  private word(w: number): void {
    this.a = Math.imul(this.a ^ w, 0x01000193);
    let k = Math.imul(w, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    let h = this.b ^ k;
    h = (h << 13) | (h >>> 19);
    this.b = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
}
