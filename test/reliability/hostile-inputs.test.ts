// Setup: one attack or mistake per class of problem: names that would become paths outside the output
// folder, files read back without a schema (shard reports, findings, replay options, journals),
// inputs that overflowed the stack or blocked, environments that failed mid-write (a file in the way,
// a full disk), spaces too large to count, two runs on one folder, files left by killed runs, and the
// quieter wrongs (duplicate keys, huge names, empty cases, misleading paths).
// Expect: each is refused with exit 2 and one line naming the file and the JSON path, leaves nothing
// behind, and never hangs.
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReportDir } from '../../src/cli/report-dir.js';
import type { Finding } from '../../src/exec/report-types.js';
import { UserError } from '../../src/scenario/errors.js';
import { ROOT } from '../cli/run-cli.js';
import { tempDir } from '../temp-dir.js';
import { execSeedConfig } from '../bad-inputs/corpus.js';
import { runInProcess } from './in-process.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
// Kills a child that hangs. Generous: a loaded 2-core machine ran a resumed exec past 20 s.
const HANG_GUARD_MS = 90_000;

function proc(args: readonly string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', MAIN, ...args],
    { encoding: 'utf8', timeout: HANG_GUARD_MS, killSignal: 'SIGKILL', env: { ...process.env, CI: 'true', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function oneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).to.have.length(1);
  expect(stderr).not.to.match(/\n\s+at |internal error/);
  return lines[0]!;
}

/** A config with one case of one inline scenario, and its reports folder. */
function seedRun(): { dir: string; config: string; reports: string } {
  const dir = tempDir('twins-hostile-');
  const config = join(dir, 'x.json');
  writeFileSync(config, execSeedConfig(join(ROOT, 'scenarios/conflicting_votes.json')));
  return { dir, config, reports: join(dir, 'reports') };
}

async function shards(): Promise<{ dir: string; s1: string; s2: string }> {
  const { dir, config, reports } = seedRun();
  for (const s of ['1/2', '2/2']) await runInProcess(['exec', config, '--reports', reports, '--quiet', '--workers', '1', '--shard', s]);
  return { dir, s1: join(reports, 'seed.shard-1-of-2'), s2: join(reports, 'seed.shard-2-of-2') };
}

function editJson(file: string, edit: (v: Record<string, unknown>) => void): void {
  const v = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(v);
  writeFileSync(file, JSON.stringify(v, null, 2));
}

describe('hostile inputs 1: no name read from an input writes outside its folder', () => {
  it('merge refuses a shard whose summary names "../../escaped" and writes nothing anywhere', async () => {
    const { dir, s1, s2 } = await shards();
    for (const s of [s1, s2]) editJson(join(s, 'summary.json'), (v) => { v['name'] = '../../escaped'; });
    const out = join(dir, 'deep', 'out');
    const r = await runInProcess(['merge', s1, s2, '--reports', out]);
    expect(r.code).to.equal(2);
    expect(oneLine(r.stderr)).to.include(`${join(s1, 'summary.json')}: $.name`);
    expect(existsSync(join(dir, 'escaped'))).to.equal(false);
    expect(existsSync(join(dir, 'deep'))).to.equal(false);
  });

  it('the report folder itself refuses a name that is not one path component, before writing', () => {
    const root = tempDir('twins-hostile-root-');
    for (const name of ['../escaped', 'a/b', '..', '']) {
      expect(() => new ReportDir(root, name), name).to.throw(UserError);
    }
    expect(readdirSync(root)).to.deep.equal([]);
  });
});

describe('hostile inputs 2: every file read passes a schema', () => {
  it('merge: a wrong type, a garbage findings line, impossible counts, a folder for a file', async () => {
    const check = async (damage: (s2: string) => void, want: RegExp): Promise<void> => {
      const { s1, s2 } = await shards();
      damage(s2);
      const r = await runInProcess(['merge', s1, s2, '--reports', join(s2, '..', 'out')]);
      expect(r.code, r.stderr).to.equal(2);
      expect(oneLine(r.stderr)).to.match(want);
    };
    await check((s2) => editJson(join(s2, 'summary.json'), (v) => { v['cases'] = 'x'; }), /summary\.json: \$\.cases: must be an array/);
    await check((s2) => writeFileSync(join(s2, 'findings.jsonl'), 'garbage\n'), /findings\.jsonl:1:1: invalid JSON/);
    await check((s2) => editJson(join(s2, 'summary.json'), (v) => {
      (v['totals'] as Record<string, unknown>)['total'] = 1e9;
    }), /summary\.json: \$\.totals\.total: is 1000000000, but the cases add up to 1/);
    await check((s2) => editJson(join(s2, 'summary.json'), (v) => {
      const c = (v['cases'] as Record<string, Record<string, number>>[])[0]!;
      c['scenarios']!['pass'] = 1e9;
    }), /summary\.json: \$\.cases\[0\]\.scenarios\.total/);
    await check((s2) => writeFileSync(join(s2, 'findings.jsonl'), '{}\n'), /findings\.jsonl:1: \$: missing field/);
    await check((s2) => writeFileSync(join(s2, 'findings.jsonl'), ''), /\$\.cases\[0\]\.scenarios: 1 scenarios did not pass/);
    await check((s2) => { const f = join(s2, 'findings.jsonl'); rmSync(f); mkdirSync(f); }, /findings\.jsonl: cannot read the findings file: it is a directory/);
  });

  it('replay file:line checks the finding\'s options: minimums, unknown fields, types', async () => {
    const { config, reports } = seedRun();
    await runInProcess(['exec', config, '--reports', reports, '--quiet', '--workers', '1']);
    const findings = join(reports, 'seed', 'findings.jsonl');
    const line = JSON.parse(readFileSync(findings, 'utf8').split('\n')[0]!) as Record<string, Record<string, unknown>>;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ roundTimeoutTicks: 1 }, /\$\.options\.roundTimeoutTicks: must be >= /],
      [{ turbo: true }, /\$\.options: unknown field 'turbo'/],
      [{ bugs: 'conflicting_votes' }, /\$\.options\.bugs: must be an array/],
      [{ bugs: ['no_such_bug'] }, /\$\.options\.bugs\[0\]: unknown bug/],
    ];
    for (const [options, want] of cases) {
      const file = join(reports, 'edited.jsonl');
      writeFileSync(file, JSON.stringify({ ...line, options: { ...line['options'], ...options } }) + '\n');
      const r = await runInProcess(['replay', `${file}:1`]);
      expect(r.code, r.stderr).to.equal(2);
      expect(oneLine(r.stderr)).to.include(`${file}:1: `).and.to.match(want);
    }
  });

  it('--resume refuses a forged journal instead of trusting it (no wrong summary, no spin)', async () => {
    const { config, reports } = seedRun();
    const part = join(reports, '.seed.partial');
    mkdirSync(part, { recursive: true });
    const { fingerprintOf } = await import('../bad-inputs/corpus.js');
    writeFileSync(join(part, 'journal'), `${JSON.stringify({ journal: 1, fingerprint: fingerprintOf(readFileSync(config, 'utf8')) })}\n` +
      `${JSON.stringify({ case: 0, last: 0, count: 999_999_999_999, safety: 0, liveness: 0, crash: 0, first: {}, lines: 0, bytes: 0 })}\n`);
    writeFileSync(join(part, 'findings.jsonl'), '');
    const r = await runInProcess(['exec', config, '--reports', reports, '--quiet', '--workers', '1', '--resume']);
    expect(r.code).to.equal(2);
    expect(oneLine(r.stderr)).to.include(`${join(part, 'journal')}:2: $.count`);
    expect(existsSync(join(reports, 'seed'))).to.equal(false);
  });
});

