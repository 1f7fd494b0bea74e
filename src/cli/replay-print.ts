// What `twins replay` prints: a header (the target, the scenario's cast and rounds, the options),
// then the trace as one line per event or, with --compact, one block per round, narrowed by
// --replica, --round and --kind. Replicas are always named (a, d'), never numbered, and every block
// id is shown by the same 8 hex digits.
import { scenarioTimingLines } from './scenario-faults-text.js';
import type { TraceEvent, Violation } from '../exec/report-types.js';
import type { RunResult } from '../exec/run-scenario.js';
import type { RunOptions } from '../scenario/executor-config.js';
import type { Scenario } from '../scenario/types.js';
import { UserError } from './errors.js';
import { compactTrace } from './replay-compact.js';
import { gstTailText, plural } from './words.js';
import { DEFAULT_VOCABULARY, roundName, roundsOfNumbers, roundTag, type Vocabulary } from '../kernel/vocabulary.js';
import { findingProtocol, wordsOf } from '../exec/report/protocol-words.js';

export const EVENT_KINDS: readonly TraceEvent['type'][] = ['enter-round', 'propose', 'vote', 'timeout', 'qc', 'tc',
  'commit', 'deliver', 'drop', 'timer', 'reject', 'alarm', 'heal', 'crash', 'restart', 'violation'];

export interface TraceFilter {
  readonly replicas: readonly string[] | null;
  readonly rounds: { readonly from: number; readonly to: number } | null;
  readonly kinds: readonly string[] | null;
}

export interface FilterFlags {
  readonly replica?: string;
  readonly round?: string;
  readonly kind?: string;
}

const list = (text: string): string[] => text.split(',').map((x) => x.trim()).filter((x) => x !== '');

/**
 * Checks --replica, --round and --kind against the scenario; every problem is a UserError. --round
 * numbers rounds the way the protocol's words do (PBFT: views), and the filter holds round tags.
 */
export function parseTraceFilter(flags: FilterFlags, scenario: Scenario, v: Vocabulary = DEFAULT_VOCABULARY): TraceFilter {
  const names = [...scenario.nodes, ...scenario.twins.map((t) => `${t}'`)];
  const replicas = flags.replica === undefined ? null : list(flags.replica);
  for (const r of replicas ?? []) {
    if (!names.includes(r)) throw new UserError(null, '--replica', `unknown replica '${r}'; replicas: ${names.join(', ')}`);
  }
  let rounds: TraceFilter['rounds'] = null;
  if (flags.round !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(flags.round);
    if (m === null || Number(m[1]) > Number(m[2] ?? m[1])) {
      throw new UserError(null, '--round', `must be a ${v.round} or a range such as 2-4, got '${flags.round}'`);
    }
    rounds = roundsOfNumbers(v, Number(m[1]), Number(m[2] ?? m[1]));
  }
  const kinds = flags.kind === undefined ? null : list(flags.kind);
  for (const k of kinds ?? []) {
    if (!(EVENT_KINDS as readonly string[]).includes(k)) {
      throw new UserError(null, '--kind', `unknown event kind '${k}'; kinds: ${EVENT_KINDS.join(', ')}`);
    }
  }
  return { replicas, rounds, kinds };
}

/** The replicas an event concerns (both ends of a message). */
function replicasOfEvent(e: TraceEvent): string[] {
  if (e.type === 'deliver' || e.type === 'drop') return [e.from, e.to];
  if (e.type === 'violation') return [...e.violation.replicas];
  return 'replica' in e ? [e.replica] : [];
}

export function roundOf(e: TraceEvent): number | null {
  if (e.type === 'violation') return e.violation.round;
  if (e.type === 'qc' || e.type === 'tc') return e.cert.round;
  return 'round' in e ? e.round : null;
}

export function keep(filter: TraceFilter, e: TraceEvent): boolean {
  if (filter.kinds !== null && !filter.kinds.includes(e.type)) return false;
  if (filter.replicas !== null && e.type !== 'heal') {
    const names = replicasOfEvent(e);
    if (!names.some((n) => filter.replicas!.includes(n))) return false;
  }
  if (filter.rounds !== null) {
    const r = roundOf(e);
    if (r === null || r < filter.rounds.from || r > filter.rounds.to) return false;
  }
  return true;
}

/** Block ids as 8 hex digits; a message description's 4-digit prefix is widened to the same 8. */
export class Names {
  private readonly byPrefix = new Map<string, string>();

  constructor(private readonly scenario: Scenario, trace: readonly TraceEvent[]) {
    for (const e of trace) if (e.type === 'propose') this.byPrefix.set(e.blockId.slice(0, 4), e.blockId.slice(0, 8));
  }

  id(blockId: string): string {
    return blockId.slice(0, 8);
  }

  /** A protocol's message description with identity numbers named and short ids widened. */
  message(what: string): string {
    return what
      .replace(/\bby (\d+)\b/g, (all, n: string) => `by ${this.scenario.nodes[Number(n)] ?? all.slice(3)}`)
      .replace(/\b(block|for) ([0-9a-f]{4})\b/g, (all, word: string, id: string) => `${word} ${this.byPrefix.get(id) ?? id}`);
  }
}

