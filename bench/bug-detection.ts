// `npm run bench:bugs`: for every catalogued bug of every protocol, runs
//   twins fuzz <the protocol's generic config> --bugs <bug> --seed <s> --no-write --json
// (the default strategy; a bug only a fault no strategy draws over the config exposes, such as an
// attribute set, is listed as not drawable)
// as a child process for seeds 1 to 5 (default budget: 10,000 runs), and prints a Markdown table of
// the runs to the first failure and the wall seconds of each whole command (search, shrink and the
// CLI's start-up), with the oracle that fired and the size of the shrunk scenario. The generic
// configs are generator-configs/all_random.json (DiemBFT) and <protocol>_random.json (the others,
// bench/protocol-configs.ts). Exit code 1 when a bug is missed or a command takes longer than 60 s.
//   node dist/bench/bug-detection.js [--seeds 1,2,3,4,5] [--bugs a,b] [--protocols a,b] [--workers N] [--config FILE]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGeneratorConfig } from '../src/cli/cmd-gen.js';
import { canDraw, STRATEGIES } from '../src/gen/strategies.js';
import { protocolNamed } from '../src/protocols/registry.js';
import type { Scenario } from '../src/scenario/types.js';
import { benchProtocols, randomConfigOf, sizeOf } from './protocol-configs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LIMIT_SECONDS = 60;
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const seeds = (flag('--seeds') ?? '1,2,3,4,5').split(',').map(Number);
const onlyBugs = flag('--bugs')?.split(',');
const workers = flag('--workers') ?? '1';
const configFlag = flag('--config');

interface Cell { readonly found: boolean; readonly runs: number; readonly seconds: number; readonly oracle: string; readonly shrunk: string }

function detect(config: string, bug: string, seed: number, reports: string): Cell {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/src/cli/main.js'), 'fuzz', config, '--bugs', bug, '--seed', String(seed),
    '--workers', workers, '--no-write', '--quiet', '--json', '--reports', reports], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status === 2 || r.stdout === '') throw new Error(`fuzz ${bug} seed ${seed}: exit ${r.status}\n${r.stderr}`);
  const out = JSON.parse(r.stdout) as { failed: boolean; numRuns: number; violation: { oracle: string } | null;
    shrunk: { scenario: Scenario } | null };
  return { found: out.failed, runs: out.numRuns, seconds, oracle: out.violation?.oracle ?? '-', shrunk: sizeOf(out.shrunk?.scenario ?? null) };
}

/** The (protocol, config) pairs to cover: `--config` names one; otherwise each protocol's generic config. */
function targets(): { protocol: string; config: string }[] {
  if (configFlag !== undefined) {
    const protocol = (JSON.parse(readFileSync(join(ROOT, configFlag), 'utf8')) as { protocol?: string }).protocol ?? 'diembft';
    return [{ protocol, config: configFlag }];
  }
  return benchProtocols(flag('--protocols')).map((protocol) => ({ protocol, config: randomConfigOf(protocol) }));
}

function main(): void {
  const reports = mkdtempSync(join(tmpdir(), 'twins-bug-detection-'));
  let ok = true;
  const lines = [
    `| Protocol | Bug | ${seeds.map((s) => `seed ${s}`).join(' | ')} | Oracle (seed ${seeds[0]}) | Shrunk (seed ${seeds[0]}) |`,
    `|---|---|${seeds.map(() => '---').join('|')}|---|---|`,
  ];
  try {
    for (const { protocol, config } of targets()) {
      const parsed = loadGeneratorConfig(join(ROOT, config), {});
      for (const info of protocolNamed(protocol).bugs) {
        const bug = info.name;
        if (onlyBugs !== undefined && !onlyBugs.includes(bug)) continue;
        if (!STRATEGIES.some((s) => canDraw(s, info, parsed))) {
          lines.push(`| ${protocol} | \`${bug}\` | ${seeds.map(() => `not drawable (needs ${info.exposedBy})`).join(' | ')} | - | - |`);
          continue;
        }
        const cells = seeds.map((s) => detect(config, bug, s, reports));
        for (const c of cells) if (!c.found || c.seconds > LIMIT_SECONDS) ok = false;
        const runs = (c: Cell): string => `${c.runs} run${c.runs === 1 ? '' : 's'}, ${c.seconds.toFixed(1)} s`;
        const text = cells.map((c) => (c.found ? runs(c) : `MISSED (${runs(c)})`));
        lines.push(`| ${protocol} | \`${bug}\` | ${text.join(' | ')} | \`${cells[0]!.oracle}\` | ${cells[0]!.shrunk} |`);
        process.stderr.write(`${lines[lines.length - 1]}\n`);
      }
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
