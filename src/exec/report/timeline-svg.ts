// A finding's timeline as one SVG: rounds across, replicas down (twins adjacent, with a badge),
// each (replica, round) cell shaded by the replica's partition group in that round, and the trace's
// proposals, votes, certificates, timeouts and commits drawn as marks. Commits named by a violation
// are drawn in the warning color with the oracle id beside them. The legend is in docs/reports.md.

import type { TraceEvent, Violation } from '../report-types.js';
import type { Partition, Scenario } from '../../scenario/types.js';
import { escapeHtml } from './escape.js';
import { buildTimelineModel } from './timeline-model.js';
import type { Cell, TimelineColumn, TimelineModel, TimelineRow } from './timeline-model.js';
import {
  BLOCK_COLORS, COL_W, HEADER_H, LABEL_W, ROW_H, SLOT, blockFill, certMark, commitMark, groupFill,
  incidentMark, leaderBadge, mark, proposalMark, stackOffset, text, timeoutMark,
  violationMark, voteArrow, voteMark,
} from './timeline-marks.js';
import { cellSlots, dropArrows, oracleLabelFitted } from './timeline-layout.js';
import { DEFAULT_WORDS, type ProtocolWords } from './protocol-words.js';
import { roundLabel, roundName, type Vocabulary } from '../../kernel/vocabulary.js';

/**
 * Renders the timeline of one run. `idPrefix` keeps element ids (arrowheads) unique when several
 * timelines share a page.
 */
export function renderTimeline(scenario: Scenario, trace: readonly TraceEvent[], violations: readonly Violation[],
  idPrefix = 'tl', words: ProtocolWords = DEFAULT_WORDS): string {
  const v = words.vocabulary;
  const model = buildTimelineModel(scenario, trace, violations);
  const prefix = idPrefix.replace(/[^A-Za-z0-9_-]/g, '_');
  // Long replica names widen the label column; the grid is drawn shifted right by the difference.
  const longest = Math.max(0, ...model.rows.map((r) => clip(r.replica, MAX_NAME).length));
  const shift = Math.max(0, Math.ceil(10 + longest * 8.6 + 48 - LABEL_W));
  const width = shift + LABEL_W + model.columns.length * COL_W + 12;
  // A footer line (folded or omitted rounds) goes under the GST label, not over it.
  const footerH = model.folded !== null || model.omittedRounds > 0 ? 16 : 0;
  const height = HEADER_H + model.rows.length * ROW_H + 26 + footerH;
  const label = `Timeline: ${model.rows.length} replicas over ${model.columns.length} ${v.round}s`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}">`,
    arrowDefs(prefix),
    ...model.rows.map((r, i) => rowLabel(r, i)),
    `<g transform="translate(${shift} 0)">`,
    ...model.columns.map((c, i) => columnHeader(c, i, v)),
    ...model.rows.map((r, i) => twinBadge(model.rows, r, i)),
    ...cellsLayer(model, (row, col) => cellBackground(model, row, col, words)),
    gstLine(model, height - footerH, v),
    ...cellsLayer(model, (row, col, cell) => voteArrows(model, row, col, cell, prefix)),
    ...cellsLayer(model, (row, col, cell) => (cell === undefined || cell.drops.length === 0 ? ''
      : dropArrows(cell.drops, colX(col), rowY(row), (r) => model.rows.findIndex((x) => x.replica === r) ?? undefined, rowY, cellSlots(cell), v))),
    ...cellsLayer(model, (row, col, cell) => cellMarks(model, row, col, cell, v)),
    footer(model, height, v),
    '</g>',
    '</svg>',
  ];
  return parts.join('\n');
}

/** Names longer than this are clipped in labels; the full name stays in the tooltip. */
const MAX_NAME = 40;

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const colX = (col: number): number => LABEL_W + col * COL_W;
const rowY = (row: number): number => HEADER_H + row * ROW_H;

