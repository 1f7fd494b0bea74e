// `twins replay <finding-or-scenario>`: re-runs one scenario and prints its trace readably, one line
// per event (tick, round, replica, what happened), then the verdict and the trace hash.
import type { Command } from 'commander';
import type { TraceEvent } from '../exec/report-types.js';
import { runScenario } from '../exec/run-scenario.js';
import { resolveReplayTarget, withTargetOptions, type ReplayFlags } from './replay-target.js';

interface Flags extends ReplayFlags {
  readonly json?: boolean;
  readonly drops?: boolean;
}

export function register(program: Command): void {
  withTargetOptions(program.command('replay').description('re-run one scenario and print its trace'), 'replay')
    .option('--drops', 'also print every dropped message')
    .option('--json', 'print the result with its trace as JSON')
    .action((target: string, flags: Flags) => {
      const t = resolveReplayTarget(target, flags);
      const result = runScenario(t.scenario, t.options, { trace: true });
      if (flags.json) {
        process.stdout.write(JSON.stringify({ target: t.label, options: t.options, ...result }, null, 2) + '\n');
      } else {
        process.stdout.write(`replay ${t.label}  seed ${t.options.seed}  bugs [${t.options.bugs.join(', ')}]  crypto ${t.options.crypto}\n`);
        for (const e of result.trace ?? []) {
          const line = formatEvent(e, flags.drops === true);
          if (line !== null) process.stdout.write(line + '\n');
        }
        process.stdout.write(`verdict: ${result.verdict}${result.error ? ` (${result.error})` : ''}\n`);
        for (const v of result.violations) process.stdout.write(`  ${v.oracle} round ${v.round} tick ${v.tick}: ${v.detail}\n`);
        process.stdout.write(`trace hash ${result.traceHash}, ${result.events} events, ${result.ticks} ticks, height ${result.height}\n`);
      }
      process.exitCode = result.verdict === 'pass' ? 0 : result.verdict === 'liveness-violation' ? 4 : 1;
    });
}

const short = (id: string): string => id.slice(0, 8);

/** One readable line per event; null for events hidden by default (drops). */
export function formatEvent(e: TraceEvent, showDrops: boolean): string | null {
  const at = (round: number | string, who: string, what: string): string =>
    `${String(e.tick).padStart(6)}  r${String(round).padEnd(3)} ${who.padEnd(6)} ${what}`;
  switch (e.type) {
    case 'deliver': return at(e.round, e.to, `<- ${e.kind} from ${e.from}: ${e.what}`);
    case 'drop': return showDrops ? at(e.round, e.from, `x  ${e.kind} to ${e.to} dropped (${e.reason})`) : null;
    case 'timer': return at(e.round, e.replica, 'round timer fired');
    case 'enter-round': return at(e.round, e.replica, `enters round ${e.round} via ${e.via}`);
    case 'propose': return at(e.round, e.replica, `proposes ${short(e.blockId)} on QC r${e.qcRound}` +
      `${e.tcRound === null ? '' : ` with TC r${e.tcRound}`}`);
    case 'vote': return at(e.round, e.replica, `votes for ${short(e.blockId)} -> ${e.to}${e.commits ? ' (commit candidate)' : ''}`);
    case 'timeout': return at(e.round, e.replica, `times out round ${e.round} (high QC r${e.highQcRound})`);
    case 'qc': case 'tc': return at(e.round, e.replica, `${e.formed ? 'forms' : 'accepts'} ${e.type.toUpperCase()} r${e.round}` +
      `${e.cert.blockId ? ` for ${short(e.cert.blockId)}` : ''} signed by [${e.cert.signers.join(', ')}]`);
    case 'commit': return at(e.round, e.replica, `COMMITS ${short(e.blockId)} at height ${e.height}`);
    case 'reject': return at('-', e.replica, `rejects: ${e.detail}`);
    case 'alarm': return at('-', e.replica, `ALARM: ${e.detail}`);
    case 'heal': return at('-', '*', 'network heals (GST)');
    case 'crash': case 'restart': return at('-', e.replica, e.type);
    case 'violation': return at(e.violation.round, '!', `VIOLATION ${e.violation.oracle}: ${e.violation.detail}`);
    default: return unreachable(e);
  }
}

function unreachable(x: never): never {
  throw new Error(`unreachable: ${JSON.stringify(x)}`);
}
