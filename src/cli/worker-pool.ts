// The worker thread pools of `twins exec --workers N` (exec-pool.ts) and `twins fuzz --workers N`
// (fuzz-pool.ts): how they start and how they stop.
import { Piscina } from 'piscina';
import { loadedThread } from './worker-loaded.js';

/**
 * Heap bound of each worker. A scenario needs a few MiB; without a bound V8 lets every worker's old
 * generation grow with the number of scenarios run (no leak: the garbage is collected later), so
 * peak memory would grow with the size of the run. A worker that exceeds it dies, is replaced, and
 * its scenario is recorded as a crash. The young generation keeps V8's default, the one a
 * single-worker process runs with: a smaller one costs a worker more collections per scenario.
 */
export const WORKER_HEAP = { maxOldGenerationSizeMb: 128 };

/** How long stopThreads waits for threads still loading or running before it ends them anyway. */
const STOP_WAIT_MS = 10_000;

/** The ids of the threads of each pool that have said their modules are loaded (workerLoaded). */
const loadedOf = new WeakMap<Piscina, Set<number>>();

/**
 * A pool of `count` threads running `workerFile` (a URL), each holding up to `tasksPerThread` tasks.
 * The worker module must call workerLoaded() (src/cli/worker-loaded.ts) at the end of its body.
 */
export function startThreads(workerFile: string, count: number, tasksPerThread: number): Piscina {
  const pool = new Piscina({
    filename: workerFile, minThreads: count, maxThreads: count,
    resourceLimits: WORKER_HEAP, concurrentTasksPerWorker: tasksPerThread,
  });
  const loaded = new Set<number>();
  pool.on('message', (message: unknown) => {
    const id = loadedThread(message);
    if (id !== null) loaded.add(id);
  });
  loadedOf.set(pool, loaded);
  return pool;
}

/**
 * Ends the pool's threads once each has loaded its modules and finished the tasks it holds (at most
 * STOP_WAIT_MS): a command that stops early (bad input found, a failure in the first batches) would
 * otherwise terminate a thread in the middle of loading, which Node does not always survive (V8
 * aborts the process), or while a task's result is on its way, which the pool reports as an error
 * that ends the process.
 */
export async function stopThreads(pool: Piscina): Promise<void> {
  const loaded = loadedOf.get(pool);
  const settled = (): boolean =>
    pool.idleThreads === pool.threads.length && (loaded === undefined || pool.threads.every((t) => loaded.has(t.threadId)));
  for (let waited = 0; waited < STOP_WAIT_MS && !settled(); waited += 5) {
    await new Promise((resolve) => { setTimeout(resolve, 5); });
  }
  await pool.destroy();
}