function arrowDefs(prefix: string): string {
  const colors = [...BLOCK_COLORS, '#6b7280'];
  const markers = colors.map((c, i) => `<marker id="${prefix}-arrow-${i}" viewBox="0 0 10 10" refX="9" refY="5" ` +
    `markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${c}"/></marker>`);
  return `<defs>${markers.join('')}</defs>`;
}

function arrowId(prefix: string, model: TimelineModel, blockId: string): string {
  const i = model.blockColor.get(blockId);
  return `${prefix}-arrow-${i === undefined ? BLOCK_COLORS.length : i % BLOCK_COLORS.length}`;
}

function columnHeader(c: TimelineColumn, col: number, v: Vocabulary): string {
  const x = colX(col);
  const title = c.scripted ? roundLabel(v, c.round) : `${roundLabel(v, c.round)} · GST`;
  const leader = `${v.leader} ${c.leaders.join(', ')}`;
  const out = [text(x + COL_W / 2, 18, title, 'class="round-label" text-anchor="middle"')];
  if (c.leaders.length > 0) {
    out.push(mark('leader-name', [`${roundName(v, c.round)}: ${leader}`],
      text(x + COL_W / 2, 34, clip(leader, 26), 'class="leader-label" text-anchor="middle"')));
  }
  if (c.drops.length > 0) {
    const lines = [`${roundName(v, c.round)} drops`, ...c.drops.map((d) => `${d.from} → ${d.to} (${d.type})`)];
    out.push(mark('drops', lines, text(x + COL_W / 2, 50, `✂ ${c.drops.length} drop${c.drops.length > 1 ? 's' : ''}`,
      'class="drops-label" text-anchor="middle"')));
  }
  return out.join('');
}

function rowLabel(r: TimelineRow, row: number): string {
  const y = rowY(row) + ROW_H / 2 + 5;
  const shown = clip(r.replica, MAX_NAME);
  if (shown === r.replica) return text(10, y, r.replica, 'class="replica-label"');
  return mark('replica-name', [`replica ${r.replica}`], text(10, y, shown, 'class="replica-label"'));
}

function twinBadge(rows: readonly TimelineRow[], r: TimelineRow, row: number): string {
  if (!r.twin) return '';
  const y = rowY(row);
  const out = [mark('twin-badge', [`${r.replica} is a replica of twinned identity ${r.identity}`],
    `<rect x="${LABEL_W - 40}" y="${y + ROW_H / 2 - 8}" width="32" height="15" rx="7" fill="#7c3aed"/>` +
    text(LABEL_W - 24, y + ROW_H / 2 + 3, 'twin', 'class="badge-text" fill="#ffffff" text-anchor="middle"'))];
  // A bracket joins the replicas of one identity so twins read as a pair.
  const next = rows[row + 1];
  if (next && next.identity === r.identity) {
    out.push(`<path class="twin-bracket" d="M${LABEL_W - 4} ${y + ROW_H / 2}h3v${ROW_H}h-3" fill="none" ` +
      'stroke="#7c3aed" stroke-width="2"/>');
  }
  return out.join('');
}

type CellFn = (row: number, col: number, cell: Cell | undefined) => string;

function cellsLayer(model: TimelineModel, fn: CellFn): string[] {
  const out: string[] = [];
  model.rows.forEach((_r, row) => model.columns.forEach((_c, col) => {
    const s = fn(row, col, model.cell(row, col));
    if (s) out.push(s);
  }));
  return out;
}

function groupOf(partition: Partition | null | undefined, replica: string): number {
  // GST rounds have a whole network: everyone is in group 0.
  if (!partition) return 0;
  return partition.findIndex((g) => g.includes(replica));
}

