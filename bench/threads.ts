// Two copies of a workload on two bare worker threads of one process, to tell the machine's own
// parallel capacity from the cost of `twins exec`'s pool (compare with two `workload.js` processes
// started at once, and with one alone):
//   node dist/bench/threads.js [W1|W2] [scenarios per thread]
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { runWorkload, type WorkloadResult } from './workload.js';

if (isMainThread) {
  const [name = 'W1', count = '5000'] = process.argv.slice(2);
  const start = performance.now();
  const results = await Promise.all([0, 1].map(() => new Promise<WorkloadResult>((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { name, count: Number(count) } });
    worker.once('message', resolve);
    worker.once('error', reject);
  })));
  process.stdout.write(JSON.stringify({ workload: name, threads: results.map((r) => Math.round(r.perSecond)),
    total: Math.round(results.reduce((sum, r) => sum + r.perSecond, 0)), seconds: (performance.now() - start) / 1000 }) + '\n');
} else {
  const { name, count } = workerData as { name: string; count: number };
  parentPort!.postMessage(runWorkload(name, count));
}
