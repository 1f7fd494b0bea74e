// `npm run bench:bugs`: for every catalogued bug of DiemBFT, runs
//   twins fuzz generator-configs/all_random.json --bugs <bug> --seed <s> --no-write --json
// (with --strategy byzzfuzz for a bug the catalogue says only Byzantine mutations expose)
// as a child process for seeds 1 to 5 (default budget: 10,000 runs), and prints a Markdown table of
// the runs to the first failure and the wall seconds of each whole command (search, shrink and the
// CLI's start-up), with the oracle that fired. Exit code 1 when a bug is missed or a command takes
// longer than 60 s.
//   node dist/bench/bug-detection.js [--seeds 1,2,3,4,5] [--bugs a,b] [--workers N] [--config FILE]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUG_CATALOGUE, BUG_NAMES } from '../src/protocols/diembft/bugs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LIMIT_SECONDS = 60;
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const seeds = (flag('--seeds') ?? '1,2,3,4,5').split(',').map(Number);
const bugs = flag('--bugs')?.split(',') ?? [...BUG_NAMES];
const workers = flag('--workers') ?? '1';
const config = flag('--config') ?? 'generator-configs/all_random.json';

interface Cell { readonly found: boolean; readonly runs: number; readonly seconds: number; readonly oracle: string }

function detect(bug: string, seed: number, reports: string): Cell {
  const start = process.hrtime.bigint();
  const strategy = BUG_CATALOGUE.find((b) => b.name === bug)?.strategy;
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), 'fuzz', config, '--bugs', bug,
    ...(strategy === undefined ? [] : ['--strategy', strategy]), '--seed', String(seed), '--workers', workers, '--no-write', '--quiet', '--json', '--reports', reports],
  { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status === 2 || r.stdout === '') throw new Error(`fuzz ${bug} seed ${seed}: exit ${r.status}\n${r.stderr}`);
  const out = JSON.parse(r.stdout) as { failed: boolean; numRuns: number; violation: { oracle: string } | null };
  return { found: out.failed, runs: out.numRuns, seconds, oracle: out.violation?.oracle ?? '-' };
}

function main(): void {
  const reports = mkdtempSync(join(tmpdir(), 'twins-bug-detection-'));
  let ok = true;
  const lines = [
    `| Bug | ${seeds.map((s) => `seed ${s}`).join(' | ')} | Oracle (seed ${seeds[0]}) |`,
    `|---|${seeds.map(() => '---').join('|')}|---|`,
  ];
  try {
    for (const bug of bugs) {
      const cells = seeds.map((s) => detect(bug, s, reports));
      for (const c of cells) if (!c.found || c.seconds > LIMIT_SECONDS) ok = false;
      const runs = (c: Cell): string => `${c.runs} run${c.runs === 1 ? '' : 's'}, ${c.seconds.toFixed(1)} s`;
      const text = cells.map((c) => (c.found ? runs(c) : `MISSED (${runs(c)})`));
      const via = BUG_CATALOGUE.find((b) => b.name === bug)?.strategy;
      lines.push(`| \`${bug}\`${via === undefined ? '' : ` (${via})`} | ${text.join(' | ')} | \`${cells[0]!.oracle}\` |`);
      process.stderr.write(`${lines[lines.length - 1]}\n`);
    }
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!ok) {
    process.stderr.write(`some bug was missed or took longer than ${LIMIT_SECONDS} s\n`);
    process.exitCode = 1;
  }
}

main();
