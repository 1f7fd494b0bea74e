// `twins cluster <cluster-config>` (docs/network.md): generates missing node keys into the data
// folder, starts one `twins node` process per node of the config on this machine, waits until every
// node is up, and on SIGINT or SIGTERM stops them all and exits 0. A node that exits on its own
// stops the cluster with exit code 1.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ensureKeys, loadClusterConfig } from '../net/cluster-config.js';
import { readInputText } from './input-file.js';

const MAIN = fileURLToPath(new URL('./main.js', import.meta.url));

export function register(program: Command): void {
  program.command('cluster')
    .description('start every node of a cluster config on this machine until Ctrl-C')
    .argument('<cluster-config>', 'cluster config JSON (schemas/cluster-config.schema.json)')
    .action(async (file: string) => {
      process.exitCode = await clusterCommand(file);
    });
}

export async function clusterCommand(file: string): Promise<number> {
  const config = loadClusterConfig(file, readInputText(file, 'cluster config'));
  ensureKeys(config);
  const children: ChildProcess[] = [];
  let stopping = false;
  const exits: Promise<void>[] = [];
  const result = new Promise<number>((resolve) => {
    const stop = (code: number): void => {
      if (stopping) return;
      stopping = true;
      for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
      void Promise.all(exits).then(() => resolve(code));
    };
    process.once('SIGINT', () => stop(0));
    process.once('SIGTERM', () => stop(0));
    let up = 0;
    config.nodes.forEach((_, i) => {
      const child = spawn(process.execPath, [MAIN, 'node', file, '--id', String(i)], { stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      exits.push(new Promise((r) => child.once('exit', () => r())));
      child.once('exit', (code) => {
        if (stopping) return;
        process.stderr.write(`node ${i} exited with code ${code ?? 'null'}; stopping the cluster\n`);
        stop(1);
      });
      child.stdout!.setEncoding('utf8').on('data', (text: string) => {
        process.stdout.write(text);
        if (/ up on port /.test(text) && ++up === config.nodes.length) {
          process.stdout.write(`cluster up: ${up} nodes (pids ${children.map((c) => c.pid).join(' ')}); Ctrl-C stops it\n`);
        }
      });
    });
  });
  const code = await result;
  process.stdout.write('cluster stopped\n');
  return code;
}
