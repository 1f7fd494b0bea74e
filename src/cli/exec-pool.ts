// The worker threads of `twins exec --workers N`. A small module of its own, so a command can start
// the threads before it loads anything else: they load the executor on the other cores while the
// main thread loads its own modules and reads the config.
import { Piscina } from 'piscina';

/**
 * Heap bounds of each worker. A scenario needs a few MiB; without a bound V8 lets every worker's
 * heap grow with the number of scenarios run (no leak: the garbage is collected later), so peak
 * memory would grow with the size of the run. A worker that exceeds them dies, is replaced, and its
 * scenario is recorded as a crash.
 */
export const WORKER_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 };

/** The pool of `workers` worker threads, or null for one worker (which runs in this thread). */
export function startPool(workers: number, workerFile?: string): Piscina | null {
  return workers > 1 ? new Piscina({
    filename: workerFile ?? new URL('./exec-worker.js', import.meta.url).href, minThreads: workers, maxThreads: workers,
    resourceLimits: WORKER_HEAP,
  }) : null;
}

/**
 * Ends the pool once every thread has started (at most 10 s): a command that stops early (bad input
 * found while the threads still load the executor) would otherwise end threads in the middle of
 * loading modules, which Node does not always survive.
 */
export async function stopPool(pool: Piscina): Promise<void> {
  for (let waited = 0; pool.idleThreads < pool.threads.length && waited < 10_000; waited += 10) {
    await new Promise((resolve) => { setTimeout(resolve, 10); });
  }
  await pool.destroy();
}
