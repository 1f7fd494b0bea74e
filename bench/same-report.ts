// Two builds of `twins exec` write the same report: runs both CLIs on the same inputs (a .jsonl
// file from `twins gen`, once as is and once under a bug, a .jsonl file with blank lines, and a
// generator config online), with one worker and with two, and compares every file of each pair of
// report folders byte for byte, the run's duration aside (summary.json meta.durationMs, the page's
// copy of it and junit.xml's time). Exits 1 on any difference.
//   node dist/bench/same-report.js <rootA> <rootB> [scenarios]
// A root is a checkout whose dist/ is built (and which has node_modules, schemas and the configs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The report text without the run's duration, which differs between any two runs. */
export function withoutDuration(text: string): string {
  return text.replace(/"durationMs": \d+/g, '"durationMs": 0')
    .replace(/(durationMs<\/th><td class="mono">)\d+/g, '$10')
    .replace(/(<testsuites? [^>]*time=")[0-9.]+"/g, '$10"');
}

function cli(root: string, args: readonly string[]): void {
  try {
    execFileSync(process.execPath, [join(root, 'dist/src/cli/main.js'), ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  } catch (err) {
    const status = (err as { status?: number }).status;
    // 1 and 4: the run found what it was meant to find (a safety or liveness violation).
    if (status !== 1 && status !== 4) throw err;
  }
}

/** The inputs: a W1 .jsonl file (seed 7), the same with blank lines, and a small generator config. */
function inputs(root: string, dir: string, scenarios: number): string {
  const jsonl = join(dir, 'w1.jsonl');
  cli(root, ['gen', join(root, 'generator-configs/all_random.json'), '--seed', '7', '--scenarios', String(scenarios), '--out', jsonl, '--quiet']);
  const lines = readFileSync(jsonl, 'utf8').split('\n');
  writeFileSync(join(dir, 'blanks.jsonl'), lines.slice(0, 200).map((l, i) => (i % 7 === 3 ? `\n  \r\n${l}` : l)).join('\n'));
  const gen = JSON.parse(readFileSync(join(root, 'generator-configs/all_random.json'), 'utf8')) as Record<string, unknown>;
  delete gen['$schema'];
  writeFileSync(join(dir, 'gen.json'), JSON.stringify({ ...gen, limits: { scenarios: 300 } }));
  const config = join(dir, 'exec.json');
  writeFileSync(config, JSON.stringify({ name: 'same_report', cases: [
    { name: 'w1', scenarios: 'w1.jsonl' },
    { name: 'w1_bug', scenarios: 'w1.jsonl', bugs: ['conflicting_votes'], expect: 'safety-violation' },
    { name: 'blanks', scenarios: 'blanks.jsonl', bugs: ['conflicting_votes'], expect: 'safety-violation' },
    { name: 'online', scenarios: 'gen.json', bugs: ['conflicting_votes'], expect: 'safety-violation' },
  ] }));
  return config;
}

function compare(a: string, b: string): string[] {
  const files = [...new Set([...readdirSync(a), ...readdirSync(b)])].sort();
  const differ: string[] = [];
  for (const f of files) {
    let same = false;
    try {
      same = withoutDuration(readFileSync(join(a, f), 'utf8')) === withoutDuration(readFileSync(join(b, f), 'utf8'));
    } catch { /* a file only one side wrote */ }
    if (!same) differ.push(f);
  }
  return differ;
}

function main(): void {
  const [a, b, count = '2000'] = process.argv.slice(2);
  if (a === undefined || b === undefined) throw new Error('usage: same-report.js <rootA> <rootB> [scenarios]');
  const dir = mkdtempSync(join(tmpdir(), 'twins-same-'));
  let failed = false;
  try {
    const config = inputs(a, dir, Number(count));
    for (const workers of ['1', '2']) {
      // Both write to the same folder (replay commands name it), each report then moved aside.
      const out = (root: string, tag: string): string => {
        cli(root, ['exec', config, '--quiet', '--workers', workers, '--reports', join(dir, 'reports')]);
        renameSync(join(dir, 'reports', 'same_report'), join(dir, `${tag}-${workers}`));
        return join(dir, `${tag}-${workers}`);
      };
      const differ = compare(out(a, 'a'), out(b, 'b'));
      process.stdout.write(`${workers} worker${workers === '1' ? '' : 's'}: ${differ.length === 0 ? 'identical' : `differ: ${differ.join(', ')}`}\n`);
      failed ||= differ.length > 0;
    }
  } finally {
    if (process.env["TWINS_KEEP"] === undefined) rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`kept ${dir}\n`);
  }
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
