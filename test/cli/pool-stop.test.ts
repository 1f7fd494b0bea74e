// Setup: eight child processes that each start a pool of two worker threads (the exec or the fuzz
//   worker module) and stop it at once or after 50 to 300 milliseconds, while the threads still load
//   their modules; all run at the same time, so the loads end at varied moments.
// Expect: every child exits with code 0, writes nothing on stderr, and saw both threads say their
//   modules were loaded before the pool ended them. Terminating a thread in the middle of loading
//   can make V8 abort the whole process (exit 134, "CreateRequiredModuleFacade"), so the pool waits
//   for that message (src/cli/worker-pool.ts).
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./pool-stop-child.js', import.meta.url));

interface Exit {
  readonly args: string; readonly code: number | null; readonly signal: string | null; readonly stdout: string; readonly stderr: string;
}

function child(worker: string, delayMs: number): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CHILD, worker, String(delayMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    p.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    p.on('error', reject);
    p.on('close', (code, signal) => { resolve({ args: `${worker} ${delayMs}`, code, signal, stdout, stderr }); });
  });
}

describe('worker pools stop cleanly while their threads load', function () {
  it('children that start and stop a pool at once or during loading all exit 0', async () => {
    const runs: Promise<Exit>[] = [];
    for (const delayMs of [0, 50, 150, 300]) {
      for (const worker of ['exec', 'fuzz']) runs.push(child(worker, delayMs));
    }
    const exits = await Promise.all(runs);
    expect(exits.filter((e) => e.code !== 0 || e.stderr !== '' || e.stdout !== '2\n')).to.deep.equal([]);
  });
});
