// `twins gateway <cluster-config>` (docs/network.md): serves the wallet over REST as one client of the
// cluster, accepting results only with f+1 vouched replies, until SIGINT or SIGTERM.
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { protocolNamed } from '../protocols/registry.js';
import { loadClusterConfig, readPublicKeys } from '../net/cluster-config.js';
import { buildGateway } from '../net/gateway.js';
import { NetClient } from '../net/net-client.js';
import { UserError } from './errors.js';
import { readInputText } from './input-file.js';

export function register(program: Command): void {
  program.command('gateway')
    .description('serve the wallet of a running cluster over REST')
    .argument('<cluster-config>', 'cluster config JSON (schemas/cluster-config.schema.json)')
    .option('--port <n>', 'HTTP port (default 8080)')
    .option('--listen <host>', 'address to listen on (default 127.0.0.1)')
    .action(async (file: string, flags: { port?: string; listen?: string }) => {
      process.exitCode = await gatewayCommand(file, flags.port ?? '8080', flags.listen ?? '127.0.0.1');
    });
}

export async function gatewayCommand(file: string, portText: string, listen: string): Promise<number> {
  const config = loadClusterConfig(file, readInputText(file, 'cluster config'));
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError(null, null, `--port must be an integer from 0 to 65535, got '${portText}'`);
  }
  const { f } = protocolNamed(config.protocol).thresholds(config.nodes.length);
  // A fresh client name per start: request numbers start again at 1 and must not look like replays.
  const net = new NetClient(`gateway-${randomBytes(8).toString('hex')}`, config.nodes, readPublicKeys(config), f + 1);
  const app = buildGateway(net);
  try {
    await app.listen({ port, host: listen });
  } catch (err) {
    net.close();
    throw new UserError(null, null, `cannot listen on ${listen}:${port} (${(err as Error).message})`);
  }
  process.stdout.write(`gateway up on http://${listen}:${(app.server.address() as { port: number }).port}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await app.close();
  net.close();
  return 0;
}
