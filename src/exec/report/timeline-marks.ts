// SVG snippets for the marks of a timeline cell: leader, proposal, vote, QC, TC, timeout, commit,
// incident and violation. Every mark is a `<g class="mark ...">` carrying its details twice: as an
// SVG <title> (native hover, works without script) and as `data-tip` (the page's styled tooltip).
// All text passes through escapeHtml.

import type { Violation } from '../report-types.js';
import { escapeHtml, shortId } from './escape.js';
import type { CommitMark, EventOf } from './timeline-model.js';
import { DEFAULT_VOCABULARY, roundName, type Vocabulary } from '../../kernel/vocabulary.js';

export const COL_W = 164;
export const ROW_H = 64;
export const LABEL_W = 120;
export const HEADER_H = 58;

/** Light fills for partition groups, by group index within a round. */
export const GROUP_FILLS = ['#dbeafe', '#fde68a', '#bbf7d0', '#fbcfe8', '#ddd6fe', '#fed7aa', '#a5f3fc', '#e5e7eb'];
/** Saturated colors for blocks, by order of first appearance, so one block has one color. */
export const BLOCK_COLORS = ['#2563eb', '#9333ea', '#0f766e', '#c2410c', '#4d7c0f', '#be185d', '#0369a1', '#854d0e'];
export const CONFLICT_COLOR = '#dc2626';

/** Slot x offsets inside a cell, left to right in protocol order. */
export const SLOT = { proposal: 24, vote: 46, cert: 67, timeout: 85, commit: 97 } as const;
/** Commit blocks are wide enough for "h12 3fa2…" in the monospace label font. */
export const COMMIT_W = 63;

export function groupFill(index: number): string {
  return index < 0 ? '#ffffff' : GROUP_FILLS[index % GROUP_FILLS.length]!;
}

export function blockFill(colors: ReadonlyMap<string, number>, id: string | undefined): string {
  const i = id === undefined ? undefined : colors.get(id);
  return i === undefined ? '#6b7280' : BLOCK_COLORS[i % BLOCK_COLORS.length]!;
}

/** A mark group with its tooltip lines; `body` and `attrs` are already-escaped SVG. */
export function mark(cls: string, lines: readonly string[], body: string, attrs = ''): string {
  const tip = escapeHtml(lines.join('\n'));
  return `<g class="mark ${escapeHtml(cls)}"${attrs} data-tip="${tip}" tabindex="0"><title>${tip}</title>${body}</g>`;
}

/** Text element; the content is escaped here so callers pass raw strings. */
export function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}"${attrs ? ' ' + attrs : ''}>${escapeHtml(content)}</text>`;
}

export function leaderBadge(x: number, y: number, replica: string, round: number, v: Vocabulary = DEFAULT_VOCABULARY): string {
  return mark('leader', [`${v.leader} of ${roundName(v, round)}`, `replica ${replica}`],
    `<rect x="${x + 3}" y="${y + 8}" width="13" height="13" rx="2" fill="#111827"/>` +
    text(x + 9.5, y + 18, v.leaderBadge, 'class="badge-text" fill="#ffffff" text-anchor="middle"'));
}

export function proposalMark(x: number, y: number, e: EventOf<'propose'>, fill: string, v: Vocabulary = DEFAULT_VOCABULARY): string {
  const cx = x + SLOT.proposal;
  const cy = y + ROW_H / 2;
  const certs = v.proposalDetail(e.qcRound, e.tcRound);
  return mark('proposal', [`${v.proposal} · tick ${e.tick} · ${roundName(v, e.round)}`, `${v.proposer} ${e.replica}`,
    `${v.block} ${e.blockId}`, `parent ${e.parentId}`, ...(certs === null ? [] : [certs])],
  `<path d="M${cx} ${cy - 9}L${cx + 8} ${cy}L${cx} ${cy + 9}L${cx - 8} ${cy}Z" fill="${fill}" stroke="#111827"/>`);
}

/** Vertical offsets for up to three stacked marks of one kind in one cell. */
export function stackOffset(i: number, count: number): number {
  const n = Math.min(count, 3);
  return (i - (n - 1) / 2) * 13;
}

export function voteMark(cx: number, cy: number, e: EventOf<'vote'>, fill: string, v: Vocabulary = DEFAULT_VOCABULARY): string {
  return mark('vote', [`${v.vote ?? 'vote'} · tick ${e.tick} · ${roundName(v, e.round)}`, `${e.replica} → ${e.to}`,
    `${v.block} ${e.blockId}`, `commits: ${e.commits ? 'yes' : 'no'}`],
  `<circle cx="${cx}" cy="${cy}" r="5" fill="${fill}" stroke="#111827" stroke-width="0.8"/>`);
}

/** Arrow from a vote to the row of the replica it was sent to; markerId names the arrowhead. */
export function voteArrow(x1: number, y1: number, x2: number, y2: number, fill: string, markerId: string): string {
  return `<line class="vote-arrow" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${fill}" ` +
    `stroke-width="1.1" stroke-opacity="0.6" marker-end="url(#${escapeHtml(markerId)})"/>`;
}

