// Setup: the repository's .gitignore, asked through `git check-ignore`.
// Expect: what the tools generate in a clone (each shipped generator config's .jsonl output, reports,
//   the build, an `npm pack` tarball) is ignored; the shipped configs and scenarios are not.
// Replay: npx tsc -p . && npx mocha dist/test/gitignore.test.js
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGeneratorConfig } from '../src/gen/parse-config.js';
import { ROOT } from './cli/run-cli.js';

function ignored(path: string): boolean {
  const r = spawnSync('git', ['check-ignore', '--no-index', '-q', path], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`git check-ignore failed: ${r.stderr}`);
  return r.status === 0;
}

describe('.gitignore', () => {
  it('ignores the scenario file each shipped generator config writes', () => {
    const configs = readdirSync(join(ROOT, 'generator-configs')).filter((f) => f.endsWith('.json'));
    expect(configs.length).to.be.at.least(1);
    for (const file of configs) {
      const config = parseGeneratorConfig(readFileSync(join(ROOT, 'generator-configs', file), 'utf8'), file);
      expect(ignored(config.output), config.output).to.equal(true);
    }
  });

  it('ignores reports, the build and a packed tarball; keeps the shipped files', () => {
    for (const path of ['reports/main/summary.json', 'dist/src/index.js', 'twins-diembft-0.1.0.tgz']) {
      expect(ignored(path), path).to.equal(true);
    }
    for (const path of ['scenarios/small_quorum.json', 'scenarios/regression/x.json', 'executor-configs/main.json']) {
      expect(ignored(path), path).to.equal(false);
    }
  });

  it('ignores the mutation run\'s sandbox and reports; keeps its survivor classification', () => {
    for (const path of ['.stryker-tmp/sandbox-x/package.json', 'reports/mutation/summary.json']) {
      expect(ignored(path), path).to.equal(true);
    }
    expect(ignored('mutation/survivors.json')).to.equal(false);
  });
});
