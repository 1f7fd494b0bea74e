// The clusters `twins loadtest` starts (docs/network.md): a cluster config written into a fresh
// temporary data folder, with loopback ports the system reports free, and one `twins node` process
// per node, exactly as `twins cluster` runs them. `stop` ends every process and removes the folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ByzantineMode } from '../net/byzantine.js';
import { ensureKeys, loadClusterConfig } from '../net/cluster-config.js';
import type { PeerAddress } from '../net/node-host.js';

const MAIN = fileURLToPath(new URL('./main.js', import.meta.url));
const UP_WITHIN_MS = 30_000;

/** The timing and crypto fields a load-test cluster takes from the user (or the defaults). */
export interface ClusterBase {
  readonly chainSeed: string;
  readonly crypto: string;
  readonly tickMs: number;
  readonly roundTimeoutTicks: number;
  readonly maxFrameBytes: number;
}

export interface RunningCluster {
  readonly nodes: readonly PeerAddress[];
  readonly publicKeys: readonly string[];
  readonly dataDir: string;
  /** Stops every node; removes the data folder unless `keep`. */
  stop(keep?: boolean): Promise<void>;
}

/** `count` loopback ports the system reports free (listened on with port 0, then released). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(servers.map((s) => new Promise<number>((resolve, reject) => {
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port));
  })));
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Starts one node process per entry of `modes`, running `protocol`; resolves once every node is up. */
export async function startCluster(protocol: string, modes: readonly ByzantineMode[], base: ClusterBase): Promise<RunningCluster> {
  const root = mkdtempSync(join(tmpdir(), 'twins-loadtest-'));
  const ports = await freePorts(modes.length);
  const file = join(root, 'cluster.json');
  writeFileSync(file, JSON.stringify({ ...base, protocol, service: 'wallet', dataDir: 'data',
    nodes: ports.map((port, i) => ({ host: '127.0.0.1', port, byzantine: modes[i], byzantineSeed: `loadtest-${i}` })) }, null, 2));
  const config = loadClusterConfig(file, readFileSync(file, 'utf8'));
  const publicKeys = ensureKeys(config);
  const children = modes.map((_, i) =>
    spawn(process.execPath, [MAIN, 'node', file, '--id', String(i)], { stdio: ['ignore', 'pipe', 'pipe'] }));
  const stop = async (keep = false): Promise<void> => {
    await Promise.all(children.map(stopChild));
    if (!keep) rmSync(root, { recursive: true, force: true });
  };
  try {
    await Promise.all(children.map((c, i) => nodeUp(c, i)));
  } catch (err) {
    await stop();
    throw err;
  }
  return { nodes: config.nodes, publicKeys, dataDir: config.dataDir, stop };
}

/** Resolves when node `i` prints that it is up; rejects when it exits first or takes too long. */
function nodeUp(child: ChildProcess, i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`node ${i} was not up within ${UP_WITHIN_MS} ms`)), UP_WITHIN_MS);
    child.stderr!.setEncoding('utf8').on('data', (t: string) => { err += t; });
    child.stdout!.setEncoding('utf8').on('data', (t: string) => {
      out += t;
      if (/ up on port /.test(out)) { clearTimeout(timer); resolve(); }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node ${i} exited with code ${code ?? 'null'} before it was up: ${err.trim()}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGTERM');
  });
}