export function certMark(cx: number, cy: number, e: EventOf<'qc' | 'tc'>, v: Vocabulary = DEFAULT_VOCABULARY): string {
  const c = e.cert;
  const lines = [`${c.kind === 'qc' ? v.qc : v.tc} formed · tick ${e.tick} · ${roundName(v, c.round)}`, `at ${e.replica}`,
    ...(c.blockId !== undefined ? [`${v.block} ${c.blockId}`] : []), `signers ${c.signers.join(', ')}`];
  const shape = c.kind === 'qc'
    ? `<circle cx="${cx}" cy="${cy}" r="8" fill="#15803d" stroke="#052e16"/>`
    : `<rect x="${cx - 8}" y="${cy - 8}" width="16" height="16" rx="2" fill="#d97706" stroke="#451a03"/>`;
  return mark(c.kind, lines, shape +
    text(cx, cy + 3.5, c.kind === 'qc' ? v.qcBadge : v.tcBadge, 'class="badge-text" fill="#ffffff" text-anchor="middle"'));
}

export function timeoutMark(cx: number, cy: number, e: EventOf<'timeout'>, v: Vocabulary = DEFAULT_VOCABULARY): string {
  return mark('timeout', [`${v.timeout} · tick ${e.tick} · ${roundName(v, e.round)}`, `replica ${e.replica}`,
    v.timeoutDetail(e.highQcRound)],
  `<path d="M${cx - 6} ${cy - 8}H${cx + 6}L${cx - 6} ${cy + 8}H${cx + 6}Z" fill="#9ca3af" stroke="#374151"/>`);
}

/** A commit block "h1 3fa2…"; conflicting commits are red and carry the oracle id that fired. */
export function commitMark(x: number, y: number, m: CommitMark, fill: string, v: Vocabulary = DEFAULT_VOCABULARY): string {
  const e = m.event;
  const conflict = m.oracles.length > 0;
  const lines = [`commit · tick ${e.tick}`, `replica ${e.replica}`, `${v.height} ${e.height}`,
    `${v.block} ${e.blockId}`, `${v.block} ${roundName(v, e.round)}`, ...m.oracles.map((o) => `violates ${o}`)];
  const stroke = conflict ? CONFLICT_COLOR : '#111827';
  const body = `<rect x="${x}" y="${y}" width="${COMMIT_W}" height="16" rx="2" fill="${conflict ? '#fee2e2' : '#ffffff'}" ` +
    `stroke="${stroke}" stroke-width="${conflict ? 2.5 : 1}"/>` +
    `<rect x="${x}" y="${y}" width="4" height="16" fill="${fill}"/>` +
    text(x + 7, y + 12, `${v.heightShort}${e.height} ${shortId(e.blockId)}`, 'class="commit-label"');
  const data = ` data-replica="${escapeHtml(e.replica)}" data-height="${escapeHtml(e.height)}"` +
    ` data-block="${escapeHtml(e.blockId)}"`;
  return mark(`commit${conflict ? ' conflict' : ''}`, lines, body, data);
}

export function oracleLabel(x: number, y: number, oracles: readonly string[]): string {
  return text(x, y, oracles.join(', '), 'class="oracle-label" text-anchor="end"');
}

/** A violation that no commit shows (liveness, vote oracles): a warning sign in the round. */
export function violationMark(cx: number, cy: number, v: Violation, words: Vocabulary = DEFAULT_VOCABULARY): string {
  return mark('violation', [`${v.oracle} (${v.kind}) · tick ${v.tick} · ${roundName(words, v.round)}`,
    `replicas ${v.replicas.join(', ')}`, v.detail],
  `<path d="M${cx} ${cy - 10}L${cx + 10} ${cy + 8}H${cx - 10}Z" fill="${CONFLICT_COLOR}"/>` +
    text(cx, cy + 6, '!', 'class="badge-text" fill="#ffffff" text-anchor="middle"'));
}

export function incidentMark(cx: number, cy: number, e: EventOf<'crash' | 'restart' | 'reject' | 'alarm'>): string {
  const detail = 'detail' in e ? [e.detail] : [];
  const lines = [`${e.type} · tick ${e.tick}`, `replica ${e.replica}`, ...detail];
  const color = e.type === 'restart' ? '#16a34a' : e.type === 'reject' ? '#6b7280' : CONFLICT_COLOR;
  const shape = e.type === 'crash'
    ? `<path d="M${cx - 5} ${cy - 5}L${cx + 5} ${cy + 5}M${cx + 5} ${cy - 5}L${cx - 5} ${cy + 5}" stroke="${color}" stroke-width="3"/>`
    : `<circle cx="${cx}" cy="${cy}" r="3.5" fill="${color}"/>`;
  return mark(e.type, lines, shape);
}
