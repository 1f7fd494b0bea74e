// The worker threads of `twins exec --workers N`. A small module of its own, so a command can start
// the threads before it loads anything else: they load the executor on the other cores while the
// main thread loads its own modules and reads the config.
import { Piscina } from 'piscina';

/**
 * Heap bound of each worker. A scenario needs a few MiB; without a bound V8 lets every worker's old
 * generation grow with the number of scenarios run (no leak: the garbage is collected later), so
 * peak memory would grow with the size of the run. A worker that exceeds it dies, is replaced, and
 * its scenario is recorded as a crash. The young generation keeps V8's default, the one a
 * single-worker process runs with: a smaller one costs a worker more collections per scenario.
 */
export const WORKER_HEAP = { maxOldGenerationSizeMb: 128 };

/**
 * Tasks a worker holds at once: the one it runs and the next, so a worker that finishes a batch
 * starts the next one without waiting for the main thread to be scheduled and hand it out.
 */
const TASKS_PER_WORKER = 2;

/** The pool of `workers` worker threads, or null for one worker (which runs in this thread). */
export function startPool(workers: number, workerFile?: string): Piscina | null {
  return workers > 1 ? threads(workers, TASKS_PER_WORKER, workerFile) : null;
}

/**
 * One thread that runs one task at a time, for re-running the scenarios of a batch whose worker
 * died: a scenario that kills this thread takes no other scenario with it.
 */
export function startRetryPool(workerFile?: string): Piscina {
  return threads(1, 1, workerFile);
}

function threads(count: number, tasksPerThread: number, workerFile?: string): Piscina {
  return new Piscina({
    filename: workerFile ?? new URL('./exec-worker.js', import.meta.url).href, minThreads: count, maxThreads: count,
    resourceLimits: WORKER_HEAP, concurrentTasksPerWorker: tasksPerThread,
  });
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