function cellBackground(model: TimelineModel, row: number, col: number, words: ProtocolWords): string {
  const v = words.vocabulary;
  const r = model.rows[row]!;
  const c = model.columns[col]!;
  const x = colX(col);
  const y = rowY(row);
  const g = groupOf(c.partition, r.replica);
  const lines = [`${r.replica} in ${roundName(v, c.round)}`, c.scripted ? `group ${g + 1}` : 'GST: network whole'];
  const out = [mark(`cell group-${g}`, lines, `<rect x="${x}" y="${y}" width="${COL_W}" height="${ROW_H}" ` +
    `fill="${groupFill(g)}" stroke="#ffffff" stroke-width="2"/>`)];
  if (c.byType) out.push(byTypeStripe(c, r.replica, x, y, words));
  if (c.leaders.includes(r.identity)) out.push(leaderBadge(x, y, r.replica, c.round, v));
  return out.join('');
}

/** One stripe per partition kind of the protocol (DiemBFT: proposal, vote, timeout): the replica's group per message type. */
function byTypeStripe(c: TimelineColumn, replica: string, x: number, y: number, words: ProtocolWords): string {
  const kinds = words.partitionKinds;
  const w = (COL_W - 4) / kinds.length;
  const lines = [`${roundName(words.vocabulary, c.round)}: groups differ by message type`];
  const rects = kinds.map((k, i) => {
    const g = groupOf((c.byType as Readonly<Record<string, Partition>> | null)?.[k] ?? c.partition, replica);
    lines.push(`${k}s: group ${g + 1}`);
    return `<rect x="${x + 2 + i * w}" y="${y + 2}" width="${w - 1}" height="5" fill="${groupFill(g)}" ` +
      'stroke="#374151" stroke-width="0.6"/>';
  });
  return mark('bytype', lines, rects.join(''));
}

function gstLine(model: TimelineModel, height: number, v: Vocabulary): string {
  const first = model.columns.findIndex((c) => !c.scripted);
  if (first < 0) return '';
  const x = colX(first);
  const when = model.healTick === null ? '' : ` at tick ${model.healTick}`;
  return mark('gst', [`GST: network heals${when}; ${v.round}s from ${roundLabel(v, first + 1)} on are the GST tail`],
    `<line x1="${x}" y1="4" x2="${x}" y2="${height - 22}" stroke="#111827" stroke-width="2" stroke-dasharray="6 4"/>` +
    text(x + 4, height - 8, 'GST / heal', 'class="gst-label"'));
}

/** Rows a vote reaches: an identity means every replica of it, a primed name that replica only. */
function recipientRows(model: TimelineModel, to: string): number[] {
  const rows: number[] = [];
  model.rows.forEach((r, i) => {
    if (r.replica === to || (!to.endsWith("'") && r.identity === to)) rows.push(i);
  });
  return rows;
}

function voteArrows(model: TimelineModel, row: number, col: number, cell: Cell | undefined, prefix: string): string {
  if (!cell) return '';
  const x = colX(col);
  const out: string[] = [];
  const slots = cellSlots(cell);
  cell.votes.slice(0, 3).forEach((v, i) => {
    const y1 = rowY(row) + ROW_H / 2 + stackOffset(i, cell.votes.length);
    for (const target of recipientRows(model, v.to)) {
      if (target === row) continue;
      const y2 = rowY(target) + ROW_H / 2 + (target > row ? -9 : 9);
      out.push(voteArrow(x + slots.vote + 5, y1, x + cellSlots(model.cell(target, col)).cert - 9, y2,
        blockFill(model.blockColor, v.blockId), arrowId(prefix, model, v.blockId)));
    }
  });
  return out.join('');
}