export function header(label: string, scenario: Scenario, options: RunOptions, v: Vocabulary = DEFAULT_VOCABULARY): string[] {
  const twins = scenario.twins.length === 0 ? 'no twins' : `twins ${scenario.twins.map((t) => `${t} (${t}, ${t}')`).join(', ')}`;
  const gst = gstTailText(scenario.gst, wordsOf(findingProtocol(options, scenario)).tailUnit);
  return [
    `replay ${label}`,
    `  scenario: ${plural(scenario.nodes.length, 'node')} (${scenario.nodes.join(' ')}), ${twins}; ` +
      `${plural(scenario.rounds.length, `scripted ${v.round}`)}, ${gst}`,
    `  options: seed ${options.seed}, bugs [${options.bugs.join(', ')}], crypto ${options.crypto}, ` +
      `delay ${JSON.stringify(options.delayTicks)} ticks, ${v.timeoutOption} ${options.roundTimeoutTicks} ticks`,
    ...scenarioTimingLines(scenario),
  ];
}

/** Every line `twins replay` prints for a run, the header first and the verdict last. */
export function replayLines(label: string, scenario: Scenario, options: RunOptions, result: RunResult,
  view: { filter: TraceFilter; compact: boolean; drops: boolean; quiet: boolean }): string[] {
  const trace = result.trace ?? [];
  const names = new Names(scenario, trace);
  const v = wordsOf(findingProtocol(options, scenario)).vocabulary;
  const shown = trace.filter((e) => keep(view.filter, e) && (view.drops || view.compact || e.type !== 'drop' || view.filter.kinds !== null));
  const body = view.quiet ? [] : view.compact
    ? compactTrace(scenario, shown, names, v)
    : [`    tick  ${v.round.padEnd(5)}  replica  event`, ...shown.map((e) => formatEvent(e, names, v))];
  return [
    ...header(label, scenario, options, v),
    ...body,
    `verdict: ${result.verdict}${result.error ? ` (${result.error})` : ''}`,
    ...result.violations.map((x: Violation) => `  ${x.oracle} ${roundName(v, x.round)} tick ${x.tick}: ${x.detail}`),
    `trace hash ${result.traceHash}, ${plural(result.events, 'event')}, ${plural(result.ticks, 'tick')}, height ${result.height}`,
  ];
}

/**
 * One readable line per event: tick, round, replica, what happened. The round column is the trace's
 * round tag in the protocol's numbering (r3; PBFT: v2 for round tag 3), and the words (enters view 2,
 * forms prepared certificate v1, at seq 3) are the protocol's.
 */
export function formatEvent(e: TraceEvent, names: Names, v: Vocabulary = DEFAULT_VOCABULARY): string {
  const at = (round: number | '-', who: string, what: string): string =>
    `${String(e.tick).padStart(8)}  ${(round === '-' ? `${v.roundShort.toLowerCase()}-` : roundTag(v, round)).padEnd(5)} ${who.padEnd(8)} ${what}`;
  const id = (b: string): string => names.id(b);
  switch (e.type) {
    case 'deliver': return at(e.round, e.to, `<- ${e.kind} from ${e.from}: ${names.message(e.what)}`);
    case 'drop': return at(e.round, e.from, `x  ${e.kind} to ${e.to} dropped (${e.reason})`);
    case 'timer': return at(e.round, e.replica, v.timerFired);
    case 'enter-round': return at(e.round, e.replica, `enters ${roundName(v, e.round)} via ${e.via}`);
    case 'propose': return at(e.round, e.replica, v.proposalDetail(e.qcRound, e.tcRound) === null
      ? `sends ${v.proposal} of ${id(e.blockId)}`
      : `proposes ${id(e.blockId)} on QC r${e.qcRound}${e.tcRound === null ? '' : ` with TC r${e.tcRound}`}`);
    case 'vote': return at(e.round, e.replica, `votes for ${id(e.blockId)} -> ${e.to}${e.commits ? ' (commit candidate)' : ''}`);
    case 'timeout': return at(e.round, e.replica, `${v.timeoutSent} ${roundName(v, e.round)} (${v.timeoutDetail(e.highQcRound)})`);
    case 'qc': case 'tc': return at(e.cert.round, e.replica, `${e.formed ? 'forms' : 'accepts'} ${e.type === 'qc' ? v.qc : v.tc} ` +
      `${roundTag(v, e.cert.round)}` +
      `${e.cert.blockId ? ` for ${id(e.cert.blockId)}` : ''} signed by [${e.cert.signers.join(', ')}]`);
    case 'commit': return at(e.round, e.replica, `COMMITS ${id(e.blockId)} at ${v.height} ${e.height}`);
    case 'reject': return at('-', e.replica, `rejects: ${e.detail}`);
    case 'alarm': return at('-', e.replica, `ALARM: ${e.detail}`);
    case 'heal': return at('-', '*', 'network heals (GST)');
    case 'crash': case 'restart': return at('-', e.replica, e.type);
    case 'client': return at('-', e.client, `${e.what}${e.seq > 0 ? ` request ${e.seq}` : ''}${e.detail === '' ? '' : `: ${e.detail}`}`);
    case 'violation': return at(e.violation.round, '!', `VIOLATION ${e.violation.oracle}: ${e.violation.detail}`);
    default: return unreachable(e);
  }
}

function unreachable(x: never): never {
  throw new Error(`unreachable: ${JSON.stringify(x)}`);
}
