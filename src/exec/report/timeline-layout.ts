// Placement inside a timeline cell: the left-to-right order of its marks follows the ticks they
// happened at, oracle labels are fitted to the room the cell has (the full list stays in the
// tooltip), and messages removed by a scripted drop rule are drawn as crossed arrows.
import { escapeHtml } from './escape.js';
import type { Cell, EventOf } from './timeline-model.js';
import { COL_W, ROW_H, SLOT, mark, text } from './timeline-marks.js';
import { DEFAULT_VOCABULARY, roundName, type Vocabulary } from '../../kernel/vocabulary.js';

export type SlotKind = 'proposal' | 'vote' | 'cert' | 'timeout';
export type Slots = Readonly<Record<SlotKind, number>>;

const ORDER: readonly SlotKind[] = ['proposal', 'vote', 'cert', 'timeout'];
const POSITIONS = ORDER.map((k) => SLOT[k]);

function firstTick(cell: Cell, kind: SlotKind): number {
  const list = kind === 'proposal' ? cell.proposals : kind === 'vote' ? cell.votes : kind === 'cert' ? cell.certs : cell.timeouts;
  return list.length === 0 ? Infinity : Math.min(...list.map((e) => e.tick));
}

/** Slot x offsets for a cell: the kinds it holds left to right by their first tick (protocol order on ties). */
export function cellSlots(cell: Cell | undefined): Slots {
  if (cell === undefined) return SLOT;
  const order = [...ORDER].sort((a, b) => firstTick(cell, a) - firstTick(cell, b));
  return Object.fromEntries(order.map((k, i) => [k, POSITIONS[i]!])) as Record<SlotKind, number>;
}

/** Advance of one character of the 9.5px bold label font, rounded up (DejaVu Sans Bold is the widest). */
const LABEL_CHAR_W = 6.2;

/**
 * The oracle ids of a cell as one label that fits between `left` and the cell's right edge: the first
 * id, "+k" for the others; without the id's family, then cut with an ellipsis, when still too long.
 * Every id is in the tooltip.
 */
export function oracleLabelFitted(x: number, y: number, left: number, oracles: readonly string[]): string {
  const right = x + COL_W - 3;
  const room = Math.max(3, Math.floor((right - left) / LABEL_CHAR_W));
  const more = oracles.length > 1 ? ` +${oracles.length - 1}` : '';
  // The full id; else without its family (safety., liveness.: the color says it); else cut.
  const short = oracles[0]!.replace(/^[a-z]+\./, '');
  let shown = `${oracles[0]}${more}`;
  if (shown.length > room) shown = `${short}${more}`;
  if (shown.length > room) shown = `${short.slice(0, Math.max(1, room - more.length - 1))}…${more}`;
  return mark('oracles', ['violates', ...oracles], text(right, y + ROW_H - 5, shown, 'class="oracle-label" text-anchor="end"'));
}

const SLOT_OF_KIND: Readonly<Record<string, SlotKind>> = { proposal: 'proposal', vote: 'vote', timeout: 'timeout' };

/**
 * One crossed arrow per dropped (recipient, message kind) of the cell, from the sender's row to the
 * recipient's, at the slot of the message kind; repeats are counted in the tooltip.
 */
export function dropArrows(drops: readonly EventOf<'drop'>[], x: number, fromY: number, rowOf: (replica: string) => number | undefined,
  rowY: (row: number) => number, slots: Slots, v: Vocabulary = DEFAULT_VOCABULARY): string {
  const seen = new Map<string, EventOf<'drop'>[]>();
  for (const d of drops) seen.set(`${d.to}\u0000${d.kind}`, [...(seen.get(`${d.to}\u0000${d.kind}`) ?? []), d]);
  const out: string[] = [];
  for (const list of seen.values()) {
    const d = list[0]!;
    const row = rowOf(d.to);
    if (row === undefined) continue;
    const sx = x + slots[SLOT_OF_KIND[d.kind] ?? 'vote'] + 3;
    const y1 = fromY + ROW_H / 2;
    const y2 = rowY(row) + ROW_H / 2 + (rowY(row) > fromY ? -12 : 12);
    const x2 = sx + 10;
    const mx = (sx + x2) / 2;
    const my = (y1 + y2) / 2;
    const lines = [`dropped ${d.kind} · ${roundName(v, d.round)}`, `${d.from} → ${d.to} (scripted drop rule)`,
      `ticks ${list.map((e) => e.tick).join(', ')}`];
    out.push(mark('drop', lines, `<line class="drop-arrow" x1="${sx}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#dc2626" ` +
      'stroke-width="1.3" stroke-dasharray="3 2"/>' +
      `<path d="M${mx - 4} ${my - 4}L${mx + 4} ${my + 4}M${mx + 4} ${my - 4}L${mx - 4} ${my + 4}" stroke="#dc2626" stroke-width="2"/>`,
    ` data-from="${escapeHtml(d.from)}" data-to="${escapeHtml(d.to)}" data-kind="${escapeHtml(d.kind)}"`));
  }
  return out.join('');
}
