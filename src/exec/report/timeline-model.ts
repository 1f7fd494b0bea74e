// The data behind a finding's timeline: which rows (replicas) and columns (rounds) exist, and which
// trace events fall into each (replica, round) cell. Kept apart from the SVG drawing so the mapping
// rules (which round an event belongs to, which commits conflict) can be read and tested alone.

import type { TraceEvent, Violation } from '../report-types.js';
import type { Drop, Partition, RoundSpec, Scenario } from '../../scenario/types.js';
import { identityOf, replicasOf } from '../../scenario/types.js';

/** Wider timelines stop being readable; later rounds are counted and reported as omitted. */
export const MAX_COLUMNS = 40;

/** The trace event variants whose `type` can be one of T (qc and tc share one variant). */
export type EventOf<T extends TraceEvent['type']> = TraceEvent extends infer E
  ? E extends { readonly type: infer U } ? ([Extract<U, T>] extends [never] ? never : E) : never
  : never;

export interface TimelineRow {
  readonly replica: string;
  readonly identity: string;
  /** True for every replica of a twinned identity (a and a'). */
  readonly twin: boolean;
}

export interface TimelineColumn {
  readonly round: number;
  /** False for GST tail rounds, where the network is whole. */
  readonly scripted: boolean;
  /** Identities that lead: the scripted leader, or for GST rounds whoever proposed in the trace. */
  readonly leaders: readonly string[];
  readonly partition: Partition | null;
  readonly byType: RoundSpec['byType'] | null;
  readonly drops: readonly Drop[];
}

export interface CommitMark {
  readonly event: EventOf<'commit'>;
  /** Oracle ids of the violations this commit is part of; empty for an ordinary commit. */
  readonly oracles: string[];
}

export interface Cell {
  readonly proposals: EventOf<'propose'>[];
  readonly votes: EventOf<'vote'>[];
  readonly certs: EventOf<'qc' | 'tc'>[];
  readonly timeouts: EventOf<'timeout'>[];
  readonly commits: CommitMark[];
  readonly incidents: EventOf<'crash' | 'restart' | 'reject' | 'alarm'>[];
  /** Messages this replica sent in this round that a scripted drop rule removed. */
  readonly drops: EventOf<'drop'>[];
  /** Violations naming this replica that no highlighted commit already shows. */
  readonly violations: Violation[];
}

export interface TimelineModel {
  readonly rows: readonly TimelineRow[];
  readonly columns: readonly TimelineColumn[];
  readonly scriptedRounds: number;
  readonly omittedRounds: number;
  /** GST tail rounds after the last one with anything unusual (a violation, an incident), not drawn. */
  readonly folded: { readonly from: number; readonly to: number; readonly commits: number } | null;
  readonly healTick: number | null;
  /** Palette index per block id, in order of first appearance, so equal blocks share a color. */
  readonly blockColor: ReadonlyMap<string, number>;
  cell(row: number, column: number): Cell | undefined;
}

/** Returns the scenario if `value` has the fields a timeline needs, else null. */
export function asScenario(value: unknown): Scenario | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<Scenario>;
  const strings = (x: unknown): boolean => Array.isArray(x) && x.every((s) => typeof s === 'string');
  if (!strings(v.nodes) || !strings(v.twins) || !Array.isArray(v.rounds)) return null;
  const partition = (p: unknown): boolean => Array.isArray(p) && p.every(strings);
  const roundOk = (r: unknown): boolean => typeof r === 'object' && r !== null &&
    typeof (r as RoundSpec).leader === 'string' && partition((r as RoundSpec).partitions);
  return v.rounds.every(roundOk) ? (v as Scenario) : null;
}

