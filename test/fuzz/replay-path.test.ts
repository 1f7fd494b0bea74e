// `twins fuzz --path`: the fast-check replay line printed after a failure re-finds the same failure
// without writing into the regression folder unless --save asks for it, and a path without the seed
// that printed it is bad input.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { twins } from '../cli/run-cli.js';
import { tempDir } from '../temp-dir.js';

const ALL_RANDOM = 'generator-configs/all_random.json';

describe('twins fuzz --path (a replay)', function () {
  this.timeout(120_000);

  it('re-finds the failure and writes no regression file; with --save it writes the same file', () => {
    const dir = tempDir('twins-fuzz-path-');
    const reports = join(dir, 'reports');
    const first = twins(['fuzz', ALL_RANDOM, '--bugs', 'conflicting_votes', '--seed', '7', '--out', join(dir, 'a'),
      '--reports', reports, '--quiet', '--workers', '1']);
    expect(first.code).to.equal(1);
    const replay = /fast-check replay: npx twins (.*)$/m.exec(first.stdout)![1]!.split(' ');
    expect(replay).to.include('--seed').and.to.include('--path');
    const again = twins([...replay, '--out', join(dir, 'b'), '--reports', reports, '--quiet']);
    expect(again.code, again.stderr).to.equal(1);
    expect(again.stdout).to.contain('violation: safety.one-vote-per-round');
    expect(existsSync(join(dir, 'b'))).to.equal(false);
    const saved = twins([...replay, '--out', join(dir, 'c'), '--reports', reports, '--quiet', '--save']);
    expect(saved.code).to.equal(1);
    expect(readdirSync(join(dir, 'c'))).to.deep.equal(readdirSync(join(dir, 'a')));
  });

  it('--path without --seed is bad input: exit 2, one message, no file written', () => {
    const dir = tempDir('twins-fuzz-path-');
    const r = twins(['fuzz', ALL_RANDOM, '--bugs', 'conflicting_votes', '--path', '3:0', '--out', dir,
      '--reports', join(dir, 'reports')]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.equal('error: --path: needs --seed: a replay path only means something with the seed of the run that printed it\n');
    expect(readdirSync(dir)).to.deep.equal([]);
  });
});
