// `twins replay --compact`: the trace as one block per round: who proposed what, who voted for what,
// which certificates formed, what was dropped, what was committed (in the round the committing
// replica was in), and any violation, instead of one line per event.
import type { TraceEvent } from '../exec/report-types.js';
import type { Scenario } from '../scenario/types.js';
import type { Names } from './replay-print.js';
import { DEFAULT_VOCABULARY, roundName, type Vocabulary } from '../kernel/vocabulary.js';

interface RoundBlock {
  readonly proposals: string[];
  readonly votes: Map<string, string[]>;
  readonly certs: string[];
  readonly timeouts: string[];
  readonly drops: Map<string, number>;  // by message, counted
  readonly commits: string[];
  readonly other: string[];
  /** Rejections and alarms by replica and kind: how many, and the first one's detail. */
  readonly incidents: Map<string, { n: number; first: string }>;
}

function newBlock(): RoundBlock {
  return { proposals: [], votes: new Map(), certs: [], timeouts: [], drops: new Map(), commits: [], other: [], incidents: new Map() };
}

export function compactTrace(scenario: Scenario, trace: readonly TraceEvent[], names: Names,
  v: Vocabulary = DEFAULT_VOCABULARY): string[] {
  const rounds = new Map<number, RoundBlock>();
  const at = (round: number): RoundBlock => {
    let b = rounds.get(round);
    if (b === undefined) rounds.set(round, (b = newBlock()));
    return b;
  };
  const current = new Map<string, number>();
  for (const e of trace) {
    switch (e.type) {
      case 'enter-round': current.set(e.replica, e.round); break;
      case 'propose': at(e.round).proposals.push(v.proposalDetail(e.qcRound, e.tcRound) === null
        ? `${e.replica} ${names.id(e.blockId)}`
        : `${e.replica} ${names.id(e.blockId)} on QC r${e.qcRound}${e.tcRound === null ? '' : ` + TC r${e.tcRound}`}`); break;
      case 'vote': {
        const key = `${names.id(e.blockId)} -> ${e.to}`;
        const votes = at(e.round).votes;
        votes.set(key, [...(votes.get(key) ?? []), e.replica]);
        break;
      }
      case 'timeout': at(e.round).timeouts.push(e.replica); break;
      case 'qc': case 'tc':
        if (e.formed) at(e.cert.round).certs.push(`${e.type === 'qc' ? v.qc : v.tc}${e.cert.blockId ? ` ${names.id(e.cert.blockId)}` : ''} ` +
          `at ${e.replica} [${e.cert.signers.join(' ')}]`);
        break;
      case 'drop': {
        const key = `${e.kind} ${e.from}->${e.to} (${e.reason})`;
        const drops = at(e.round).drops;
        drops.set(key, (drops.get(key) ?? 0) + 1);
        break;
      }
      case 'commit': at(current.get(e.replica) ?? e.round).commits.push(`${e.replica} ${v.heightShort}${e.height} ${names.id(e.blockId)}`); break;
      case 'violation': at(e.violation.round).other.push(`VIOLATION ${e.violation.oracle}: ${e.violation.detail}`); break;
      case 'crash': case 'restart': at(current.get(e.replica) ?? 0).other.push(`${e.replica} ${e.type}es at tick ${e.tick}`); break;
      case 'reject': case 'alarm': {
        const incidents = at(current.get(e.replica) ?? 0).incidents;
        const key = `${e.replica} ${e.type}`;
        const seen = incidents.get(key);
        if (seen === undefined) incidents.set(key, { n: 1, first: e.detail });
        else seen.n++;
        break;
      }
      case 'heal': at(Math.max(0, ...current.values())).other.push(`network heals (GST) at tick ${e.tick}`); break;
      case 'deliver': case 'timer': case 'client': break;
      default: unreachable(e);
    }
  }
  return [...rounds.keys()].sort((a, b) => a - b).flatMap((r) => blockLines(r, rounds.get(r)!, scenario, v));
}

function blockLines(round: number, b: RoundBlock, scenario: Scenario, v: Vocabulary): string[] {
  const spec = scenario.rounds[round - 1];
  const where = spec === undefined
    ? (round > scenario.rounds.length ? ' (GST tail)' : '')
    : ` (${v.leader} ${spec.leader}; groups ${spec.partitions.map((g) => `{${g.join(' ')}}`).join(' ')})`;
  const line = (label: string, items: readonly string[]): string[] => (items.length === 0 ? [] : [`  ${label.padEnd(10)} ${counted(items).join('; ')}`]);
  return [
    round === 0 ? `outside any ${v.round}` : `${roundName(v, round)}${where}`,
    ...line('proposed', b.proposals),
    ...line('voted', [...b.votes].map(([key, who]) => `${key}: ${who.join(' ')}`)),
    ...line('certified', b.certs),
    ...line(v.timeout === 'timeout' ? 'timed out' : `${v.timeout}s`, b.timeouts),
    ...line('dropped', [...b.drops].flatMap(([key, n]) => Array<string>(n).fill(key))),
    ...line('committed', b.commits),
    ...counted(b.other).map((o) => `  ${o}`),
    ...[...b.incidents].map(([key, { n, first }]) => `  ${key}${n > 1 ? ` x${n}, the first` : ''}: ${first}`),
  ];
}

/** Repeated items once each, in order of first appearance, with "x3" when seen three times. */
function counted(items: readonly string[]): string[] {
  const n = new Map<string, number>();
  for (const item of items) n.set(item, (n.get(item) ?? 0) + 1);
  return [...n].map(([item, k]) => (k > 1 ? `${item} x${k}` : item));
}

function unreachable(x: never): never {
  throw new Error(`unreachable: ${JSON.stringify(x)}`);
}