/** Builds the timeline model of one run: the scenario as scripted, the trace as it happened. */
export function buildTimelineModel(scenario: Scenario, trace: readonly TraceEvent[],
  violations: readonly Violation[]): TimelineModel {
  const rows = buildRows(scenario, trace);
  const rowIndex = new Map(rows.map((r, i) => [r.replica, i]));
  // A loop, not Math.max(...trace): a long trace would overflow the argument stack.
  let maxRound = scenario.rounds.length;
  for (const e of trace) maxRound = Math.max(maxRound, roundOfEvent(e));
  for (const v of violations) maxRound = Math.max(maxRound, v.round);
  // Quiet GST rounds at the end are folded: the first tail round is drawn, then up to the last
  // round that holds a violation or an incident.
  const keep = Math.max(scenario.rounds.length + 1, lastUnusualRound(trace, violations));
  const drawnRounds = Math.min(maxRound, keep);
  const width = Math.max(1, Math.min(drawnRounds, MAX_COLUMNS));
  const columns = buildColumns(scenario, trace, width);
  const cells = new Map<string, Cell>();
  const cellAt = (replica: string, round: number): Cell | undefined => {
    const r = rowIndex.get(replica);
    if (r === undefined || round < 1 || round > width) return undefined;
    const key = `${r}:${round - 1}`;
    let c = cells.get(key);
    if (!c) {
      c = { proposals: [], votes: [], certs: [], timeouts: [], commits: [], incidents: [], violations: [], drops: [] };
      cells.set(key, c);
    }
    return c;
  };
  placeEvents(trace, violations, cellAt);
  return {
    rows, columns, scriptedRounds: scenario.rounds.length,
    omittedRounds: Math.max(0, drawnRounds - width),
    folded: maxRound > drawnRounds ? { from: drawnRounds + 1, to: maxRound,
      commits: trace.filter((e) => e.type === 'commit' && e.round > drawnRounds).length } : null,
    healTick: trace.find((e) => e.type === 'heal')?.tick ?? null,
    blockColor: blockColors(trace),
    cell: (row, column) => cells.get(`${row}:${column}`),
  };
}

function buildRows(scenario: Scenario, trace: readonly TraceEvent[]): TimelineRow[] {
  const names = replicasOf(scenario);
  // Replicas the trace mentions but the scenario does not still get a row, so nothing is hidden.
  for (const e of trace) {
    const r = 'replica' in e ? e.replica : undefined;
    if (r !== undefined && !names.includes(r)) names.push(r);
  }
  return names.map((replica) => {
    const identity = identityOf(replica);
    return { replica, identity, twin: scenario.twins.includes(identity) || identity !== replica };
  });
}

function buildColumns(scenario: Scenario, trace: readonly TraceEvent[], width: number): TimelineColumn[] {
  const proposers = new Map<number, string[]>();
  for (const e of trace) {
    if (e.type !== 'propose') continue;
    const list = proposers.get(e.round) ?? [];
    if (!list.includes(identityOf(e.replica))) list.push(identityOf(e.replica));
    proposers.set(e.round, list);
  }
  const columns: TimelineColumn[] = [];
  for (let round = 1; round <= width; round++) {
    const spec = scenario.rounds[round - 1];
    if (spec) {
      columns.push({ round, scripted: true, leaders: [spec.leader], partition: spec.partitions,
        byType: spec.byType ?? null, drops: spec.drops ?? [] });
      continue;
    }
    const leaders = proposers.get(round) ?? [gstLeader(scenario, round)];
    columns.push({ round, scripted: false, leaders, partition: null, byType: null, drops: [] });
  }
  return columns;
}

/**
 * The harness's leader of a GST tail round: the scenario's listed GST leader, else the honest
 * identities in turn (src/exec/twins-setup.ts).
 */
export function gstLeader(scenario: Scenario, round: number): string {
  const k = Math.max(0, round - scenario.rounds.length - 1);
  const honest = scenario.nodes.filter((n) => !scenario.twins.includes(n));
  const rotation = honest.length > 0 ? honest : scenario.nodes;
  return scenario.gst?.leaders?.[k] ?? rotation[k % rotation.length]!;
}

/** The last round with a violation, a crash, restart, rejection or alarm; 0 when none. */
function lastUnusualRound(trace: readonly TraceEvent[], violations: readonly Violation[]): number {
  let last = 0;
  for (const v of violations) last = Math.max(last, v.round);
  const current = new Map<string, number>();
  for (const e of trace) {
    if (e.type === 'enter-round') current.set(e.replica, e.round);
    else if (e.type === 'crash' || e.type === 'restart' || e.type === 'reject' || e.type === 'alarm') {
      last = Math.max(last, current.get(e.replica) ?? 1);
    } else if (e.type === 'violation') last = Math.max(last, e.violation.round);
  }
  return last;
}

