// `twins node` flags and the per-node config fields of docs/network.md: an unknown protocol or
// Byzantine mode, from a flag or the config, is refused with one clear message and exit 2.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { twins } from '../cli/run-cli.js';
import { tempDir } from '../temp-dir.js';

function config(nodes: unknown[]): string {
  const file = join(tempDir('twins-node-flags-'), 'cluster.json');
  writeFileSync(file, JSON.stringify({ chainSeed: 's', dataDir: 'data', nodes }));
  return file;
}

describe('net: twins node flags', () => {
  it('refuses an unknown --byzantine mode', () => {
    const r = twins(['node', config([{ port: 7001 }]), '--id', '0', '--byzantine', 'loud']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.equal('error: --byzantine must be one of none, wrong-replies, silent, got \'loud\'\n');
  });

  it('refuses an unknown --protocol', () => {
    const r = twins(['node', config([{ port: 7001 }]), '--id', '0', '--protocol', 'raft']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/^error: --protocol: unknown protocol 'raft'; known: diembft, pbft/);
  });

  it('refuses a bad byzantine mode in the config, naming the file and the JSON path', () => {
    const file = config([{ port: 7001 }, { port: 7002, byzantine: 'liar' }]);
    const r = twins(['node', file, '--id', '0']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include(`${file}: $.nodes[1].byzantine`);
    expect(r.stderr).to.not.include('    at ');
  });
});