function cellMarks(model: TimelineModel, row: number, col: number, cell: Cell | undefined, v: Vocabulary): string {
  if (!cell) return '';
  const x = colX(col);
  const y = rowY(row);
  const cy = y + ROW_H / 2;
  const colors = model.blockColor;
  const slot = cellSlots(cell);
  const out: string[] = [];
  // Marks sit left to right in the order of their first tick; each carries its tick.
  const at = (tick: number, body: string): string => `<g class="at" data-tick="${tick}">${body}</g>`;
  cell.proposals.slice(0, 1).forEach((p) => out.push(at(p.tick, proposalMark(x + slot.proposal - SLOT.proposal, y, p, blockFill(colors, p.blockId), v))));
  stacked(cell.votes, (e, dy) => at(e.tick, voteMark(x + slot.vote, cy + dy, e, blockFill(colors, e.blockId), v)), out, x + slot.vote, y);
  stacked(certsFirstOfEachKind(cell.certs), (c, dy) => at(c.tick, certMark(x + slot.cert, cy + dy, c, v)), out, x + slot.cert, y);
  stacked(cell.timeouts, (t, dy) => at(t.tick, timeoutMark(x + slot.timeout, cy + dy, t, v)), out, x + slot.timeout, y);
  cell.commits.slice(0, 2).forEach((m, i) => out.push(commitMark(x + SLOT.commit, y + 10 + i * 18, m,
    blockFill(colors, m.event.blockId), v)));
  if (cell.commits.length > 2) out.push(text(x + SLOT.commit - 3, y + 22, `+${cell.commits.length - 2}`, 'class="more" text-anchor="end"'));
  // The bottom band, left to right: a violation sign, incidents, then the oracle label in the room left.
  let left = x + 6;
  cell.violations.slice(0, 1).forEach((violation) => {
    out.push(violationMark(x + 14, y + ROW_H - 11, violation, v));
    left = x + 26;
  });
  cell.incidents.slice(0, 6).forEach((e, i) => out.push(incidentMark(left + 4 + i * 9, y + ROW_H - 8, e)));
  left += Math.min(cell.incidents.length, 6) * 9 + 6;
  const oracles = [...new Set([...cell.commits.flatMap((m) => m.oracles), ...cell.violations.map((x) => x.oracle)])];
  if (oracles.length > 0) out.push(oracleLabelFitted(x, y, left, oracles));
  // A round with a second proposal from the same replica would be equivocation by one replica.
  if (cell.proposals.length > 1) out.push(text(x + slot.proposal, y + ROW_H - 18, `×${cell.proposals.length}`, 'class="more" text-anchor="middle"'));
  return out.join('');
}

/**
 * The certificates of a cell with the first of each kind among the three drawn (a PBFT view has a
 * prepared certificate per sequence number, which would hide its stable checkpoint), in tick order;
 * the rest follow, counted as "+k".
 */
function certsFirstOfEachKind(certs: Cell['certs']): Cell['certs'] {
  if (certs.length <= 3) return certs;
  const firsts = new Set([certs.find((c) => c.type === 'qc'), certs.find((c) => c.type === 'tc')].filter((c) => c !== undefined));
  const drawn = [...firsts, ...certs.filter((c) => !firsts.has(c))].slice(0, 3);
  const kept = new Set(drawn);
  return [...certs.filter((c) => kept.has(c)), ...certs.filter((c) => !kept.has(c))];
}

/** Draws up to three marks stacked vertically, and "+k" when there are more. */
function stacked<T>(items: readonly T[], draw: (item: T, dy: number) => string, out: string[], x: number, y: number): void {
  items.slice(0, 3).forEach((item, i) => out.push(draw(item, stackOffset(i, items.length))));
  if (items.length > 3) out.push(text(x, y + ROW_H - 2, `+${items.length - 3}`, 'class="more" text-anchor="middle"'));
}

function footer(model: TimelineModel, height: number, v: Vocabulary): string {
  const notes: string[] = [];
  if (model.omittedRounds > 0) notes.push(`${model.omittedRounds} later ${v.round}(s) not drawn`);
  const f = model.folded;
  if (f !== null) {
    notes.push(`${roundLabel(v, f.from)}${f.to > f.from ? `–${roundLabel(v, f.to)}` : ''}: ${f.to - f.from + 1} quiet GST ${v.round}${f.to > f.from ? 's' : ''} ` +
      `folded (no violation, no incident; ${f.commits} commit${f.commits === 1 ? '' : 's'})`);
  }
  if (notes.length === 0) return '';
  return mark('folded', notes, text(LABEL_W + model.columns.length * COL_W, height - 8, notes.join(' · '),
    'class="more fold-note" text-anchor="end"'));
}
