// Setup: the shipped wallet config for reply_at_execution (one scenario run with the bug and without:
// four replicas, wallet clients with the three workloads) run by `twins exec --ledgers`, and its
// finding replayed with `twins replay --ledgers`.
// Expect: one file per replica per case and scenario, one JSON line per committed entry at heights
// 1, 2, ... carrying the requests and their results; the replicas' files are identical on the correct
// protocol; replay writes the same files as exec for the same scenario; a folder that cannot be
// written gives exit 2, one message, and nothing written.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, twins } from './run-cli.js';
import { tempDir } from '../temp-dir.js';

const DIR = tempDir('twins-ledgers-');
const CONFIG = join(ROOT, 'executor-configs/wallet_reply_at_execution.json');

interface Entry { height: number; round: number; blockId: string; requests: { client: string; seq: number }[]; results: string[] }

function entries(file: string): Entry[] {
  return readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Entry);
}

describe('per-replica ledgers on disk (--ledgers)', function () {
  this.timeout(120_000);
  const ledgers = join(DIR, 'ledgers');
  before(() => {
    const r = twins(['exec', CONFIG, '--quiet', '--workers', '1', '--reports', join(DIR, 'reports'), '--ledgers', ledgers]);
    expect(r.code, r.stderr).to.equal(0);
  });

  it('exec writes <dir>/<case>/<index>/<replica>.jsonl, one line per committed entry in height order', () => {
    expect(readdirSync(ledgers).sort()).to.deep.equal(['bug', 'no_bug']);
    for (const c of ['bug', 'no_bug']) {
      expect(readdirSync(join(ledgers, c))).to.deep.equal(['0']);
      expect(readdirSync(join(ledgers, c, '0')).sort()).to.deep.equal(['a.jsonl', 'b.jsonl', 'c.jsonl', 'd.jsonl']);
      const a = entries(join(ledgers, c, '0', 'a.jsonl'));
      expect(a.length).to.be.greaterThan(3);
      expect(a.map((e) => e.height)).to.deep.equal(a.map((_, i) => i + 1));
      for (const e of a) expect(e.results.length, `height ${e.height}`).to.equal(e.requests.length);
      expect(a.some((e) => e.requests.some((q) => q.client === 'c1')), 'client requests are in the ledger').to.equal(true);
    }
  });

  it('on the correct protocol every replica\'s ledger file is the same', () => {
    const texts = ['a', 'b', 'c', 'd'].map((r) => readFileSync(join(ledgers, 'no_bug', '0', `${r}.jsonl`), 'utf8'));
    for (const t of texts) expect(t).to.equal(texts[0]);
  });

  it('replay --ledgers writes the files exec wrote for the same scenario', () => {
    const out = join(DIR, 'replayed');
    const r = twins(['replay', join(DIR, 'reports', 'wallet_reply_at_execution', 'findings.jsonl') + ':1', '--quiet', '--ledgers', out]);
    expect(r.code, r.stderr).to.equal(0);
    for (const name of ['a', 'b', 'c', 'd']) {
      expect(readFileSync(join(out, `${name}.jsonl`), 'utf8'), name)
        .to.equal(readFileSync(join(ledgers, 'bug', '0', `${name}.jsonl`), 'utf8'));
    }
  });

  it('a folder that cannot be created: exit 2, one message naming it, nothing written', () => {
    const reports = join(DIR, 'reports-bad');
    const r = twins(['exec', CONFIG, '--quiet', '--workers', '1', '--reports', reports, '--ledgers', '/proc/ledgers']);
    expect(r.code).to.equal(2);
    expect(r.stderr.trim().split('\n')).to.have.length(1);
    expect(r.stderr).to.match(/^error: \/proc\/ledgers: cannot write under \/proc/);
    expect(existsSync(join(reports, 'wallet_reply_at_execution'))).to.equal(false);
  });
});
