// A process for test/cli/pool-stop.test.ts: starts a pool of two threads running the production
// worker module (`exec` or `fuzz`, argv[2]), waits argv[3] milliseconds, stops the pool, and prints
// how many threads had said their modules were loaded by the time it stopped.
import { loadedThread } from '../../src/cli/worker-loaded.js';
import { startThreads, stopThreads } from '../../src/cli/worker-pool.js';

const worker = process.argv[2] === 'fuzz' ? 'fuzz-worker.js' : 'exec-worker.js';
const pool = startThreads(new URL(`../../src/cli/${worker}`, import.meta.url).href, 2, 1);
let loaded = 0;
pool.on('message', (message: unknown) => { if (loadedThread(message) !== null) loaded++; });
await new Promise((resolve) => { setTimeout(resolve, Number(process.argv[3] ?? 0)); });
await stopThreads(pool);
process.stdout.write(`${loaded}\n`);
