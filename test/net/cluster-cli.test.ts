// `twins cluster` (docs/network.md): four `twins node` processes from one config, keys generated on
// first start, transfers accepted with f+1 vouched replies, identical ledgers, and a clean stop on
// SIGINT that leaves no node running; a bad config is refused with its file and JSON path.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLines } from '../../src/net/node-files.js';
import { NetClient } from '../../src/net/net-client.js';
import { WalletClient } from '../../src/net/wallet-client.js';
import { walletKeyPair } from '../../src/services/wallet/wallet-keys.js';
import { twins } from '../cli/run-cli.js';
import { tempDir } from '../temp-dir.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** Ports the system reports free (listened on with port 0, then released). */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(servers.map((s) => new Promise<number>((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port)))));
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('net: twins cluster', function () {
  this.timeout(55_000);

  it('refuses a config with a bad field, naming the file and the JSON path', () => {
    const dir = tempDir('twins-cluster-bad-');
    const file = join(dir, 'cluster.json');
    writeFileSync(file, JSON.stringify({ chainSeed: 's', dataDir: 'data', nodes: [{ port: 70000 }] }));
    const r = twins(['cluster', file]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include(`${file}: $.nodes[0].port`);
    expect(r.stderr).to.not.include('    at ');
    expect(existsSync(join(dir, 'data'))).to.equal(false);
  });

  it('runs four nodes, serves transfers, and stops every node on SIGINT', async () => {
    const dir = tempDir('twins-cluster-');
    const file = join(dir, 'cluster.json');
    const ports = await freePorts(4);
    writeFileSync(file, JSON.stringify({ chainSeed: 'cli-test', crypto: 'mock', tickMs: 10, roundTimeoutTicks: 40,
      dataDir: 'data', nodes: ports.map((port) => ({ host: '127.0.0.1', port })) }));
    const child = spawn(process.execPath, [MAIN, 'cluster', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => { out += t; });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    let net: NetClient | null = null;
    try {
      const end = Date.now() + 20_000;
      while (!out.includes('cluster up: 4 nodes') && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      expect(out).to.include('cluster up: 4 nodes');
      const keys = JSON.parse(readLines(join(dir, 'data', 'public-keys.json')).join('')) as string[];
      expect(keys).to.have.length(4);
      net = new NetClient('dave', ports.map((port) => ({ host: '127.0.0.1', port })), keys, 2);
      await net.connected();
      const dave = new WalletClient(net);
      expect((await dave.create(walletKeyPair('wallet-minter'), 9)).result).to.equal('ok');
      expect((await dave.transfer(walletKeyPair('someone').id, 4)).result).to.equal('ok');
      expect(await dave.balance()).to.equal(5);
    } finally {
      net?.close();
      child.kill('SIGINT');
    }
    expect(await exited).to.equal(0);
    const pids = /pids ([\d ]+)\)/.exec(out)![1]!.split(' ').map(Number);
    expect(pids.filter(alive)).to.deep.equal([]);
    const ledgers = [0, 1, 2, 3].map((i) => readLines(join(dir, 'data', `node-${i}`, 'ledger.jsonl')));
    const common = Math.min(...ledgers.map((l) => l.length));
    expect(common).to.be.greaterThan(0);
    for (const l of ledgers) expect(l.slice(0, common)).to.deep.equal(ledgers[0]!.slice(0, common));
  });
});
