// The simulator's event queue: a binary min-heap ordered by (tick, seq). `seq` is a global counter
// assigned at push, so ties run in FIFO order and the order is total and stable (DESIGN §4).

export interface Queued {
  readonly tick: number;
  readonly seq: number;
}

export class EventQueue<E extends Queued> {
  private readonly heap: E[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(e: E): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent]!;
      if (!before(e, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = e;
  }

  pop(): E | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(h[r]!, h[l]!) ? r : l;
      if (!before(h[c]!, last)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  }
}

function before(a: Queued, b: Queued): boolean {
  return a.tick < b.tick || (a.tick === b.tick && a.seq < b.seq);
}
