// `twins exec <config>` (DESIGN §7): runs every case of an executor config, prints one line per case
// and a summary, and writes reports/<name>/ (summary.json, findings.jsonl, index.html, junit.xml).
// This module is what `twins` loads to list and parse the command; the run itself (exec-run.ts) is
// loaded once the worker threads have started, so they load the executor while this thread loads
// the rest.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { UserError } from './errors.js';
import { startPool, stopPool } from './exec-pool.js';

export interface ExecFlags {
  /** Replaces the bugs of every case. */
  readonly bugs?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly reports?: string;
  readonly workers?: string | number;
  readonly shard?: string;
  readonly resume?: boolean;
  /** `--ledgers DIR`: write each replica's committed log per case and scenario (exec-ledgers.ts). */
  readonly ledgers?: string;
  /** Print nothing on stdout (for library callers and tests). */
  readonly silent?: boolean;
  /** `--network`: run every scenario on real sockets and real time (exec-network.ts). */
  readonly network?: boolean;
  /** `--tick-ms MS`: milliseconds of real time per tick in a network run. */
  readonly tickMs?: string | number;
  /** The pool's worker module (for tests; not a command-line flag). */
  readonly workerFile?: string;
}

export function register(program: Command): void {
  program.command('exec')
    .description('run every case of an executor config and check safety and liveness')
    .argument('<config>', 'executor config (.json)')
    .option('--bugs <list>', 'comma-separated bug names injected in every case, replacing each case\'s bugs')
    .option('--json', 'print the summary as JSON to stdout and nothing else there')
    .option('--quiet', 'no progress output')
    .option('--reports <dir>', 'directory that receives reports/<name>/', 'reports')
    .option('--workers <n>', 'worker threads (default: available cores)')
    .option('--shard <i/N>', 'run shard i of N of every case\'s scenarios and write a shard report')
    .option('--resume', 'continue an interrupted run of the same config from its journal')
    .option('--ledgers <dir>', 'also write each replica\'s committed log: <dir>/<case>/<index>/<replica>.jsonl')
    .option('--network', 'run each scenario on real TCP sockets and real time (network Twins) and judge the nodes\' logs')
    .option('--tick-ms <ms>', 'with --network: milliseconds of real time per tick (default 20)')
    .action(async (config: string, flags: ExecFlags) => {
      process.exitCode = await execCommand(config, flags);
    });
}

export function workerCount(flag: string | number | undefined): number {
  if (flag === undefined) return availableParallelism();
  const n = Number(flag);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UserError(null, '--workers', `must be an integer 1..256, got '${flag}'`);
  return n;
}

export async function execCommand(configFile: string, flags: ExecFlags): Promise<number> {
  if (flags.network === true) {
    const { runNetworkExec } = await import('./exec-network.js');
    return runNetworkExec(configFile, flags);
  }
  if (flags.tickMs !== undefined) throw new UserError(null, '--tick-ms', 'applies only with --network');
  const workers = workerCount(flags.workers);
  // The worker threads start first: they load the executor while this thread reads the config.
  const pool = startPool(workers, flags.workerFile);
  try {
    const { runExec } = await import('./exec-run.js');
    return await runExec(configFile, flags, workers, pool);
  } finally {
    if (pool !== null) await stopPool(pool);
  }
}

