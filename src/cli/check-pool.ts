// The checker thread of `twins exec --workers 1`: the worker runs in the main thread, and this thread
// reads and checks the .jsonl batches ahead of it on the other core (check-worker.ts).
import type { Piscina } from 'piscina';
import type { BadLine } from './checked-lines.js';
import { startThreads } from './worker-pool.js';

const CHECK_WORKER = new URL('./check-worker.js', import.meta.url).href;

/** Batches checked ahead of the one the main thread runs. */
const AHEAD = 4;

/** A checked batch: the JSON text of its lines up to the first that is not a scenario, and that one. */
export interface CheckedBatch {
  readonly checked: readonly { readonly index: number; readonly text: string }[];
  readonly bad: BadLine | null;
}

/** One thread whose tasks are JsonlSlices and whose results are CheckedBatches; stop it with stopThreads. */
export function startChecker(): Piscina {
  return startThreads(CHECK_WORKER, 1, AHEAD);
}
