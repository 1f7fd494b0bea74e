// The simulator's event queue, ordered by (tick, seq) (DESIGN §4). `seq` is a global counter the
// world assigns at push, so it grows with every push, and the events of one tick leave in the order
// they came: the order is total and stable. That lets the queue keep one FIFO bucket per pending
// tick and a small heap of the pending ticks (a run has two or three at a time: the next delivery
// tick and the round timers) instead of a heap of every event, which cost a dozen comparisons of
// (tick, seq) pairs per event.

export interface Queued {
  readonly tick: number;
  readonly seq: number;
}

/** The events of one tick: slots[head..tail) in push order. Slots are reused once read. */
interface Bucket<E> {
  readonly slots: E[];
  head: number;
  tail: number;
}

export class EventQueue<E extends Queued> {
  private readonly buckets = new Map<number, Bucket<E>>();
  /** Binary min-heap of the ticks that have a bucket. */
  private readonly ticks: number[] = [];
  /** Emptied buckets, kept for reuse. */
  private readonly spare: Bucket<E>[] = [];
  private count = 0;
  private lastSeq = -Infinity;

  get size(): number {
    return this.count;
  }

  /** Queues `e`; its seq must be greater than that of every event pushed before (a programmer error otherwise). */
  push(e: E): void {
    if (!(e.seq > this.lastSeq)) throw new Error(`event seq ${e.seq} pushed after seq ${this.lastSeq}`);
    this.lastSeq = e.seq;
    let b = this.buckets.get(e.tick);
    if (b === undefined) {
      b = this.spare.pop() ?? { slots: [], head: 0, tail: 0 };
      this.buckets.set(e.tick, b);
      pushTick(this.ticks, e.tick);
    }
    b.slots[b.tail++] = e;
    this.count++;
  }

  /** The event with the least (tick, seq), removed; undefined when the queue is empty. */
  pop(): E | undefined {
    const tick = this.ticks[0];
    if (tick === undefined) return undefined;
    const b = this.buckets.get(tick)!;
    const e = b.slots[b.head++]!;
    if (b.head === b.tail) {
      this.buckets.delete(tick);
      popTick(this.ticks);
      b.head = 0;
      b.tail = 0;
      this.spare.push(b);
    }
    this.count--;
    return e;
  }
}

function pushTick(h: number[], tick: number): void {
  let i = h.length;
  h.push(tick);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (h[parent]! <= tick) break;
    h[i] = h[parent]!;
    i = parent;
  }
  h[i] = tick;
}

function popTick(h: number[]): void {
  const last = h.pop()!;
  const n = h.length;
  if (n === 0) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && h[r]! < h[l]! ? r : l;
    if (h[c]! >= last) break;
    h[i] = h[c]!;
    i = c;
  }
  h[i] = last;
}
