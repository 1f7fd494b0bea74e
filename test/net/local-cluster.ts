// A cluster of node hosts in the test process on ports the system picks (docs/network.md), with a
// protocol and a Byzantine mode per node: the fixture of the Byzantine-mode and PBFT loopback tests.
import { join } from 'node:path';
import type { ByzantineMode } from '../../src/net/byzantine.js';
import { loadOrCreateKey } from '../../src/net/keys.js';
import { NodeHost, type PeerAddress } from '../../src/net/node-host.js';
import { readLines } from '../../src/net/node-files.js';
import { agreed } from '../../src/cli/cmd-loadtest.js';
import { NetClient } from '../../src/net/net-client.js';
import { WalletClient } from '../../src/net/wallet-client.js';
import { tempDir } from '../temp-dir.js';

export interface LocalCluster {
  readonly hosts: NodeHost[];
  readonly addrs: PeerAddress[];
  readonly keys: string[];
  readonly root: string;
  stop(): Promise<void>;
}

export async function startLocalCluster(protocol: string, modes: readonly ByzantineMode[]): Promise<LocalCluster> {
  const root = tempDir(`twins-net-${protocol}-`);
  const keys = modes.map((_, i) => loadOrCreateKey(join(root, `node-${i}`)).publicKey);
  const hosts = modes.map((byzantine, id) => {
    const dir = join(root, `node-${id}`);
    return new NodeHost({ id, protocol, service: 'wallet', chainSeed: `net-${protocol}`, tickMs: 10, crypto: 'mock',
      roundTimeoutTicks: 40, dir, key: loadOrCreateKey(dir), publicKeys: keys, reconnectMs: 50, byzantine,
      byzantineSeed: `test-${id}` });
  });
  const addrs = await Promise.all(hosts.map(async (h) => ({ host: '127.0.0.1', port: await h.listen(0) })));
  for (const h of hosts) h.start(addrs);
  return { hosts, addrs, keys, root, stop: async () => { await Promise.all(hosts.map((h) => h.stop())); } };
}

/** A test's cluster and its wallet clients; `stop` (after each test) closes the clients and the nodes. */
export class ClusterSession {
  private cluster: LocalCluster | null = null;
  private readonly clients: NetClient[] = [];

  async start(protocol: string, modes: readonly ByzantineMode[]): Promise<LocalCluster> {
    this.cluster = await startLocalCluster(protocol, modes);
    return this.cluster;
  }

  /** Connected wallet clients of the running cluster, each accepting on f+1 matching vouched replies. */
  async wallets(...names: string[]): Promise<WalletClient[]> {
    const c = this.cluster!;
    const f = Math.floor((c.addrs.length - 1) / 3);
    const nets = names.map((name) => new NetClient(name, c.addrs, c.keys, f + 1));
    this.clients.push(...nets);
    await Promise.all(nets.map((n) => n.connected()));
    return nets.map((n) => new WalletClient(n));
  }

  async stop(): Promise<void> {
    for (const c of this.clients.splice(0)) c.close();
    await this.cluster?.stop();
    this.cluster = null;
  }
}

export function ledgerOf(c: LocalCluster, id: number): string[] {
  return readLines(join(c.root, `node-${id}`, 'ledger.jsonl'));
}

export function eventsOf(c: LocalCluster, id: number): Record<string, unknown>[] {
  return readLines(join(c.root, `node-${id}`, 'events.jsonl')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

export async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until the given nodes' ledgers reach node `ref`'s height, then returns their common prefixes,
 * each line without its round (`agreed`: a PBFT node records the view it committed in).
 */
export async function sameLedgers(c: LocalCluster, nodes: readonly number[], ref = nodes[0]!): Promise<string[][]> {
  const height = ledgerOf(c, ref).length;
  await until('the ledgers to reach the same height', () => nodes.every((i) => ledgerOf(c, i).length >= height));
  return nodes.map((i) => ledgerOf(c, i).slice(0, height).map(agreed));
}
