// Setup: `npm pack` of the built repository, installed offline into a new temporary project
//   (consumer.ts); everything below runs there, as a user of the published package would.
// Expect: every file the shipped configs and the README refer to is in the package; the installed
//   `twins` prints package.json's version, runs a shipped executor config into the project's own
//   reports/, `twins gateway --openapi` prints the shipped OpenAPI description, and `twins start`
//   runs outside a clone; the line `twins gen` prints to reproduce a run
//   works there; the README's library example (and the same one in docs/fuzzing.md) type-checks
//   against the installed package's types and passes under mocha.
// Replay: npx tsc -p . && npx mocha dist/test/package/installed.test.js
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ROOT } from '../cli/run-cli.js';
import { tempDir } from '../temp-dir.js';
import { codeBlock, installInto, pack, run, type Run } from './consumer.js';

const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const EXAMPLE_HEADING = '## Fuzzing from your own tests';

describe('the installed package (npm pack, installed into a new project)', function () {
  this.timeout(300_000);
  let project = '';
  let installed = '';
  const twins = (args: readonly string[]): Run => run(join(project, 'node_modules/.bin/twins'), args, project);

  before(() => {
    project = tempDir('twins-consumer-');
    installInto(project, pack(tempDir('twins-pack-')));
    installed = join(project, 'node_modules/twins-diembft');
  });

  it('ships every file its configs, scenarios and README refer to, and a LICENSE', () => {
    const refs: string[] = [];
    for (const folder of ['generator-configs', 'executor-configs']) {
      for (const file of readdirSync(join(installed, folder))) {
        const config = JSON.parse(readFileSync(join(installed, folder, file), 'utf8')) as
          { $schema: string; cases?: { scenarios?: string }[] };
        refs.push(resolve(installed, folder, config.$schema));
        for (const c of config.cases ?? []) if (c.scenarios !== undefined && !c.scenarios.includes('all_random.jsonl')) {
          refs.push(resolve(installed, folder, c.scenarios));
        }
      }
    }
    const readme = readFileSync(join(installed, 'README.md'), 'utf8');
    for (const m of readme.matchAll(/`(docs\/[\w-]+\.md|schemas\/[\w.-]+\.json)`/g)) refs.push(join(installed, m[1]!));
    expect(refs.length).to.be.at.least(20);
    expect(refs.filter((f) => !existsSync(f)), 'missing from the package').to.deep.equal([]);
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).to.match(/^MIT License/);
  });

  it('twins --version prints the version of package.json', () => {
    const r = twins(['--version']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout.trim()).to.equal(PKG.version);
  });

  it('runs a shipped executor config into the project\'s own reports/', () => {
    const r = twins(['exec', 'node_modules/twins-diembft/executor-configs/small_quorum.json', '--quiet', '--workers', '1']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.match(/PASS {2}bug: expected safety-violation, got safety-violation/);
    expect(r.stdout).to.match(/PASS {2}no_bug: expected pass, got pass/);
    expect(existsSync(join(project, 'reports/small_quorum/summary.json'))).to.equal(true);
  });

  it('twins gen prints a reproduce command that works in a local install', () => {
    const config = 'node_modules/twins-diembft/generator-configs/exhaustive_small.json';
    const first = twins(['gen', config, '--scenarios', '30']);
    expect(first.code, first.stderr).to.equal(0);
    const out = join(project, 'scenarios/exhaustive_small.jsonl');
    const written = readFileSync(out, 'utf8');
    expect(written.trim().split('\n')).to.have.length(30);
    const line = /reproduce: (.*)/.exec(first.stdout)?.[1];
    expect(line).to.match(/^npx twins gen /);
    writeFileSync(out, '');
    const again = run('sh', ['-c', line!], project);
    expect(again.code, again.stderr).to.equal(0);
    expect(readFileSync(out, 'utf8')).to.equal(written);
  });

  it('twins gateway --openapi runs from the installed package (its HTTP dependencies load)', () => {
    const r = twins(['gateway', '--openapi']);
    expect(r.code, r.stderr).to.equal(0);
    const doc = JSON.parse(r.stdout) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).to.have.members(['/wallets/{name}/create', '/transfers', '/wallets/{name}']);
    expect(doc).to.deep.equal(JSON.parse(readFileSync(join(installed, 'docs/openapi.json'), 'utf8')));
  });

  it('twins start runs outside a clone: configs from the package, outputs into the current folder', () => {
    const r = twins(['start', '--scenarios', '40', '--workers', '1', '--quiet']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.match(/(\d+) executor configs run, \1 met every expectation\./);
    expect(readFileSync(join(project, 'scenarios/all_random.jsonl'), 'utf8').trim().split('\n')).to.have.length(40);
    expect(readFileSync(join(project, 'executor-configs/main.json'), 'utf8'))
      .to.equal(readFileSync(join(installed, 'executor-configs/main.json'), 'utf8'));
    for (const name of ['main', 'small_quorum', 'conflicting_votes_bug']) {
      expect(existsSync(join(project, 'reports', name, 'summary.json')), name).to.equal(true);
    }
    const replay = twins(['replay', 'executor-configs/main.json', '--case', 'all_random_correct']);
    expect(replay.code, replay.stderr).to.equal(0);
  });

  it('twins start refuses to overwrite a different executor-configs/main.json', () => {
    const dir = tempDir('twins-start-here-');
    const mine = join(dir, 'executor-configs/main.json');
    run('mkdir', ['-p', dirname(mine)], dir);
    writeFileSync(mine, '{"mine": true}\n');
    const r = run(join(project, 'node_modules/.bin/twins'), ['start', '--scenarios', '5', '--quiet'], dir);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/^error: .*executor-configs\/main\.json: exists and is not the shipped main config/);
    expect(readFileSync(mine, 'utf8')).to.equal('{"mine": true}\n');
    expect(existsSync(join(dir, 'scenarios'))).to.equal(false);
  });

  for (const doc of ['README.md', 'docs/fuzzing.md']) {
    it(`the library example of ${doc} type-checks against the installed package and passes`, () => {
      const name = doc === 'README.md' ? 'readme' : 'fuzzing';
      writeFileSync(join(project, `${name}.test.ts`), codeBlock(doc, EXAMPLE_HEADING));
      writeFileSync(join(project, `tsconfig.${name}.json`), JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
          typeRoots: [join(ROOT, 'node_modules/@types')], types: ['mocha', 'node'],
        },
        files: [`${name}.test.ts`],
      }));
      const tsc = run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', `tsconfig.${name}.json`], project);
      expect(tsc.code, tsc.stdout + tsc.stderr).to.equal(0);
      const mocha = run(process.execPath, [join(ROOT, 'node_modules/mocha/bin/mocha.js'), '--no-config', '--no-package',
        '--reporter', 'dot', `${name}.test.js`], project);
      expect(mocha.code, mocha.stdout + mocha.stderr).to.equal(0);
      expect(mocha.stdout).to.match(/2 passing/);
    });
  }
});
