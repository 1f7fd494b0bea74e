// `twins start` (`npm start`), the main job: generate the all_random scenarios, run them on the
// correct protocol and with an injected bug, then run every shipped bug and control config, and
// say where the reports are. A newcomer's first command shows what the tool is for.
//
// It reads the configs shipped in the package and writes into the current folder, so it runs the
// same in a clone and in any project that installed the package: scenarios/all_random.jsonl, the
// main config beside it as executor-configs/main.json (so its replay commands work from here), and
// reports/<name>/.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { PACKAGE_ROOT, shippedPath } from '../package-files.js';
import { execCommand } from './cmd-exec.js';
import { runGen } from './cmd-gen.js';
import { UserError } from './errors.js';

interface StartFlags {
  readonly workers?: string;
  readonly scenarios?: string;
  readonly quiet?: boolean;
  readonly json?: boolean;
}

export function register(program: Command): void {
  program.command('start')
    .description('the main job: generate all_random, run it and every shipped executor config')
    .option('--workers <n>', 'worker threads (default: available cores)')
    .option('--scenarios <n>', 'generate this many all_random scenarios instead of the config\'s 10,000')
    .option('--quiet', 'no progress output')
    .option('--json', 'print each config\'s exit code as JSON on stdout; everything else goes to stderr')
    .action(async (flags: StartFlags) => {
      process.exitCode = await startCommand(flags);
    });
}

/** A shipped file as the user can type it from the current folder. */
function shown(path: string): string {
  return relative(process.cwd(), path) || path;
}

/**
 * The main config to run from the current folder: the shipped one in the package's own folder, else
 * a copy of it in ./executor-configs/ (its scenarios path, ../scenarios/all_random.jsonl, then names
 * the file just generated here). A different file already there is left alone and refused.
 */
function mainConfigHere(): string {
  const shipped = shippedPath('executor-configs', 'main.json');
  const here = resolve('executor-configs', 'main.json');
  if (here === shipped) return 'executor-configs/main.json';
  const text = readFileSync(shipped, 'utf8');
  if (existsSync(here)) {
    if (readFileSync(here, 'utf8') !== text) {
      throw new UserError(here, null, 'exists and is not the shipped main config; twins start will not overwrite it ' +
        '(run it from another folder, or move the file)');
    }
  } else {
    mkdirSync(dirname(here), { recursive: true });
    writeFileSync(here, text);
  }
  return 'executor-configs/main.json';
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
  const allRandom = shown(shippedPath('generator-configs', 'all_random.json'));
  const main = mainConfigHere();
  say(`== 1/3  npx twins gen ${allRandom}${flags.scenarios === undefined ? '' : ` --scenarios ${flags.scenarios}`}\n`);
  await runGen(allRandom, { quiet, scenarios: flags.scenarios, output: join('scenarios', 'all_random.jsonl') });
  say(`\n== 2/3  npx twins exec ${main}\n`);
  codes.push(['main', await execCommand(main, { quiet, workers: flags.workers })]);
  say('\n== 3/3  every shipped bug and control config\n');
  const configs = readdirSync(join(PACKAGE_ROOT, 'executor-configs'))
    .filter((f) => f.endsWith('.json') && f !== 'main.json').sort();
  for (const file of configs) {
    const config = shown(shippedPath('executor-configs', file));
    say(`\n-- npx twins exec ${config}\n`);
    codes.push([file, await execCommand(config, { quiet: true, workers: 1 })]);
  }
  const bad = codes.filter(([, code]) => code !== 0);
  say(`\n${codes.length} executor configs run, ${codes.length - bad.length} met every expectation` +
    `${bad.length > 0 ? `; not: ${bad.map(([f, c]) => `${f} (exit ${c})`).join(', ')}` : ''}.\n` +
    'Reports: reports/<name>/index.html (timelines of every finding), summary.json, findings.jsonl, junit.xml.\n' +
    'Replay any finding with the command printed under it, e.g. npx twins replay reports/main/findings.jsonl:1\n');
  return bad.length === 0 ? 0 : Math.max(...bad.map(([, c]) => c));
}
