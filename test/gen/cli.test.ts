// `twins gen` end to end, as a user runs it: a child process, real files, exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { BAD_CONFIGS, expectedBad } from './helpers.js';
import { tempDir } from '../temp-dir.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const CONFIGS = fileURLToPath(new URL('../../../generator-configs/', import.meta.url));

interface Run { status: number | null; stdout: string; stderr: string }

function twins(...args: string[]): Run {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function lineCount(file: string): number {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').length;
}

describe('twins gen (CLI)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'twins-gen-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the seed first, then the options, and ends with a summary line', () => {
    const out = join(dir, 'a.jsonl');
    const r = twins('gen', join(CONFIGS, 'all_random.json'), '--scenarios', '500', '--output', out);
    expect(r.status).to.equal(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).to.equal('gen all_random: seed 20260101');
    expect(r.stdout).to.contain('order random');
    expect(lines[lines.length - 1]).to.match(/^wrote 500 scenarios \(500 distinct\) to .* in [\d.]+s, \d+ scenarios\/s$/);
    expect(lineCount(out)).to.equal(500);
    expect(readdirSync(dir)).to.deep.equal(['a.jsonl']);
  });

  it('--count --json prints the step sizes as decimal strings, and enumeration writes that many lines', () => {
    const config = join(CONFIGS, 'exhaustive_small.json');
    const r = twins('gen', '--count', '--json', config);
    expect(r.status).to.equal(0);
    const counts = JSON.parse(r.stdout) as Record<string, string>;
    expect(counts).to.deep.include({ partitions: '16', roundConfigs: '16', scenarios: '4096' });
    const out = join(dir, 'e.jsonl');
    expect(twins('gen', config, '--output', out, '--quiet').status).to.equal(0);
    expect(lineCount(out)).to.equal(Number(counts.scenarios));
  });

  it('--count reports spaces beyond 2^64 exactly without generating', () => {
    const r = twins('gen', '--count', '--json', join(CONFIGS, 'n7_sampled.json'));
    const counts = JSON.parse(r.stdout) as { unlimited: Record<string, string> };
    expect(BigInt(counts.unlimited.scenarios!)).to.equal(53842n ** 7n);
  });

  it('the same seed writes byte-identical files; --seed changes them', () => {
    const config = join(CONFIGS, 'all_random.json');
    const [a, b, c] = ['a', 'b', 'c'].map((n) => join(dir, `${n}.jsonl`));
    twins('gen', config, '--scenarios', '300', '--output', a!, '--quiet');
    twins('gen', config, '--scenarios', '300', '--output', b!, '--quiet');
    twins('gen', config, '--scenarios', '300', '--output', c!, '--quiet', '--seed', '7');
    expect(readFileSync(a!)).to.deep.equal(readFileSync(b!));
    expect(readFileSync(a!)).to.not.deep.equal(readFileSync(c!));
  });

  it('symmetry reports how many scenarios it removed', () => {
    const out = join(dir, 's.jsonl');
    const r = twins('gen', join(CONFIGS, 'symmetry_small.json'), '--output', out);
    expect(r.stdout).to.match(/wrote 816 scenarios \(816 distinct, 3280 removed by symmetry\)/);
    expect(lineCount(out)).to.equal(816);
  });

  it('refuses every bad config with exit 2, the file and JSON path, and no output file', () => {
    for (const [name, want] of Object.entries(expectedBad)) {
      const out = join(dir, 'bad.jsonl');
      const r = twins('gen', fileURLToPath(new URL(name, BAD_CONFIGS)), '--output', out);
      expect(r.status, name).to.equal(2);
      expect(r.stderr, name).to.contain(name);
      if (want.path !== null) expect(r.stderr, name).to.contain(`: ${want.path}: `);
      expect(readdirSync(dir), name).to.deep.equal([]);
    }
  });

  it('an output path that cannot be written is a user error with no temporary file left behind', () => {
    const out = join(dir, 'taken');
    mkdirSync(out);
    const r = twins('gen', join(CONFIGS, 'exhaustive_small.json'), '--output', out, '--quiet');
    expect(r.status).to.equal(2);
    expect(r.stderr).to.contain('cannot write the output file');
    expect(readdirSync(dir)).to.deep.equal(['taken']);
  });

  it('rejects a --scenarios that is not a positive integer', () => {
    const r = twins('gen', join(CONFIGS, 'all_random.json'), '--scenarios', '-5', '--output', join(dir, 'x.jsonl'));
    expect(r.status).to.equal(2);
    expect(existsSync(join(dir, 'x.jsonl'))).to.equal(false);
  });
});

describe('gen: a reader that goes away', function () {
  this.timeout(60_000);
  it('ends the run without leaving the temporary file behind', async () => {
    const { spawn } = await import('node:child_process');
    const dir = tempDir('twins-gen-epipe-');
    const out = join(dir, 'big.jsonl');
    // Progress lines go to stderr every 2 s when it is not a terminal; closing the pipe makes the next one fail with EPIPE.
    const child = spawn(process.execPath, [MAIN, 'gen', join(CONFIGS, 'all_random.json'), '--scenarios', '20000000', '--output', out],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    while (!readdirSync(dir).some((f) => f.includes('.tmp-'))) await new Promise((r) => setTimeout(r, 20));
    child.stdout.destroy();
    child.stderr.destroy();
    const code = await exited;
    expect(code, 'the run ends early, quietly').to.equal(0);
    expect(readdirSync(dir)).to.deep.equal([]);
  });
});
