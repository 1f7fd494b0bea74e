// `twins replay <finding-or-scenario>`: re-runs one scenario and prints a header, its trace (one line
// per event, or one block per round with --compact, narrowed by --replica, --round and --kind), the
// verdict and the trace hash (src/cli/replay-print.ts). It exits 0 when the verdict is what the
// scenario's case expects (src/cli/replay-expect.ts).
import type { Command } from 'commander';
import { runScenario } from '../exec/run-scenario.js';
import { resolveReplayTarget, withTargetOptions, type ReplayFlags } from './replay-target.js';
import { EVENT_KINDS, keep, parseTraceFilter, replayLines, type FilterFlags } from './replay-print.js';
import { expectationOf, replayExitCode } from './replay-expect.js';
import { LedgerFolder } from './ledger-files.js';
import { findingProtocol, wordsOf } from '../exec/report/protocol-words.js';
import type { ReplicaLedger } from '../exec/ledgers.js';

interface Flags extends ReplayFlags, FilterFlags {
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly drops?: boolean;
  readonly compact?: boolean;
  readonly ledgers?: string;
}

export function register(program: Command): void {
  withTargetOptions(program.command('replay').description('re-run one scenario and print its trace'), 'replay')
    .option('--drops', 'also print every dropped message')
    .option('--compact', 'one block per round (view): proposals, votes, certificates, drops, commits')
    .option('--replica <names>', 'only events of these replicas, e.g. a,d\'')
    .option('--round <r>', 'only events of this round or range, e.g. 3 or 2-4 (for PBFT: views)')
    .option('--kind <kinds>', `only these event kinds: ${EVENT_KINDS.join(', ')}`)
    .option('--quiet', 'no trace: the header, the verdict and the trace hash')
    .option('--json', 'print the result with its (filtered) trace as JSON')
    .option('--ledgers <dir>', 'also write each replica\'s committed log: <dir>/<replica>.jsonl')
    .action((target: string, flags: Flags) => {
      const t = resolveReplayTarget(target, flags);
      const filter = parseTraceFilter(flags, t.scenario, wordsOf(findingProtocol(t.options, t.scenario)).vocabulary);
      const result = runScenario(t.scenario, t.options, { trace: true, ledgers: flags.ledgers !== undefined });
      if (flags.ledgers !== undefined) writeReplayLedgers(flags.ledgers, result.ledgers ?? []);
      if (flags.json) {
        const trace = (result.trace ?? []).filter((e) => keep(filter, e));
        process.stdout.write(JSON.stringify({ target: t.label, options: t.options, ...result, trace }, null, 2) + '\n');
      } else {
        const view = { filter, compact: flags.compact === true, drops: flags.drops === true, quiet: flags.quiet === true };
        for (const line of replayLines(t.label, t.scenario, t.options, result, view)) process.stdout.write(line + '\n');
      }
      process.exitCode = replayExitCode(result.verdict, expectationOf(target, flags));
    });
}

/** `--ledgers DIR`: one `<replica>.jsonl` per replica in DIR, replacing files of the same names. */
function writeReplayLedgers(dir: string, ledgers: readonly ReplicaLedger[]): void {
  const folder = new LedgerFolder(dir);
  try {
    folder.write([], ledgers);
    folder.commit();
  } catch (err) {
    folder.abort();
    throw err;
  }
}
