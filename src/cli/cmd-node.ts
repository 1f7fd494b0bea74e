// `twins node <cluster-config> --id <i>` (docs/network.md): runs node i of a cluster in this process
// until SIGINT or SIGTERM, then stops cleanly (connections closed, files flushed) and exits 0.
import type { Command } from 'commander';
import { loadClusterConfig, nodeDir, readPublicKeys, type ClusterConfig } from '../net/cluster-config.js';
import { BYZANTINE_MODES, isByzantineMode, type ByzantineMode } from '../net/byzantine.js';
import { findProtocol, protocolNames } from '../protocols/registry.js';
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
    .option('--protocol <name>', 'the protocol to run (default: the config\'s; every node must run the same)')
    .option('--byzantine <mode>', `misbehave on purpose: ${BYZANTINE_MODES.join(', ')} (default: the node's entry in the config)`)
    .option('--byzantine-seed <seed>', 'seed of a Byzantine node\'s random draws (default: the config\'s, else its public key)')
    .action(async (file: string, flags: NodeFlags) => {
      process.exitCode = await nodeCommand(file, flags.id, flags.listen, flags);
    });
}

interface NodeFlags {
  readonly id: string;
  readonly listen?: string;
  readonly protocol?: string;
  readonly byzantine?: string;
  readonly byzantineSeed?: string;
}

/** The protocol and Byzantine mode node `id` runs: the flags where given, else the config's. */
function nodeRole(config: ClusterConfig, id: number, flags: Partial<NodeFlags>):
  { protocol: string; byzantine: ByzantineMode; byzantineSeed?: string } {
  const protocol = flags.protocol ?? config.protocol;
  if (findProtocol(protocol) === undefined) {
    throw new UserError(null, null, `--protocol: unknown protocol '${protocol}'; known: ${protocolNames().join(', ')}`);
  }
  const byzantine = flags.byzantine ?? config.nodes[id]!.byzantine;
  if (!isByzantineMode(byzantine)) {
    throw new UserError(null, null, `--byzantine must be one of ${BYZANTINE_MODES.join(', ')}, got '${byzantine}'`);
  }
  const byzantineSeed = flags.byzantineSeed ?? config.nodes[id]!.byzantineSeed;
  return byzantineSeed === undefined ? { protocol, byzantine } : { protocol, byzantine, byzantineSeed };
}

export async function nodeCommand(file: string, idText: string, listen?: string,
  flags: Partial<NodeFlags> = {}): Promise<number> {
  const config = loadClusterConfig(file, readInputText(file, 'cluster config'));
  const id = Number(idText);
  if (!Number.isInteger(id) || id < 0 || id >= config.nodes.length) {
    throw new UserError(null, null, `--id must be an integer from 0 to ${config.nodes.length - 1}, got '${idText}'`);
  }
  const role = nodeRole(config, id, flags);
  const dir = nodeDir(config, id);
  const key = loadOrCreateKey(dir);
  const publicKeys = readPublicKeys(config);
  if (publicKeys[id] !== key.publicKey) {
    throw new UserError(`${dir}/node-key.json`, null, `this key is not node ${id}'s in the public key list`);
  }
  const host = new NodeHost({ id, ...role, service: config.service, chainSeed: config.chainSeed,
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
  const misbehaving = role.byzantine === 'none' ? '' : ` (byzantine: ${role.byzantine})`;
  process.stdout.write(`node ${id} up on port ${port}${misbehaving}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await host.stop();
  process.stdout.write(`node ${id} stopped\n`);
  return 0;
}
