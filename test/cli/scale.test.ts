// Setup: a generator config run online (bugged and correct cases) through `twins exec` with one
//   worker, two workers, two shards merged, and a run killed by SIGKILL midway then resumed.
// Expect: byte-identical summaries (apart from meta) and findings in every case; a worker that dies
//   is replaced and only its scenario is recorded as a crash.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, twins } from './run-cli.js';
import { execCommand } from '../../src/cli/cmd-exec.js';
import { DYING_EXEC_WORKER, EXEC_EXIT_ON_INDEX, EXEC_EXIT_ON_SCENARIO } from './dying-workers.js';
import { tempDir } from '../temp-dir.js';

const DIR = tempDir('twins-scale-');
const MAIN = join(ROOT, 'dist/src/cli/main.js');

function generatorConfig(scenarios: number | null, from = 'all_random'): string {
  const base = JSON.parse(readFileSync(join(ROOT, `generator-configs/${from}.json`), 'utf8'));
  const file = join(DIR, `gen-${from}-${scenarios ?? 'all'}.json`);
  delete base.$schema;
  writeFileSync(file, JSON.stringify({ ...base, name: `gen_${scenarios ?? 'all'}`, ...(scenarios === null ? {} : { limits: { scenarios } }) }));
  return file;
}

/** A bugged and a correct case over the same scenarios (a generator config or a .jsonl file). */
function execConfig(name: string, scenarios: number | string): string {
  const file = join(DIR, `${name}.json`);
  const gen = typeof scenarios === 'string' ? scenarios : generatorConfig(scenarios);
  writeFileSync(file, JSON.stringify({ name, cases: [
    { name: 'bugged', scenarios: gen, bugs: ['conflicting_votes'], expect: 'safety-violation' },
    { name: 'correct', scenarios: gen },
  ] }));
  return file;
}

function outputs(root: string, name: string): { summary: unknown; findings: string } {
  const summary = JSON.parse(readFileSync(join(root, name, 'summary.json'), 'utf8')) as Record<string, unknown>;
  delete summary['meta'];
  return { summary, findings: readFileSync(join(root, name, 'findings.jsonl'), 'utf8') };
}

