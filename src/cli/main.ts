#!/usr/bin/env node
// The `twins` command line. Each sub-command lives in its own cmd-*.ts module; this file lists them,
// loads only the module of the command being run (so `twins --help` stays fast) and maps errors to
// exit codes (README "Flags and exit codes").
import { Command, CommanderError } from 'commander';
import { UserError, EXIT } from './errors.js';
import { VERSION } from '../package-root.js';
import { phaseEnd, printPhases } from './phases.js';

interface CommandEntry {
  readonly name: string;
  /** Its arguments and one-line description, as the module registers them (a test checks they agree). */
  readonly args: string;
  readonly description: string;
  readonly load: () => Promise<{ register(program: Command): void }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'gen', args: '<config>', description: 'generate Twins scenarios from a generator config into a .jsonl file',
    load: () => import('./cmd-gen.js') },
  { name: 'exec', args: '<config>', description: 'run every case of an executor config and check safety and liveness',
    load: () => import('./cmd-exec.js') },
  { name: 'replay', args: '<target>', description: 're-run one scenario and print its trace',
    load: () => import('./cmd-replay.js') },
  { name: 'report', args: '<target>', description: 're-run one scenario and write its HTML timeline page',
    load: () => import('./cmd-report.js') },
  { name: 'fuzz', args: '<config>', description: 'search a generator config\'s scenario space with fast-check and shrink a failure to a minimal scenario',
    load: () => import('./cmd-fuzz.js') },
  { name: 'merge', args: '<reports...>', description: 'join shard reports (exec --shard i/N) into one report',
    load: () => import('./cmd-merge.js') },
  { name: 'node', args: '<cluster-config>', description: 'run one replica of a cluster config as a network node',
    load: () => import('./cmd-node.js') },
  { name: 'cluster', args: '<cluster-config>', description: 'start every node of a cluster config on this machine until Ctrl-C',
    load: () => import('./cmd-cluster.js') },
  { name: 'gateway', args: '[cluster-config]', description: 'serve the wallet of a running cluster over REST',
    load: () => import('./cmd-gateway.js') },
  { name: 'loadtest', args: '', description: 'measure wallet throughput and latency on loopback clusters of each protocol and configuration',
    load: () => import('./cmd-loadtest.js') },
  { name: 'start', args: '', description: 'the main job: generate all_random, run it and every shipped executor config',
    load: () => import('./cmd-start.js') },
];

/** The command a command line runs (`twins help exec` asks about exec), or null. */
function commandOf(argv: readonly string[]): string | null {
  const words = argv.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] ?? null : words[0] ?? null;
}

/**
 * The program with the module of the command in `argv` loaded (every module with `all`); the other
 * commands are listed by name and description only.
 */
export async function buildProgram(argv: readonly string[] = [], all = false): Promise<Command> {
  const program = new Command('twins')
    .description('Twins scenario generator and deterministic DiemBFT v4 scenario executor')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });
  const wanted = commandOf(argv);
  for (const entry of COMMANDS) {
    if (all || entry.name === wanted) (await entry.load()).register(program);
    else program.command(`${entry.name}${entry.args === '' ? '' : ` ${entry.args}`}`).description(entry.description);
  }
  return program;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: readonly string[]): Promise<number> {
  // Bare `twins` is a mistake, not a request: usage on stderr, exit 2.
  if (argv.length === 0) {
    process.stderr.write((await buildProgram()).helpInformation());
    return EXIT.badInput;
  }
  try {
    const program = await buildProgram(argv);
    phaseEnd('load');
    await program.parseAsync([...argv], { from: 'user' });
    printPhases();
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    return reportError(err);
  }
}

export function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
      return EXIT.ok;
    }
    return EXIT.badInput;
  }
  if (err instanceof UserError) {
    process.stderr.write(`error: ${err.message}\n`);
    return EXIT.badInput;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`internal error: ${e.stack ?? e.message}\n`);
  return EXIT.internal;
}

const invokedDirectly = process.argv[1] !== undefined &&
  import.meta.url === new URL(`file://${(await import('node:fs')).realpathSync(process.argv[1])}`).href;
if (invokedDirectly) {
  // A reader that goes away (`twins replay ... | head`) ends the command quietly, not with a trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
}
