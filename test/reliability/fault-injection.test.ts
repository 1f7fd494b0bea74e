// Setup: gen, exec with two workers, merge and fuzz, each run once uninterrupted, then again killed with
// SIGKILL at seeded random moments and run again (exec with --resume). TWINS_FAULT_KILLS sets the kills
// per command (default 2), TWINS_FAULT_SEED their moments (default 13).
// Expect: after every kill, the re-run's outputs are byte-identical to the uninterrupted run's (summary,
// HTML page and JUnit file apart from their timings), and no temporary, partial or lock file remains;
// the exec run's findings fall in several groups, so a resume must rebuild them as they were.
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../cli/run-cli.js';
import { tempDir } from '../temp-dir.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const KILLS = Number(process.env['TWINS_FAULT_KILLS'] ?? 2);
const SEED = Number(process.env['TWINS_FAULT_SEED'] ?? 13);

/** mulberry32: the kill moments, reproducible from SEED. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function run(args: readonly string[], cwd: string): { code: number | null; ms: number; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, ms: performance.now() - t0, stderr: r.stderr };
}

/** Runs the command and kills it with SIGKILL after `ms`; true when it was still running then. */
async function killAfter(args: readonly string[], cwd: string, ms: number): Promise<boolean> {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd, stdio: 'ignore', env: { ...process.env, CI: 'true' } });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let killed = false;
  const timer = setTimeout(() => { killed = child.kill('SIGKILL'); }, ms);
  await exited;
  clearTimeout(timer);
  return killed;
}

/** Every file under `dir` with its bytes; summary.json without `meta` (timings). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) { walk(p); continue; }
      let text = readFileSync(p, 'utf8');
      if (name === 'summary.json') {
        const { meta: _meta, ...rest } = JSON.parse(text) as Record<string, unknown>;
        text = JSON.stringify(rest);
      }
      // The HTML page and JUnit file carry the run's timings (its meta table, time attributes): those are blanked.
      if (name === 'index.html') text = text.replace(/<table class="meta">.*?<\/table>/, '');
      if (name === 'junit.xml') text = text.replace(/ time="[\d.]+"/g, ' time="0"');
      out[relative(dir, p)] = text;
    }
  };
  walk(dir);
  return out;
}

interface Lifecycle {
  readonly name: string;
  /** The command, run in `cwd`. */
  readonly args: readonly string[];
  /** The command that finishes after a kill (the same, or with --resume). */
  readonly again: readonly string[];
  /** The folder the command writes (relative to cwd), compared whole. */
  readonly out: string;
}

const stats: string[] = [];

async function checkLifecycle(cwd: string, l: Lifecycle, random: () => number): Promise<void> {
  const ref = run(l.args, cwd);
  expect(ref.code, ref.stderr).to.be.oneOf([0, 1, 4]);
  const reference = snapshot(join(cwd, l.out));
  renameSync(join(cwd, l.out), join(cwd, `${l.out}.reference`));
  let kills = 0;
  let identical = 0;
  for (let k = 0; k < KILLS; k++) {
    // A moment between the start and a little past the uninterrupted run's length.
    const at = Math.floor(100 + random() * ref.ms * 1.1);
    if (await killAfter(l.args, cwd, at)) kills++;
    const again = run(l.again, cwd);
    expect(again.code, `${l.name} after a kill at ${at} ms: ${again.stderr}`).to.equal(ref.code);
    expect(snapshot(join(cwd, l.out)), `${l.name} after a kill at ${at} ms`).to.deep.equal(reference);
    const stray = Object.keys(snapshot(cwd)).filter((f) => /\.tmp-\d+$|\.partial|\.lock$/.test(f));
    expect(stray, `${l.name}: files left after a kill at ${at} ms`).to.deep.equal([]);
    identical++;
    rmSync(join(cwd, l.out), { recursive: true, force: true });
  }
  stats.push(`${l.name}: ${KILLS} runs, ${kills} killed while running, ${identical} identical`);
}