describe('scale: workers, shards and resume give the same report', function () {
  this.timeout(600_000);
  const root = join(DIR, 'reports');
  const config = execConfig('scale', 240);

  /** Runs `config` with one worker, then two; both reports must agree. Returns the one-worker report. */
  function oneAndTwoWorkersAgree(config: string, name: string): ReturnType<typeof outputs> {
    const one = twins(['exec', config, '--reports', root, '--quiet', '--workers', '1']);
    expect(one.code, one.stderr).to.equal(0);
    const reference = outputs(root, name);
    expect(reference.findings.split('\n').length).to.be.greaterThan(2);
    const two = twins(['exec', config, '--reports', root, '--quiet', '--workers', '2']);
    expect(two.code, two.stderr).to.equal(0);
    expect(outputs(root, name)).to.deep.equal(reference);
    return reference;
  }

  it('one worker, two workers and two merged shards agree byte for byte', () => {
    const reference = oneAndTwoWorkersAgree(config, 'scale');
    for (const s of ['1/2', '2/2']) {
      const r = twins(['exec', config, '--reports', root, '--quiet', '--workers', '1', '--shard', s]);
      expect(r.code, r.stderr).to.be.oneOf([0, 1]);
    }
    const merged = twins(['merge', join(root, 'scale.shard-1-of-2'), join(root, 'scale.shard-2-of-2')]);
    expect(merged.code, merged.stderr).to.equal(0);
    expect(outputs(root, 'scale')).to.deep.equal(reference);
  });

  it('one worker and two agree on scenarios read from a .jsonl file', () => {
    const jsonl = join(DIR, 'scale.jsonl');
    const gen = twins(['gen', generatorConfig(240), '--output', jsonl, '--quiet']);
    expect(gen.code, gen.stderr).to.equal(0);
    oneAndTwoWorkersAgree(execConfig('scale_jsonl', jsonl), 'scale_jsonl');
  });

  /** Scenarios a run's journal records as finished (one JSON line per batch; its `count` counts them). */
  function journalled(journal: string): number {
    if (!existsSync(journal)) return 0;
    return readFileSync(journal, 'utf8').split('\n').slice(1, -1)
      .reduce((n, l) => n + (JSON.parse(l) as { count: number }).count, 0);
  }

  /** Runs `config` with SIGKILL once its journal records more than `killAfter` scenarios, then with --resume. */
  async function killAndResume(config: string, name: string, killAfter: number, workers: string): Promise<number> {
    const journal = join(root, `.${name}.partial`, 'journal');
    const child = spawn(process.execPath, [MAIN, 'exec', config, '--reports', root, '--quiet', '--workers', workers],
      { cwd: ROOT, stdio: 'ignore' });
    const killedAt = await new Promise<number>((resolve, reject) => {
      const poll = setInterval(() => {
        const done = journalled(journal);
        if (done > killAfter) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve(done);
        }
      }, 20);
      child.on('exit', () => { clearInterval(poll); reject(new Error('the run finished before it could be killed')); });
    });
    await new Promise((r) => child.once('exit', r));
    expect(existsSync(journal), 'the journal survives the kill').to.equal(true);
    const resumed = twins(['exec', config, '--reports', root, '--quiet', '--workers', workers, '--resume']);
    expect(resumed.code, resumed.stderr).to.be.oneOf([0, 1]);
    // It went on from the journal, not from the start.
    const recovered = Number(/resuming: (\d+) scenarios already done/.exec(resumed.stderr)?.[1]);
    expect(recovered, resumed.stderr).to.be.at.least(killedAt);
    return killedAt;
  }

  it('a run killed midway and resumed gives the same report as an uninterrupted run', async () => {
    const big = execConfig('resume', 1500);
    const full = twins(['exec', big, '--reports', root, '--quiet', '--workers', '1']);
    expect(full.code, full.stderr).to.equal(0);
    const reference = outputs(root, 'resume');
    const killedAt = await killAndResume(big, 'resume', 1700, '1');
    expect(killedAt).to.be.lessThan(3000);
    expect(outputs(root, 'resume')).to.deep.equal(reference);
  });

  it('resumes a symmetry-reduced space, whose removed positions leave gaps in the index', async () => {
    const gen = generatorConfig(null, 'symmetry_small');
    const config = execConfig('resume_sym', gen);
    const full = twins(['exec', config, '--reports', root, '--quiet', '--workers', '2']);
    expect(full.code, full.stderr).to.equal(0);
    const reference = outputs(root, 'resume_sym');
    const killedAt = await killAndResume(config, 'resume_sym', 300, '2');
    expect(killedAt).to.be.lessThan(2 * 816);
    expect(outputs(root, 'resume_sym')).to.deep.equal(reference);
  });

  /** `twins exec` in this process, on a pool whose workers die where `env` says (./dying-workers.ts). */
  async function execWithDyingWorkers(config: string, env: Record<string, string>): Promise<number> {
    Object.assign(process.env, env);
    try {
      return await execCommand(config, { reports: root, quiet: true, silent: true, workers: 2, workerFile: DYING_EXEC_WORKER });
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
    }
  }

  it('replaces a worker that dies and records only its scenario as a crash', async () => {
    const scenario = JSON.parse(readFileSync(join(ROOT, 'scenarios/conflicting_votes.json'), 'utf8'));
    const file = join(DIR, 'dies.json');
    writeFileSync(file, JSON.stringify({ name: 'dies', cases: [
      { name: 'before', scenario: { ...scenario, name: 'fine' } },
      { name: 'killer', scenario: { ...scenario, name: 'kill-the-worker' } },
      { name: 'after', scenario: { ...scenario, name: 'fine' } },
    ] }));
    expect(await execWithDyingWorkers(file, { [EXEC_EXIT_ON_SCENARIO]: 'kill-the-worker' })).to.equal(1);
    const summary = JSON.parse(readFileSync(join(root, 'dies', 'summary.json'), 'utf8'));
    expect(summary.cases.map((c: { verdict: string }) => c.verdict)).to.deep.equal(['pass', 'crash', 'pass']);
    expect(summary.cases[1].firstViolation.detail).to.contain('worker died');
    // The page draws the crash from a re-run, which passes, and says so.
    const page = readFileSync(join(root, 'dies', 'index.html'), 'utf8');
    expect(page.match(/class="bad rerun"/g)).to.have.length(1);
    expect(page).to.contain('the re-run ended in <strong>pass</strong>, not <strong>crash</strong>');
    expect(page).to.contain('The finding is a worker thread that died');
  });

  it('a worker that dies on a generated scenario is replaced; only that scenario is a crash', async () => {
    const gen = generatorConfig(80);
    const config = execConfig('dies_gen', gen);
    const one = twins(['exec', config, '--reports', root, '--quiet', '--workers', '1']);
    expect(one.code, one.stderr).to.equal(0);
    const reference = outputs(root, 'dies_gen');
    expect(await execWithDyingWorkers(config, { [EXEC_EXIT_ON_INDEX]: '37' })).to.equal(1);
    const { summary, findings } = outputs(root, 'dies_gen') as { summary: { cases: { scenarios: Record<string, number> }[] }; findings: string };
    const expected = reference.summary as { cases: { scenarios: Record<string, number> }[] };
    const crashes = findings.trim().split('\n').map((l) => JSON.parse(l)).filter((f) => f.verdict === 'crash');
    // Scenario 37 of both cases crashed (each case ran it on a worker that died), and nothing else changed.
    expect(crashes.map((f) => [f.case, f.scenarioIndex])).to.deep.equal([['bugged', 37], ['correct', 37]]);
    expect(crashes[0].violations[0].detail).to.contain('worker died');
    const others = (text: string): string[] => text.trim().split('\n').filter((l) => JSON.parse(l).scenarioIndex !== 37)
      .map((l) => { const f = JSON.parse(l); delete f.replay; return JSON.stringify(f); });
    expect(others(findings)).to.deep.equal(others(reference.findings));
    expect(summary.cases[1]!.scenarios).to.deep.equal({ ...expected.cases[1]!.scenarios, pass: expected.cases[1]!.scenarios['pass']! - 1, crash: 1 });
    // The crash finding names the scenario the worker died on, generated again by the main thread.
    const jsonl = join(DIR, 'dies_gen.jsonl');
    expect(twins(['gen', gen, '--output', jsonl, '--quiet']).code).to.equal(0);
    expect(crashes[1].scenario).to.deep.equal(JSON.parse(readFileSync(jsonl, 'utf8').split('\n')[37]!));
  });
});
