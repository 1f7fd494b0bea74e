// Setup: cases reading a .jsonl file run through the exec engine with a recording progress display;
//   a long `twins exec` run interrupted with SIGINT (Ctrl-C), then resumed.
// Expect: the .jsonl case's progress has its line count as total (so a percentage and an ETA); the
//   interrupted run exits 130 and says that --resume continues it, and --resume does.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, twins } from './run-cli.js';
import { tempDir } from '../temp-dir.js';
import { runCases } from '../../src/cli/exec-engine.js';
import { ReportDir } from '../../src/cli/report-dir.js';
import { sourceOf } from '../../src/cli/scenario-source.js';
import { progressLine, type ProgressOptions } from '../../src/cli/progress.js';
import { loadExecutorConfig } from '../../src/cli/exec-run.js';

const MAIN = join(ROOT, 'dist/src/cli/main.js');

function scenarioLine(file: string): string {
  const s = JSON.parse(readFileSync(join(ROOT, 'scenarios', file), 'utf8'));
  delete s.$schema;
  return JSON.stringify(s);
}

describe('exec progress: a .jsonl case has a total and an ETA', () => {
  it('gives the progress display the number of scenario lines as its total', async () => {
    const dir = tempDir('twins-progress-');
    const lines = ['small_quorum.json', 's_a_commit_one_chain.json', 'control_c3_isolated_replica.json'].map(scenarioLine);
    writeFileSync(join(dir, 'three.jsonl'), `${lines.join('\n')}\n\n`);
    const configFile = join(dir, 'p.json');
    const text = JSON.stringify({ name: 'p', cases: [{ name: 'three', scenarios: 'three.jsonl' }] });
    writeFileSync(configFile, text);
    const config = loadExecutorConfig(configFile);
    const sources = config.cases.map((c, i) => sourceOf(c, configFile, `$.cases[${i}]`));
    for (const s of sources) s.validate();
    const seen: ProgressOptions[] = [];
    let ticks = 0;
    await runCases(config, sources, new ReportDir(join(dir, 'reports'), 'p'), {
      workers: 1, shard: null, quiet: false, configFile, onCase: () => undefined,
      progress: (opts) => { seen.push(opts); return { tick: (n = 1) => { ticks += n; }, done: () => undefined }; },
    });
    expect(seen.map((o) => [o.label, o.total])).to.deep.equal([['exec three', 3]]);
    expect(ticks).to.equal(3);
    expect(progressLine('exec three', 1, seen[0]!.total, 1000)).to.equal('exec three: 1/3 (33%), 1/s, eta 2s');
  });
});

describe('exec: Ctrl-C', function () {
  this.timeout(300_000);

  it('exits 130, says that --resume continues the run, and --resume does', async () => {
    const dir = tempDir('twins-interrupt-');
    const base = JSON.parse(readFileSync(join(ROOT, 'generator-configs/all_random.json'), 'utf8'));
    delete base.$schema;
    writeFileSync(join(dir, 'gen.json'), JSON.stringify({ ...base, name: 'gen', limits: { scenarios: 3000 } }));
    const config = join(dir, 'run.json');
    writeFileSync(config, JSON.stringify({ name: 'run', cases: [{ name: 'correct', scenarios: 'gen.json' }] }));
    const reports = join(dir, 'reports');
    const journal = join(reports, '.run.partial', 'journal');
    const child = spawn(process.execPath, [MAIN, 'exec', config, '--reports', reports, '--quiet', '--workers', '1'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const code = await new Promise<number | null>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(journal) && readFileSync(journal, 'utf8').split('\n').length > 3) {
          clearInterval(poll);
          child.kill('SIGINT');
        }
      }, 20);
      child.on('exit', (c) => { clearInterval(poll); resolve(c); });
    });
    expect(code, stderr).to.equal(130);
    expect(stderr).to.contain(`npx twins exec ${config} --reports ${reports} --resume continues the run`);
    const resumed = twins(['exec', config, '--reports', reports, '--quiet', '--workers', '1', '--resume']);
    expect(resumed.code, resumed.stderr).to.equal(0);
    expect(Number(/resuming: (\d+) scenarios? already done/.exec(resumed.stderr)?.[1])).to.be.greaterThan(0);
  });
});