/** The round column an event is drawn in: its message round tag, or for commits the replica's. */
function roundOfEvent(e: TraceEvent): number {
  switch (e.type) {
    case 'propose': case 'vote': case 'timeout': case 'timer': case 'enter-round':
    case 'deliver': case 'drop': case 'commit':
      return e.round;
    case 'qc': case 'tc':
      return e.cert.round;
    case 'violation':
      return e.violation.round;
    case 'reject': case 'alarm': case 'heal': case 'crash': case 'restart': case 'client':
      return 0;
    default:
      return unreachable(e);
  }
}

function unreachable(x: never): never {
  throw new Error(`unhandled trace event ${JSON.stringify(x)}`);
}

type CellAt = (replica: string, round: number) => Cell | undefined;

function placeEvents(trace: readonly TraceEvent[], violations: readonly Violation[], cellAt: CellAt): void {
  // A commit, crash or rejection carries no message round; it is drawn where its replica was then.
  const current = new Map<string, number>();
  const here = (replica: string): number => current.get(replica) ?? 1;
  const commits: CommitMark[] = [];
  for (const e of trace) {
    switch (e.type) {
      case 'enter-round': current.set(e.replica, e.round); break;
      case 'propose': cellAt(e.replica, e.round)?.proposals.push(e); break;
      case 'vote': cellAt(e.replica, e.round)?.votes.push(e); break;
      case 'timeout': cellAt(e.replica, e.round)?.timeouts.push(e); break;
      case 'qc': case 'tc':
        // Certificates merely learned from messages would repeat on every row; only formation is drawn.
        if (e.formed) cellAt(e.replica, e.cert.round)?.certs.push(e);
        break;
      case 'commit': {
        const mark: CommitMark = { event: e, oracles: [] };
        commits.push(mark);
        cellAt(e.replica, Math.max(here(e.replica), 1))?.commits.push(mark);
        break;
      }
      case 'crash': case 'restart': case 'reject': case 'alarm':
        cellAt(e.replica, here(e.replica))?.incidents.push(e);
        break;
      // Partition drops show as shading; drops by a scripted rule are drawn, often being the cause.
      case 'drop': if (e.reason === 'drop-rule') cellAt(e.from, e.round)?.drops.push(e); break;
      default: break;
    }
  }
  for (const v of violations) markViolation(v, commits, cellAt);
}

/**
 * Highlights the commits a violation is about. An agreement-style oracle fires at the commit that
 * breaks it, so a violation concerns commits when one of its replicas committed at its tick; then
 * each named replica's commits of the violation's round (else its last commit so far) are marked.
 * Anything else is drawn as a violation mark in the violation's round.
 */
function markViolation(v: Violation, commits: readonly CommitMark[], cellAt: CellAt): void {
  const named = (m: CommitMark): boolean => v.replicas.includes(m.event.replica) && m.event.tick <= v.tick;
  const aboutCommits = commits.some((m) => named(m) && m.event.tick === v.tick);
  for (const replica of v.replicas) {
    const own = aboutCommits ? commits.filter((m) => named(m) && m.event.replica === replica) : [];
    const inRound = own.filter((m) => m.event.round === v.round);
    const chosen = inRound.length > 0 ? inRound : own.slice(-1);
    for (const m of chosen) if (!m.oracles.includes(v.oracle)) m.oracles.push(v.oracle);
    if (chosen.length === 0) cellAt(replica, Math.max(v.round, 1))?.violations.push(v);
  }
}

function blockColors(trace: readonly TraceEvent[]): Map<string, number> {
  const colors = new Map<string, number>();
  const see = (id: string | undefined): void => {
    if (id !== undefined && !colors.has(id)) colors.set(id, colors.size);
  };
  for (const e of trace) {
    if (e.type === 'propose' || e.type === 'vote' || e.type === 'commit') see(e.blockId);
    else if (e.type === 'qc') see(e.cert.blockId);
  }
  return colors;
}
