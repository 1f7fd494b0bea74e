// `twins gateway <cluster-config>` (docs/network.md): serves the wallet over REST as one client of the
// cluster, accepting results only with f+1 vouched replies, until SIGINT or SIGTERM.
// `twins gateway --openapi` prints the gateway's OpenAPI description (docs/openapi.json) and exits.
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { protocolNamed } from '../protocols/registry.js';
import { loadClusterConfig, readPublicKeys } from '../net/cluster-config.js';
import { buildGateway, openApiDocument } from '../net/gateway.js';
import { NetClient } from '../net/net-client.js';
import { UserError } from './errors.js';
import { readInputText } from './input-file.js';

interface Flags { port?: string; listen?: string; openapi?: boolean }

export function register(program: Command): void {
  program.command('gateway')
    .description('serve the wallet of a running cluster over REST')
    .argument('[cluster-config]', 'cluster config JSON (schemas/cluster-config.schema.json)')
    .option('--port <n>', 'HTTP port (default 8080; 0: any free port)')
    .option('--listen <host>', 'address to listen on (default 127.0.0.1)')
    .option('--openapi', 'print the OpenAPI description of the gateway and exit')
    .action(async (file: string | undefined, flags: Flags) => {
      process.exitCode = await gatewayCommand(file, flags);
    });
}

export async function gatewayCommand(file: string | undefined, flags: Flags): Promise<number> {
  if (flags.openapi === true) {
    process.stdout.write(`${JSON.stringify(await openApiDocument(), null, 2)}\n`);
    return 0;
  }
  if (file === undefined) throw new UserError(null, null, 'missing the cluster config: twins gateway <cluster-config>');
  const config = loadClusterConfig(file, readInputText(file, 'cluster config'));
  const portText = flags.port ?? '8080';
  const listen = flags.listen ?? '127.0.0.1';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new UserError(null, null, `--port must be an integer from 0 to 65535, got '${portText}'`);
  }
  const { f } = protocolNamed(config.protocol).thresholds(config.nodes.length);
  // A fresh client name per start: request numbers start again at 1 and must not look like replays.
  const net = new NetClient(`gateway-${randomBytes(8).toString('hex')}`, config.nodes, readPublicKeys(config), f + 1);
  const app = await buildGateway(net);
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
  process.stdout.write('gateway stopped\n');
  return 0;
}