describe('fault injection: kill -9 at random moments, then run again', function () {
  const random = rng(SEED);
  after(() => {
    process.stdout.write(`\n      fault injection (seed ${SEED}): ${stats.join('; ')}\n`);
  });

  it('gen: the re-run writes the same file and removes the killed run\'s temporary file', async () => {
    const cwd = tempDir('twins-fault-gen-');
    writeFileSync(join(cwd, 'g.json'), JSON.stringify({ name: 'faultgen', nodes: 4, twins: 1, rounds: 4,
      partitions: { min: 1, max: 3 }, order: 'random', limits: { scenarios: 120000 } }));
    await checkLifecycle(cwd, { name: 'gen', args: ['gen', 'g.json', '--output', 'out/s.jsonl', '--quiet'],
      again: ['gen', 'g.json', '--output', 'out/s.jsonl', '--quiet'], out: 'out' }, random);
  });

  it('exec with two workers: --resume gives the uninterrupted run\'s report', async () => {
    const cwd = tempDir('twins-fault-exec-');
    writeFileSync(join(cwd, 'g.json'), JSON.stringify({ name: 'faultexec', nodes: 4, twins: 1, rounds: 3,
      partitions: { min: 1, max: 2 }, order: 'random', limits: { scenarios: 1500 }, gst: { rounds: 3 } }));
    writeFileSync(join(cwd, 'x.json'), JSON.stringify({ name: 'faultexec', cases: [
      { name: 'bug', scenarios: 'g.json', bugs: ['conflicting_votes'], expect: 'safety-violation' },
      { name: 'clean', scenarios: 'g.json' }] }));
    const args = ['exec', 'x.json', '--reports', 'reports', '--quiet', '--workers', '2'];
    await checkLifecycle(cwd, { name: 'exec', args, again: [...args, '--resume'], out: 'reports' }, random);
    const junit = readFileSync(join(cwd, 'reports.reference', 'faultexec', 'junit.xml'), 'utf8');
    expect((junit.match(/<testcase /g) ?? []).length, 'finding groups of the exec run').to.be.greaterThan(3);
  });

  it('merge: the re-run gives the same merged report', async () => {
    const cwd = tempDir('twins-fault-merge-');
    writeFileSync(join(cwd, 'g.json'), JSON.stringify({ name: 'faultmerge', nodes: 4, twins: 1, rounds: 3,
      partitions: { min: 1, max: 2 }, order: 'random', limits: { scenarios: 300 }, gst: { rounds: 3 } }));
    writeFileSync(join(cwd, 'x.json'), JSON.stringify({ name: 'faultmerge', cases: [
      { name: 'bug', scenarios: 'g.json', bugs: ['conflicting_votes'], expect: 'safety-violation' }] }));
    for (const s of ['1/2', '2/2']) {
      const r = run(['exec', 'x.json', '--reports', 'shards', '--quiet', '--workers', '1', '--shard', s], cwd);
      expect(r.code, r.stderr).to.be.oneOf([0, 1]);
    }
    const args = ['merge', 'shards/faultmerge.shard-1-of-2', 'shards/faultmerge.shard-2-of-2', '--reports', 'merged'];
    await checkLifecycle(cwd, { name: 'merge', args, again: args, out: 'merged' }, random);
  });

  it('fuzz: the re-run with the same seed writes the same report and regression file', async () => {
    const cwd = tempDir('twins-fault-fuzz-');
    const args = ['fuzz', join(ROOT, 'generator-configs/fuzz_commit.json'), '--bugs', 'conflicting_votes', '--seed', '7',
      '--runs', '300', '--workers', '1', '--quiet', '--out', 'fuzzed/regression', '--reports', 'fuzzed/reports'];
    await checkLifecycle(cwd, { name: 'fuzz', args, again: args, out: 'fuzzed' }, random);
    expect(existsSync(join(cwd, 'fuzzed.reference', 'reports'))).to.equal(true);
  });
});
