// The CI sample of `npm run mutate` (docs/bugs.md "Mutation score"): Stryker mutates a few fixed
// places of the DiemBFT rule code (mutation/targets.ts SAMPLE_PLACES, named by function and text) in a sandbox under a
// temporary folder, and the tool's own search (mutation/check.ts) must kill exactly the mutants the
// sample says it kills and let the known survivors through. The full run is `npm run mutate`.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SAMPLE, SAMPLE_PLACES, sampleRanges } from '../../mutation/targets.js';
import { tempDir } from '../temp-dir.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface SummaryMutant {
  readonly key: string;
  readonly status: string;
  readonly killedBy: string | null;
}

describe('npm run mutate -- --sample (a fixed sample of mutants, judged by the tool\'s own search)', function () {
  this.timeout(600_000);

  it('names a handful of mutants, each either killed or a known survivor', () => {
    expect(SAMPLE_PLACES.length).to.be.within(1, 6);
    expect(sampleRanges(ROOT)).to.have.length(SAMPLE_PLACES.length);
    expect(SAMPLE.length).to.be.within(3, 10);
    expect(SAMPLE.filter((m) => m.expect === 'killed').length).to.be.greaterThan(SAMPLE.length / 2);
  });

  it('kills the mutants it must kill and no others, writing only into its temporary folders', async () => {
    const dir = tempDir('twins-mutate-');
    const report = join(dir, 'report');
    await promisify(execFile)(process.execPath, ['dist/mutation/run.js', '--sample', '--concurrency', '1',
      '--temp-dir', join(dir, 'sandbox'), '--report-dir', report], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    const mutants = (JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8')) as { mutants: SummaryMutant[] }).mutants;
    const got = Object.fromEntries(mutants.map((m) => [m.key, m.status === 'Killed' || m.status === 'Timeout' ? 'killed'
      : m.status === 'Survived' ? 'survived' : m.status]));
    expect(got).to.deep.equal(Object.fromEntries(SAMPLE.map((m) => [m.key, m.expect])));
    for (const m of mutants.filter((x) => x.status === 'Killed')) expect(m.killedBy, m.key).to.match(/^(configs|fuzz|a crash): /);
  });
});
