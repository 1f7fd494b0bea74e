// `twins loadtest` (docs/network.md): bad flags and configs are refused with one message, exit 2 and
// no report; a two-second run of one configuration starts its cluster, measures, stops it, and
// writes a JSON report whose numbers hang together and a self-contained HTML page with charts.
import { expect } from 'chai';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as hdr from 'hdr-histogram-js';
import { twins } from '../cli/run-cli.js';
import { tempDir } from '../temp-dir.js';
import type { LoadtestReport } from '../../src/cli/loadtest-report.js';

describe('net: twins loadtest', function () {
  this.timeout(90_000);

  const refused: [string[], RegExp][] = [
    [['--clients', '0'], /^error: --clients must be an integer from 1 to 64, got '0'\n$/],
    [['--duration', '2s'], /^error: --duration must be an integer from 1 to 3600, got '2s'\n$/],
    [['--configs', 'f1,f2'], /^error: --configs: unknown 'f2'; known: f0, f1, f1-wrong-replies\n$/],
    [['--protocols', 'pbft,pbft'], /^error: --protocols names an entry twice: 'pbft,pbft'\n$/],
    [['--protocols', 'raft'], /^error: --protocols: unknown 'raft'; known: diembft, pbft/],
  ];
  for (const [flags, message] of refused) {
    it(`refuses ${flags.join(' ')} with exit 2 and writes nothing`, () => {
      const out = join(tempDir('twins-loadtest-bad-'), 'out');
      const r = twins(['loadtest', ...flags, '--out', out]);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(message);
      expect(existsSync(out)).to.equal(false);
    });
  }

  it('refuses a bad --cluster-config, naming the file and the JSON path', () => {
    const dir = tempDir('twins-loadtest-bad-');
    const file = join(dir, 'cluster.json');
    writeFileSync(file, JSON.stringify({ chainSeed: 's', dataDir: 'd', tickMs: 0, nodes: [{ port: 1 }] }));
    const r = twins(['loadtest', '--cluster-config', file, '--out', join(dir, 'out')]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include(`${file}: $.tickMs`);
    expect(r.stderr).to.not.include('    at ');
    expect(existsSync(join(dir, 'out'))).to.equal(false);
  });

  it('runs a short load on a PBFT cluster with a wrong-replies node and writes the JSON and HTML report', () => {
    const out = join(tempDir('twins-loadtest-'), 'out');
    const r = twins(['loadtest', '--duration', '2', '--protocols', 'pbft', '--configs', 'f1-wrong-replies',
      '--clients', '2', '--wallets', '3', '--out', out]);
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(0);
    const report = JSON.parse(readFileSync(join(out, 'loadtest.json'), 'utf8')) as LoadtestReport;
    expect(report.command).to.include('twins loadtest --duration 2');
    expect(report.settings).to.include({ durationS: 2, clients: 2, walletsPerClient: 3 });
    expect(report.machine.cpus).to.be.greaterThan(0);
    expect(report.runs).to.have.length(1);
    const run = report.runs[0]!;
    expect(run).to.include({ protocol: 'pbft', configuration: 'f1-wrong-replies', n: 4, f: 1, unexpected: 0, ledgersAgree: true });
    expect(run.byzantine).to.deep.equal(['none', 'none', 'none', 'wrong-replies']);
    expect(run.ok).to.be.greaterThan(0);
    expect(run.liesSent, 'the wrong-replies node lied').to.be.greaterThan(0);
    expect(run.commonHeight).to.be.greaterThan(0);
    expect(run.throughput).to.be.closeTo(run.ok / run.elapsedS, 0.1);
    const h = hdr.decodeFromCompressedBase64(run.histogram);
    expect(h.totalCount).to.equal(run.ok);
    const { p50, p95, p99, max } = run.latencyMs;
    expect(p50).to.be.greaterThan(0);
    expect(p50).to.be.at.most(p95);
    expect(p95).to.be.at.most(p99);
    expect(p99).to.be.at.most(max);
    expect(run.perSecond.reduce((a, b) => a + b, 0)).to.equal(run.ok);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html.match(/<svg /g)).to.have.length(3);
    expect(html).to.include('pbft f1-wrong-replies');
    expect(html).to.include(`<td>${run.throughput}</td>`);
    expect(html).to.not.match(/<script|<link|\ssrc=|\shref=|url\(/);
  });
});
