// Runs batches concurrently but yields their results strictly in submission order, with at most
// `inflight` batches outstanding, so reports come out in scenario order and memory stays bounded.

export async function* inOrder<B, R>(batches: Iterable<B>, run: (batch: B) => Promise<R>, inflight: number):
  AsyncGenerator<{ batch: B; result: R }> {
  const it = batches[Symbol.iterator]();
  const queue: Promise<{ batch: B; result: R }>[] = [];
  const fill = (): void => {
    while (queue.length < inflight) {
      const next = it.next();
      if (next.done === true) return;
      const batch = next.value;
      queue.push(run(batch).then((result) => ({ batch, result })));
    }
  };
  fill();
  while (queue.length > 0) {
    const head = await queue.shift()!;
    fill();
    yield head;
  }
}

/** Groups an iterable into arrays of `size`. */
export function* chunks<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
