// `twins node <cluster-config> --id <i>` (docs/network.md): runs node i of a cluster in this process
// until SIGINT or SIGTERM, then stops cleanly (connections closed, files flushed) and exits 0.
import type { Command } from 'commander';
import { loadClusterConfig, nodeDir, readPublicKeys } from '../net/cluster-config.js';
import { loadOrCreateKey } from '../net/keys.js';
import { NodeHost } from '../net/node-host.js';
import { UserError } from './errors.js';
import { readInputText } from './input-file.js';

export function register(program: Command): void {
  program.command('node')
    .description('run one replica of a cluster config as a network node')
    .argument('<cluster-config>', 'cluster config JSON (schemas/cluster-config.schema.json)')
    .requiredOption('--id <i>', 'this node\'s index in the config\'s nodes')
    .option('--listen <host>', 'address to listen on (default: the node\'s host in the config)')
    .action(async (file: string, flags: { id: string; listen?: string }) => {
      process.exitCode = await nodeCommand(file, flags.id, flags.listen);
    });
}

export async function nodeCommand(file: string, idText: string, listen?: string): Promise<number> {
  const config = loadClusterConfig(file, readInputText(file, 'cluster config'));
  const id = Number(idText);
  if (!Number.isInteger(id) || id < 0 || id >= config.nodes.length) {
    throw new UserError(null, null, `--id must be an integer from 0 to ${config.nodes.length - 1}, got '${idText}'`);
  }
  const dir = nodeDir(config, id);
  const key = loadOrCreateKey(dir);
  const publicKeys = readPublicKeys(config);
  if (publicKeys[id] !== key.publicKey) {
    throw new UserError(`${dir}/node-key.json`, null, `this key is not node ${id}'s in the public key list`);
  }
  const host = new NodeHost({ id, protocol: config.protocol, service: config.service, chainSeed: config.chainSeed,
    crypto: config.crypto, tickMs: config.tickMs, roundTimeoutTicks: config.roundTimeoutTicks, dir, key, publicKeys,
    maxFrameBytes: config.maxFrameBytes });
  const self = config.nodes[id]!;
  let port: number;
  try {
    port = await host.listen(self.port, listen ?? self.host);
  } catch (err) {
    await host.stop();
    throw new UserError(file, `$.nodes[${id}]`, `cannot listen on ${self.host}:${self.port} (${(err as Error).message})`);
  }
  host.start(config.nodes);
  process.stdout.write(`node ${id} up on port ${port}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await host.stop();
  process.stdout.write(`node ${id} stopped\n`);
  return 0;
}