describe('hostile inputs 3: no stack trace and no exit 3 for a mistake or the environment', () => {
  it('a 100,000-deep nested JSON value', async () => {
    const { dir } = seedRun();
    const file = join(dir, 'deep.json');
    writeFileSync(file, `{"name":"x","cases":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const r = await runInProcess(['exec', file, '--reports', join(dir, 'r'), '--quiet', '--workers', '1']);
    expect(r.code).to.equal(2);
    expect(oneLine(r.stderr)).to.match(/deep\.json:1:\d+: \$\.cases.*nesting deeper than 100 levels/);
  });

  it('an output path under a regular file', async () => {
    const dir = tempDir('twins-hostile-');
    writeFileSync(join(dir, 'file'), 'x');
    const r = await runInProcess(['gen', join(ROOT, 'generator-configs/exhaustive_small.json'), '--output', join(dir, 'file', 'sub', 'out.jsonl'), '--quiet']);
    expect(r.code).to.equal(2);
    expect(oneLine(r.stderr)).to.include(`'${join(dir, 'file')}' exists and is not a folder`);
  });

  it('a full disk during exec: exit 2, no report folder, and --resume finishes the run', () => {
    const { config, reports } = seedRun();
    const full = proc(['exec', config, '--reports', reports, '--quiet', '--workers', '1'], { TWINS_TEST_FAIL_WRITE: '5' });
    expect(full.code, full.stderr).to.equal(2);
    expect(oneLine(full.stderr)).to.match(/cannot write the report \(ENOSPC\).*--resume/);
    expect(existsSync(join(reports, 'seed'))).to.equal(false);
    expect(existsSync(join(reports, '.seed.partial', 'journal'))).to.equal(true);
    const resumed = proc(['exec', config, '--reports', reports, '--quiet', '--workers', '1', '--resume']);
    expect(resumed.code, resumed.stderr).to.equal(0);
    expect(resumed.stderr).to.include('resuming');
    expect(readdirSync(reports).sort()).to.deep.equal(['seed']);
  });

  it('report leaves no empty folder behind when its page cannot be written', async () => {
    const dir = tempDir('twins-hostile-');
    const out = join(dir, 'a', 'b', `${'x'.repeat(300)}.html`);
    const r = await runInProcess(['report', join(ROOT, 'scenarios/conflicting_votes.json'), '--out', out]);
    expect(r.code).to.equal(2);
    expect(oneLine(r.stderr)).to.include('ENAMETOOLONG');
    expect(readdirSync(dir)).to.deep.equal([]);
  });
});

describe('hostile inputs 4: no hang and no unbounded memory', () => {
  const genConfig = (dir: string, v: Record<string, unknown>): string => {
    const file = join(dir, 'g.json');
    writeFileSync(file, JSON.stringify(v));
    return file;
  };

  it('spaces too large to count are refused with the limit named, in bounded time', () => {
    const dir = tempDir('twins-hostile-');
    const big = [
      { name: 'big', nodes: 26, twins: 26, rounds: 1000, partitions: { min: 1, max: 52, requireQuorum: true } },
      { name: 'quorum', nodes: 26, twins: 13, rounds: 2, partitions: { min: 1, max: 39, requireQuorum: true } },
      { name: 'drops', nodes: 26, twins: 13, rounds: 2, partitions: { min: 1, max: 39 }, drops: { types: ['vote'], maxPerRound: 1 } },
    ];
    for (const v of big) {
      for (const extra of [['--count'], ['--quiet']]) {
        const r = proc(['gen', genConfig(dir, v), ...extra]);
        expect(r.code, `${v.name} ${extra[0]}: ${r.stderr}`).to.equal(2);
        expect(oneLine(r.stderr)).to.match(/g\.json: \$\.partitions\.max: .*too many shapes to count \(over \d+ steps\)/);
      }
    }
  });

  it('a scenario larger than the simulator runs is refused by the schema with the limit named', async () => {
    const dir = tempDir('twins-hostile-');
    const nodes = Array.from({ length: 5000 }, (_, i) => `n${i}`);
    const file = join(dir, 'huge.json');
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, nodes, twins: [], rounds: [{ leader: 'n0', partitions: [nodes] }] }));
    const r = await runInProcess(['replay', file]);
    expect(r.code).to.equal(2);
    expect(oneLine(r.stderr)).to.include(`${file}: $.nodes: must have at most 64 items, got 5000`);
  });

  it('a config that is a FIFO is refused, not waited on', () => {
    const dir = tempDir('twins-hostile-');
    const fifo = join(dir, 'config.json');
    spawnSync('mkfifo', [fifo]);
    const r = proc(['gen', fifo, '--count']);
    expect(r.code, r.stderr).to.equal(2);
    expect(oneLine(r.stderr)).to.include('it is a FIFO (named pipe), not a regular file');
  });

  it('an output under /proc is refused, not looped on', () => {
    const r = proc(['gen', join(ROOT, 'generator-configs/exhaustive_small.json'), '--output', '/proc/self/nope/out.jsonl', '--quiet']);
    expect(r.code, r.stderr).to.equal(2);
    expect(oneLine(r.stderr)).to.include('cannot write under /proc');
  });
});

describe('hostile inputs 5: one run per report folder', () => {
  it('a second run is refused naming the first one\'s process; a killed run\'s lock is taken over', async () => {
    const dir = tempDir('twins-hostile-');
    const gen = join(dir, 'g.json');
    writeFileSync(gen, JSON.stringify({ name: 'lockgen', nodes: 4, twins: 1, rounds: 4, partitions: { min: 1, max: 2 },
      order: 'random', limits: { scenarios: 200000 } }));
    const config = join(dir, 'x.json');
    writeFileSync(config, JSON.stringify({ name: 'locked', cases: [{ name: 'c', scenarios: 'g.json' }] }));
    const reports = join(dir, 'reports');
    const first = spawn(process.execPath, [MAIN, 'exec', config, '--reports', reports, '--quiet', '--workers', '1'], { stdio: 'ignore' });
    const lock = join(reports, '.locked.lock');
    for (let i = 0; i < 400 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(lock), 'the first run took its lock').to.equal(true);
    const second = await runInProcess(['exec', config, '--reports', reports, '--quiet', '--workers', '1']);
    expect(second.code).to.equal(2);
    expect(oneLine(second.stderr)).to.include(`process ${first.pid}`);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(existsSync(lock), 'a run killed with -9 leaves its lock').to.equal(true);
    writeFileSync(gen, JSON.stringify({ name: 'lockgen', nodes: 4, twins: 1, rounds: 1, partitions: { min: 1, max: 2 } }));
    writeFileSync(config, JSON.stringify({ name: 'locked', cases: [{ name: 'c', scenarios: 'g.json' }] }));
    const third = await runInProcess(['exec', config, '--reports', reports, '--quiet', '--workers', '1']);
    expect(third.code, third.stderr).to.equal(0);
    expect(readdirSync(reports).sort()).to.deep.equal(['locked']);
  });
});

describe('hostile inputs 6: nothing left over by a killed run', () => {
  it('gen removes the temporary file a run killed with -9 left beside its output', async () => {
    const dir = tempDir('twins-hostile-');
    const out = join(dir, 'out.jsonl');
    writeFileSync(`${out}.tmp-2147483646`, 'a partial file of a killed run');
    const r = await runInProcess(['gen', join(ROOT, 'generator-configs/exhaustive_small.json'), '--output', out, '--quiet']);
    expect(r.code, r.stderr).to.equal(0);
    expect(readdirSync(dir)).to.deep.equal(['out.jsonl']);
  });
});

describe('hostile inputs 6b: a case\'s recovered progress comes from the journal', () => {
  it('the counts and first findings of a case are read from the journal and at most one finding per verdict', () => {
    const root = tempDir('twins-hostile-resume-');
    const scenario = JSON.parse(readFileSync(join(ROOT, 'scenarios/conflicting_votes.json'), 'utf8')) as Record<string, unknown>;
    delete scenario['$schema'];
    const finding = (i: number): Finding => ({ case: 'c', scenarioIndex: i, scenarioId: '0123456789abcdef',
      verdict: i % 7 === 0 ? 'crash' : 'safety-violation', violations: [], bugs: [], options: {},
      scenario: scenario as unknown as Finding['scenario'], replay: `replay ${i}` });
    const ranges = [{ from: 0, to: 100_000 }];
    const dir = new ReportDir(root, 'run', { fingerprint: 'ab', resume: false, ranges });
    for (let b = 0; b < 100; b++) {
      dir.record(Array.from({ length: 32 }, (_, k) => ({ caseIndex: 0, scenarioIndex: b * 32 + k, finding: k % 2 === 0 ? finding(b * 32 + k) : null })));
    }
    // Killed: its lock names a process that is gone. One finding in the middle becomes bytes that are not JSON.
    writeFileSync(join(root, '.run.lock'), JSON.stringify({ pid: 2 ** 31 - 2, host: hostname(), started: '2026-01-01T00:00:00Z' }));
    const file = join(root, '.run.partial', 'findings.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[800] = 'x'.repeat(lines[800]!.length);
    writeFileSync(file, lines.join('\n'));
    // Resuming reads the journal and each group's first finding only, so the bad line is not met.
    const resumed = new ReportDir(root, 'run', { fingerprint: 'ab', resume: true, ranges, caseNames: ['c'] });
    const r = resumed.recovered(0);
    expect(r.scenarios).to.equal(3200);
    expect(r.counts).to.deep.equal({ pass: 1600, safety: 1371, liveness: 0, crash: 229 });
    expect(r.firstFindings().map((f) => f.scenarioIndex)).to.deep.equal([0, 2]);
    // The report's groups, counted from the journal: every finding, each group's example its first.
    const groups = resumed.recoveredGroups();
    expect(groups.list().map((g) => [g.verdict, g.oracle, g.count, g.example.scenarioIndex])).to.deep.equal([
      ['safety-violation', 'unknown', 1371, 2], ['crash', 'harness.crash', 229, 0]]);
    expect(groups.total).to.equal(1600);
    resumed.abort();
  });
});

describe('hostile inputs 7: the quieter wrongs', () => {
  it('a duplicate key is refused with its path', async () => {
    const dir = tempDir('twins-hostile-');
    const file = join(dir, 'g.json');
    writeFileSync(file, '{"name":"a","nodes":4,"twins":1,"rounds":2,"partitions":{"min":1,"max":2,"max":3}}');
    const r = await runInProcess(['gen', file, '--count']);
    expect(r.code).to.equal(2);
    expect(oneLine(r.stderr)).to.match(/g\.json:1:\d+: \$\.partitions\.max: duplicate key "max"/);
  });

  it('a 1 MB generator name is refused at the config\'s $.name, never copied into scenarios', async () => {
    const dir = tempDir('twins-hostile-');
    const file = join(dir, 'g.json');
    writeFileSync(file, JSON.stringify({ name: 'n'.repeat(1 << 20), nodes: 4, twins: 1, rounds: 2, partitions: { min: 1, max: 2 } }));
    const r = await runInProcess(['gen', file, '--output', join(dir, 'out.jsonl'), '--quiet']);
    expect(r.code).to.equal(2);
    expect(oneLine(r.stderr)).to.include(`${file}: $.name: must NOT have more than 100 characters`);
    expect(readdirSync(dir)).to.deep.equal(['g.json']);
  });

  it('a case whose .jsonl is empty is an error, not a pass', async () => {
    const dir = tempDir('twins-hostile-');
    writeFileSync(join(dir, 'empty.jsonl'), '\n\n');
    const config = join(dir, 'x.json');
    writeFileSync(config, JSON.stringify({ name: 'empty', cases: [{ name: 'c', scenarios: 'empty.jsonl' }] }));
    const r = await runInProcess(['exec', config, '--reports', join(dir, 'r'), '--quiet', '--workers', '1']);
    expect(r.code).to.equal(2);
    expect(oneLine(r.stderr)).to.include(`${config}: $.cases[0].scenarios: `).and.to.include('holds no scenario');
  });

  it('{"gst": {}} reports the missing rounds', async () => {
    const dir = tempDir('twins-hostile-');
    const file = join(dir, 'g.json');
    writeFileSync(file, JSON.stringify({ name: 'a', nodes: 4, twins: 1, rounds: 2, partitions: { min: 1, max: 2 }, gst: {} }));
    const r = await runInProcess(['gen', file, '--count']);
    expect(r.code).to.equal(2);
    expect(oneLine(r.stderr)).to.include(`${file}: $.gst: missing required field "rounds"`);
  });

  it('an error inside a finding\'s scenario is reported at $.scenario...', async () => {
    const { config, reports } = seedRun();
    await runInProcess(['exec', config, '--reports', reports, '--quiet', '--workers', '1']);
    const line = JSON.parse(readFileSync(join(reports, 'seed', 'findings.jsonl'), 'utf8').split('\n')[0]!) as { scenario: { rounds: { leader: string }[] } };
    line.scenario.rounds[0]!.leader = 'zz';
    const file = join(reports, 'edited.jsonl');
    writeFileSync(file, JSON.stringify(line) + '\n');
    const r = await runInProcess(['replay', `${file}:1`]);
    expect(r.code).to.equal(2);
    expect(oneLine(r.stderr)).to.include(`${file}:1: $.scenario.rounds[0].leader: leader 'zz' is not an identity`);
  });
});

describe('hostile inputs 3b: a real full disk (a small tmpfs, when this process may mount one)', () => {
  let mountPoint: string | null = null;

  before(function () {
    const dir = tempDir('twins-tmpfs-');
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir]).status !== 0) this.skip();
    mountPoint = dir;
  });

  after(() => {
    if (mountPoint !== null) spawnSync('umount', [mountPoint]);
  });

  it('exec stops with exit 2 when the disk fills, and --resume finishes once there is room', () => {
    const dir = tempDir('twins-tmpfs-config-');
    writeFileSync(join(dir, 'g.json'), JSON.stringify({ name: 'fullgen', nodes: 4, twins: 1, rounds: 3,
      partitions: { min: 1, max: 2 }, order: 'random', limits: { scenarios: 400 }, gst: { rounds: 3 } }));
    const config = join(dir, 'x.json');
    writeFileSync(config, JSON.stringify({ name: 'full', cases: [
      { name: 'bug', scenarios: 'g.json', bugs: ['conflicting_votes'], expect: 'safety-violation' }] }));
    const reports = join(mountPoint!, 'reports');
    const full = proc(['exec', config, '--reports', reports, '--quiet', '--workers', '1']);
    expect(full.code, full.stderr).to.equal(2);
    expect(oneLine(full.stderr)).to.match(/cannot write the report \(ENOSPC\)/);
    expect(existsSync(join(reports, 'full'))).to.equal(false);
    expect(spawnSync('mount', ['-o', 'remount,size=64m', mountPoint!]).status).to.equal(0);
    const resumed = proc(['exec', config, '--reports', reports, '--quiet', '--workers', '1', '--resume']);
    expect(resumed.code, resumed.stderr).to.equal(0);
    expect(resumed.stderr).to.include('resuming');
    const reference = proc(['exec', config, '--reports', join(dir, 'reference'), '--quiet', '--workers', '1']);
    expect(reference.code).to.equal(0);
    const body = (root: string): string => readFileSync(join(root, 'full', 'findings.jsonl'), 'utf8')
      .replaceAll(root, '<root>');
    expect(body(reports)).to.equal(body(join(dir, 'reference')));
    expect(readdirSync(reports)).to.deep.equal(['full']);
  });
});
