// `twins start` (`npm start`), the main job: generate the all_random scenarios, run them on the
// correct protocol and with an injected bug, then run every shipped bug and control config, and
// say where the reports are. A newcomer's first command shows what the tool is for.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { execCommand } from './cmd-exec.js';
import { runGen } from './cmd-gen.js';

interface StartFlags {
  readonly workers?: string;
  readonly quiet?: boolean;
  readonly json?: boolean;
}

export function register(program: Command): void {
  program.command('start')
    .description('the main job: generate all_random, run it and every shipped executor config')
    .option('--workers <n>', 'worker threads (default: available cores)')
    .option('--quiet', 'no progress output')
    .option('--json', 'print each config\'s exit code as JSON on stdout; everything else goes to stderr')
    .action(async (flags: StartFlags) => {
      process.exitCode = await startCommand(flags);
    });
}

export async function startCommand(flags: StartFlags): Promise<number> {
  if (flags.json !== true) return runAll(flags);
  const codes: [string, number][] = [];
  const code = await toStderr(() => runAll(flags, codes));
  process.stdout.write(JSON.stringify({ ok: code === 0, configs: codes.map(([config, exit]) => ({ config, exit })) }, null, 2) + '\n');
  return code;
}

/** Runs `fn` with everything written to stdout sent to stderr, so stdout holds only the JSON. */
async function toStderr<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    return await fn();
  } finally {
    process.stdout.write = write;
  }
}

async function runAll(flags: StartFlags, codes: [string, number][] = []): Promise<number> {
  const quiet = flags.quiet === true;
  const say = (s: string): void => { process.stdout.write(s); };
  say('== 1/3  twins gen generator-configs/all_random.json\n');
  await runGen('generator-configs/all_random.json', { quiet });
  say('\n== 2/3  twins exec executor-configs/main.json\n');
  codes.push(['main', await execCommand('executor-configs/main.json', { quiet, workers: flags.workers })]);
  say('\n== 3/3  every shipped bug and control config\n');
  const configs = readdirSync('executor-configs').filter((f) => f.endsWith('.json') && f !== 'main.json').sort();
  for (const file of configs) {
    say(`\n-- twins exec executor-configs/${file}\n`);
    codes.push([file, await execCommand(join('executor-configs', file), { quiet: true, workers: 1 })]);
  }
  const bad = codes.filter(([, code]) => code !== 0);
  say(`\n${codes.length} executor configs run, ${codes.length - bad.length} met every expectation` +
    `${bad.length > 0 ? `; not: ${bad.map(([f, c]) => `${f} (exit ${c})`).join(', ')}` : ''}.\n` +
    'Reports: reports/<name>/index.html (timelines of every finding), summary.json, findings.jsonl, junit.xml.\n' +
    'Replay any finding with the command printed under it, e.g. npx twins replay reports/main/findings.jsonl:1\n');
  return bad.length === 0 ? 0 : Math.max(...bad.map(([, c]) => c));
}
