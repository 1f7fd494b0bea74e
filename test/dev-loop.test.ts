// Setup: mocha and tsc as a developer runs them, in the repository (after the build `npm test` does).
// Expect: `npx mocha <one file>` runs that file's tests only; building again with nothing changed
//   emits no file (tsc builds incrementally, so `npm ci` then `npm test` compiles the project once).
// Replay: npx tsc -p . && npx mocha dist/test/dev-loop.test.js
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './cli/run-cli.js';

function node(args: readonly string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('the developer loop', function () {
  this.timeout(120_000);

  it('npx mocha <one file> runs the tests of that file and no other', () => {
    const file = join(ROOT, 'dist/test/protocols/diembft/hash.test.js');
    const r = node([join(ROOT, 'node_modules/mocha/bin/mocha.js'), '--dry-run', '--reporter', 'json', file]);
    expect(r.code, r.stderr).to.equal(0);
    const report = JSON.parse(r.stdout) as { tests: { file: string }[] };
    expect(report.tests.length).to.be.at.least(1);
    expect([...new Set(report.tests.map((t) => t.file))]).to.deep.equal([file]);
  });

  it('a second build with no source change emits nothing', () => {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const first = node([tsc, '-p', 'tsconfig.json']);
    expect(first.code, first.stdout).to.equal(0);
    const second = node([tsc, '-p', 'tsconfig.json', '--listEmittedFiles']);
    expect(second.code, second.stdout).to.equal(0);
    expect(second.stdout.split('\n').filter((l) => l.startsWith('TSFILE:'))).to.deep.equal([]);
  });
});
