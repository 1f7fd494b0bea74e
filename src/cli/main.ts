#!/usr/bin/env node
// The `twins` command line. Each sub-command lives in its own cmd-*.ts module and registers itself
// here; this file only wires them up and maps errors to exit codes (DESIGN §7).
import { Command, CommanderError } from 'commander';
import { UserError, EXIT } from './errors.js';
import { VERSION } from '../package-files.js';
import { register as registerGen } from './cmd-gen.js';
import { register as registerExec } from './cmd-exec.js';
import { register as registerReplay } from './cmd-replay.js';
import { register as registerReport } from './cmd-report.js';
import { register as registerFuzz } from './cmd-fuzz.js';
import { register as registerMerge } from './cmd-merge.js';
import { register as registerStart } from './cmd-start.js';

export function buildProgram(): Command {
  const program = new Command('twins')
    .description('Twins scenario generator and deterministic DiemBFT v4 scenario executor')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) });
  for (const register of [registerGen, registerExec, registerReplay, registerReport, registerFuzz,
    registerMerge, registerStart]) {
    register(program);
  }
  return program;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
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
