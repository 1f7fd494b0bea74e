// The network mode on loopback (docs/network.md): four node hosts in this process, each with its own
// data folder and node key, on ports the system picks; a wallet client that accepts only f+1
// matching, node-vouched replies; a node stopped and restarted from its files catches up.
import { expect } from 'chai';
import { join } from 'node:path';
import { NodeHost, type PeerAddress } from '../../src/net/node-host.js';
import { loadOrCreateKey } from '../../src/net/keys.js';
import { readLines } from '../../src/net/node-files.js';
import { NetClient } from '../../src/net/net-client.js';
import { WalletClient } from '../../src/net/wallet-client.js';
import { walletKeyPair } from '../../src/services/wallet/wallet-keys.js';
import { tempDir } from '../temp-dir.js';

const N = 4;
const F = 1;

interface Cluster { hosts: NodeHost[]; addrs: PeerAddress[]; keys: string[]; root: string }

function host(root: string, id: number, keys: readonly string[]): NodeHost {
  const dir = join(root, `node-${id}`);
  return new NodeHost({ id, protocol: 'diembft', service: 'wallet', chainSeed: 'net-test', tickMs: 10, crypto: 'mock',
    roundTimeoutTicks: 40, dir, key: loadOrCreateKey(dir), publicKeys: keys, reconnectMs: 50 });
}

async function startCluster(): Promise<Cluster> {
  const root = tempDir('twins-net-');
  const keys = Array.from({ length: N }, (_, i) => loadOrCreateKey(join(root, `node-${i}`)).publicKey);
  const hosts = keys.map((_, i) => host(root, i, keys));
  const addrs = await Promise.all(hosts.map(async (h) => ({ host: '127.0.0.1', port: await h.listen(0) })));
  for (const h of hosts) h.start(addrs);
  return { hosts, addrs, keys, root };
}

function ledger(root: string, id: number): string[] {
  return readLines(join(root, `node-${id}`, 'ledger.jsonl'));
}

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('net: a four-node loopback cluster', function () {
  this.timeout(50_000);
  let cluster: Cluster;
  const clients: NetClient[] = [];

  before(async () => { cluster = await startCluster(); });
  after(async () => {
    for (const c of clients) c.close();
    await Promise.all(cluster.hosts.map((h) => h.stop()));
  });

  it('completes transfers with f+1 vouched replies, and every node writes the same ledger', async () => {
    const netA = new NetClient('alice', cluster.addrs, cluster.keys, F + 1);
    const netB = new NetClient('bob', cluster.addrs, cluster.keys, F + 1);
    clients.push(netA, netB);
    await Promise.all([netA.connected(), netB.connected()]);
    const alice = new WalletClient(netA);
    const bob = new WalletClient(netB);
    const created = await alice.create(walletKeyPair('wallet-minter'), 100);
    expect(created.result).to.equal('ok');
    expect(created.vouchedBy.length).to.be.at.least(F + 1);
    expect((await alice.transfer(bob.walletId, 30)).result).to.equal('ok');
    expect((await alice.transfer(bob.walletId, 80)).result).to.equal('refused: insufficient funds');
    expect(await alice.balance()).to.equal(70);
    expect(await bob.balance(bob.walletId)).to.equal(30);
    const height = JSON.parse(ledger(cluster.root, 0).at(-1)!).height as number;
    await until('every ledger at the same height', () =>
      [0, 1, 2, 3].every((i) => ledger(cluster.root, i).length >= height));
    const prefix = (i: number) => ledger(cluster.root, i).slice(0, height);
    for (let i = 1; i < N; i++) expect(prefix(i)).to.deep.equal(prefix(0));
  });

  it('restarts a stopped node from its files; it catches up and its ledger agrees', async () => {
    await cluster.hosts[3]!.stop();
    const before = ledger(cluster.root, 3).length;
    const net = new NetClient('carol', cluster.addrs, cluster.keys, F + 1);
    clients.push(net);
    await net.connected().catch(() => undefined);
    const carol = new WalletClient(net);
    expect((await carol.create(walletKeyPair('wallet-minter'), 5)).result).to.equal('ok');
    const restarted = host(cluster.root, 3, cluster.keys);
    await restarted.listen(cluster.addrs[3]!.port);
    restarted.start(cluster.addrs);
    cluster.hosts[3] = restarted;
    const target = ledger(cluster.root, 0).length;
    await until('node 3 to catch up', () => ledger(cluster.root, 3).length >= target);
    expect(ledger(cluster.root, 3).length).to.be.greaterThan(before);
    expect(ledger(cluster.root, 3).slice(0, target)).to.deep.equal(ledger(cluster.root, 0).slice(0, target));
  });
});
