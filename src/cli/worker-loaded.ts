// The message a pool's worker thread posts once its modules have loaded (src/cli/worker-pool.ts):
// the pool never ends a thread before it, since Node can abort the whole process when a thread is
// terminated while it still loads its modules.
import { isMainThread, parentPort, threadId } from 'node:worker_threads';

/** The key of the message: its value is the thread's id. */
export const WORKER_LOADED = 'twinsWorkerLoaded';

/**
 * Called at the end of a worker module's body. The message goes out in a microtask, so after the
 * whole import graph has been evaluated and the module handed to the pool's loader (a module body
 * runs before those that import it). No-op on the main thread, which also imports the worker modules.
 */
export function workerLoaded(): void {
  if (isMainThread || parentPort === null) return;
  const port = parentPort;
  queueMicrotask(() => { port.postMessage({ [WORKER_LOADED]: threadId }); });
}

/** The thread id a WORKER_LOADED message carries, or null for any other message. */
export function loadedThread(message: unknown): number | null {
  if (typeof message !== 'object' || message === null || !(WORKER_LOADED in message)) return null;
  const id = (message as Record<string, unknown>)[WORKER_LOADED];
  return typeof id === 'number' ? id : null;
}
