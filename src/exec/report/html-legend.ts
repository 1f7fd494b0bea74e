// The legend under the timelines, drawn with the same mark functions as the timeline itself so the
// two can never disagree. docs/reports.md describes the same marks in words.

import type { CommitMark, EventOf } from './timeline-model.js';
import {
  BLOCK_COLORS, certMark, commitMark, groupFill, incidentMark, leaderBadge, oracleLabel,
  proposalMark, timeoutMark, violationMark, voteMark,
} from './timeline-marks.js';
import { escapeHtml } from './escape.js';
import { DEFAULT_WORDS, type ProtocolWords } from './protocol-words.js';

const BLOCK = '3fa2c19e0b7d';

function icon(width: number, body: string): string {
  return `<svg class="legend-icon" xmlns="http://www.w3.org/2000/svg" width="${width}" height="28" ` +
    `viewBox="0 0 ${width} 28">${body}</svg>`;
}

function item(svg: string, words: string): string {
  return `<li>${svg} ${escapeHtml(words)}</li>`;
}

const propose: EventOf<'propose'> = { tick: 0, type: 'propose', replica: 'a', round: 1, blockId: BLOCK,
  parentId: 'genesis', qcRound: 0, tcRound: null };
const vote: EventOf<'vote'> = { tick: 1, type: 'vote', replica: 'b', round: 1, blockId: BLOCK, to: 'c', commits: false };
const qc: EventOf<'qc'> = { tick: 2, type: 'qc', replica: 'c', round: 1, formed: true,
  cert: { kind: 'qc', round: 1, blockId: BLOCK, signers: ['a', 'b', 'c'] } };
const tc: EventOf<'tc'> = { tick: 2, type: 'tc', replica: 'c', round: 1, formed: true,
  cert: { kind: 'tc', round: 1, signers: ['a', 'b', 'c'] } };
const timeout: EventOf<'timeout'> = { tick: 3, type: 'timeout', replica: 'a', round: 1, highQcRound: 0 };
const commit: CommitMark = { event: { tick: 4, type: 'commit', replica: 'b', round: 1, height: 1, blockId: BLOCK }, oracles: [] };
const conflict: CommitMark = { event: { ...commit.event }, oracles: ['safety.agreement'] };
const crash: EventOf<'crash'> = { tick: 5, type: 'crash', replica: 'a' };

/**
 * The legend in the words of one protocol; `titled` adds the protocol's name to the heading (a page
 * whose findings ran more than one protocol has one legend each).
 */
export function renderLegend(words: ProtocolWords = DEFAULT_WORDS, titled = false): string {
  const v = words.vocabulary;
  const y = -14;
  const stripes = words.partitionKinds.map((_k, i) => `<rect x="${i * 20}" y="4" width="18" height="5" ` +
    `fill="${groupFill(i % 2)}" stroke="#374151" stroke-width="0.6"/>`).join('');
  const items = [
    item(icon(60, `<rect x="0" y="2" width="28" height="24" fill="${groupFill(0)}"/><rect x="30" y="2" width="28" height="24" fill="${groupFill(1)}"/>`),
      `cell shading: the replica's partition group in that ${v.round} (same color = can hear each other)`),
    item(icon(words.partitionKinds.length * 20, stripes),
      `stripes: groups differ by message type (${words.partitionKinds.join(' | ')})`),
    item(icon(20, leaderBadge(0, -6, 'a', 1, v)), `${v.leader} of the ${v.round} (both replicas of a twinned ${v.leader})`),
    item(icon(40, `<rect x="4" y="6" width="32" height="15" rx="7" fill="#7c3aed"/><text x="20" y="17" ` +
      'class="badge-text" text-anchor="middle" font-size="9" fill="#fff">twin</text>'), 'replica of a twinned identity; twins sit in adjacent rows'),
    item(icon(36, proposalMark(-6, y, propose, BLOCK_COLORS[0]!, v)), `${v.proposal}, colored by ${v.block}`),
    ...(v.vote === null ? [] : [item(icon(70, voteMark(8, 14, vote, BLOCK_COLORS[0]!, v) +
      `<line x1="14" y1="14" x2="64" y2="14" stroke="${BLOCK_COLORS[0]}" stroke-width="1.3"/>`),
    `${v.vote}, with an arrow to the replica it was sent to (the next ${v.leader})`)]),
    item(icon(24, certMark(12, 14, qc, v)), `${v.qc} formed at this replica`),
    item(icon(24, certMark(12, 14, tc, v)), `${v.tc} formed at this replica`),
    item(icon(24, timeoutMark(12, 14, timeout, v)), `${v.timeout} message sent`),
    item(icon(70, commitMark(4, 6, commit, BLOCK_COLORS[0]!, v)), `commit: ${v.height} and ${v.block} id`),
    item(icon(176, commitMark(4, 6, conflict, BLOCK_COLORS[0]!, v) + oracleLabel(174, 18, conflict.oracles)),
      'conflicting commit, with the oracle that fired'),
    item(icon(28, violationMark(14, 15, { oracle: 'liveness.commit-after-gst', kind: 'liveness', round: 1, tick: 0,
      replicas: ['a'], detail: 'example' }, v)), 'violation not tied to a commit (liveness, vote oracles)'),
    item(icon(20, incidentMark(10, 14, crash)), 'replica crash (restart and rejections are small dots)'),
    item(icon(20, `<line x1="10" y1="0" x2="10" y2="28" stroke="#111827" stroke-width="2" stroke-dasharray="6 4"/>`),
      'GST: from here the network is whole and honest replicas lead'),
  ];
  const id = titled ? `legend-${words.protocol}` : 'legend';
  const heading = titled ? `Legend (${words.protocol})` : 'Legend';
  return [`<section id="${escapeHtml(id)}" class="legend">`, `<h2>${escapeHtml(heading)}</h2>`, `<ul>${items.join('')}</ul>`,
    `<p>Hover any mark for its tick, ${escapeHtml(v.round)}, ${escapeHtml(v.block)} id and signers. Red marks what an oracle flagged.</p>`,
    '</section>'].join('\n');
}
