// The worker threads of `twins exec --workers N`. A small module of its own, so a command can start
// the threads before it loads anything else: they load the executor on the other cores while the
// main thread loads its own modules and reads the config.
import type { Piscina } from 'piscina';
import { startThreads, stopThreads } from './worker-pool.js';

/**
 * Tasks a worker holds at once: the one it runs and the next, so a worker that finishes a batch
 * starts the next one without waiting for the main thread to be scheduled and hand it out.
 */
const TASKS_PER_WORKER = 2;

const EXEC_WORKER = new URL('./exec-worker.js', import.meta.url).href;

/** The pool of `workers` worker threads, or null for one worker (which runs in this thread). */
export function startPool(workers: number, workerFile?: string): Piscina | null {
  return workers > 1 ? startThreads(workerFile ?? EXEC_WORKER, workers, TASKS_PER_WORKER) : null;
}

/**
 * One thread that runs one task at a time, for re-running the scenarios of a batch whose worker
 * died: a scenario that kills this thread takes no other scenario with it.
 */
export function startRetryPool(workerFile?: string): Piscina {
  return startThreads(workerFile ?? EXEC_WORKER, 1, 1);
}

/** Ends the pool once its threads have loaded their modules (worker-pool.ts). */
export const stopPool = stopThreads;
