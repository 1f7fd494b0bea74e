// Setup: the bad-input corpus (test/bad-inputs/corpus.ts): valid files of every type the tool reads,
// taken from real runs and mutated systematically, plus forged journals; each case in a folder of its own.
// Expect: every case exits 2 with one line `error: <file>: <$.path>: ...` naming the file and the JSON
// path, no stack trace, nothing written in its folder, in bounded time. Most cases run in this
// process through the CLI's entry point; a sample runs as real processes under a 256 MB heap limit.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusCases, execSeedConfig, writeCase, type CorpusCase, type Seeds } from '../bad-inputs/corpus.js';
import { ROOT } from '../cli/run-cli.js';
import { tempDir } from '../temp-dir.js';
import { runInProcess } from './in-process.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
/** A hang guard, far above any case's time: not a speed target. */
const BOUND_MS = 30_000;
const SAMPLE_EVERY = 40;

/** Every file under `dir` with its size, as `path:size` lines. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.push(`${relative(dir, p)}:${st.size}`);
    }
  };
  walk(dir);
  return out.sort();
}

function readShard(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

async function makeSeeds(): Promise<Seeds> {
  const dir = tempDir('twins-corpus-seed-');
  const execConfig = execSeedConfig(join(ROOT, 'scenarios/conflicting_votes.json'));
  const config = join(dir, 'x.json');
  writeCase(dir, { id: 'seed', files: { 'x.json': execConfig }, args: [], names: '', path: null, pattern: /./ });
  const reports = join(dir, 'reports');
  // The seed's case finds the safety violation it is about (exit 0: as expected; a shard without it: 1).
  const run = await runInProcess(['exec', config, '--reports', reports, '--quiet', '--workers', '1']);
  expect(run.code, run.stderr).to.equal(0);
  for (const s of ['1/2', '2/2']) {
    const r = await runInProcess(['exec', config, '--reports', reports, '--quiet', '--workers', '1', '--shard', s]);
    expect(r.code, r.stderr).to.be.oneOf([0, 1]);
  }
  return {
    generatorConfig: readFileSync(join(ROOT, 'generator-configs/n7_sampled.json'), 'utf8'),
    scenario: readFileSync(join(ROOT, 'scenarios/conflicting_votes.json'), 'utf8'),
    execConfig,
    findingLine: readFileSync(join(reports, 'seed', 'findings.jsonl'), 'utf8').split('\n')[0]!,
    shard1: readShard(join(reports, 'seed.shard-1-of-2')),
    shard2: readShard(join(reports, 'seed.shard-2-of-2')),
  };
}

function checkOutcome(c: CorpusCase, dir: string, r: { code: number; stderr: string }): void {
  const where = `${c.id}\n${r.stderr}`;
  expect(r.code, where).to.equal(2);
  expect(r.stderr, where).not.to.match(/\n\s+at |internal error/);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, where).to.have.length(1);
  expect(lines[0], where).to.match(/^error: /);
  expect(lines[0], where).to.include(c.names === '' ? dir : join(dir, c.names));
  if (c.path !== null) expect(lines[0], where).to.include(`: ${c.path}`);
  expect(lines[0], where).to.match(c.pattern);
}

describe('bad inputs: the generated corpus, through the CLI', function () {
  let cases: CorpusCase[] = [];

  before(async () => {
    cases = corpusCases(await makeSeeds());
  });

  it('holds at least 300 cases over every file type and command', () => {
    expect(cases.length).to.be.at.least(300);
    const kinds = new Set(cases.map((c) => c.id.split(':')[0]));
    expect([...kinds].sort()).to.deep.equal(['exec config', 'finding line', 'gen config', 'journal', 'jsonl line',
      'scenario', 'shard finding', 'shard summary']);
    expect(new Set(cases.map((c) => c.args[0]))).to.deep.equal(new Set(['gen', 'exec', 'replay', 'merge']));
  });

  it('every case: exit 2, one line naming the file and JSON path, no stack trace, nothing written, bounded time', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const dir = tempDir('twins-corpus-');
      writeCase(dir, c);
      const before = listing(dir);
      const r = await runInProcess(c.args.map((a) => a.replace(/^@/, dir)));
      try {
        checkOutcome(c, dir, r);
        expect(r.ms, c.id).to.be.below(BOUND_MS);
        expect(listing(dir), `${c.id}: files written`).to.deep.equal(before);
      } catch (err) {
        failures.push((err as Error).message.split('\n').slice(0, 3).join(' | '));
      }
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });

  it(`every ${SAMPLE_EVERY}th case as a real process under a 256 MB heap: the same outcome`, () => {
    const failures: string[] = [];
    for (let i = 0; i < cases.length; i += SAMPLE_EVERY) {
      const c = cases[i]!;
      const dir = tempDir('twins-corpus-proc-');
      writeCase(dir, c);
      const before = listing(dir);
      const r = spawnSync(process.execPath, ['--max-old-space-size=256', MAIN, ...c.args.map((a) => a.replace(/^@/, dir))],
        { encoding: 'utf8', timeout: BOUND_MS, killSignal: 'SIGKILL', env: { ...process.env, CI: 'true' } });
      try {
        checkOutcome(c, dir, { code: r.status ?? -1, stderr: r.stderr });
        expect(listing(dir), `${c.id}: files written`).to.deep.equal(before);
      } catch (err) {
        failures.push((err as Error).message.split('\n').slice(0, 3).join(' | '));
      }
    }
    expect(failures, failures.join('\n')).to.deep.equal([]);
  });
});


