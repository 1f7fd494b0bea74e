// `reports/<name>/index.html`: one self-contained page with the run summary and, for each finding,
// its violations, replay command (copyable) and timeline. Pure: the caller writes the string.

import { isWorkerDeath } from '../case-result.js';
import type { Finding, Summary, TraceEvent, Verdict } from '../report-types.js';
import { escapeHtml } from './escape.js';
import { SCRIPT, STYLE, contentSecurityPolicy } from './html-assets.js';
import { renderLegend } from './html-legend.js';
import { renderGroupsOverview, type GroupsView } from './html-groups.js';
import type { FindingGroup } from '../finding-groups.js';
import { renderCasesSection, renderSummarySection, showValue } from './html-summary.js';
import { asScenario } from './timeline-model.js';
import { renderTimeline } from './timeline-svg.js';
import { DEFAULT_WORDS, findingProtocol, wordsOf, type ProtocolWords } from './protocol-words.js';
import { roundName } from '../../kernel/vocabulary.js';

/** Findings (with groups: groups) beyond this many are counted, not drawn: a page of thousands of timelines helps no one. */
export const MAX_FINDINGS_DRAWN = 20;

export interface DrawnFinding {
  readonly finding: Finding;
  /** The trace of a re-run of the finding's scenario, made for the timeline. */
  readonly trace: readonly TraceEvent[];
  /** The verdict of that re-run; when it differs from the finding's, the page says so. */
  readonly rerunVerdict?: Verdict;
}

export interface HtmlReportInput {
  readonly summary: Summary;
  /** The findings drawn: with `groups`, the example of each group in the groups' order. */
  readonly findings: readonly DrawnFinding[];
  /** Every finding of the run by group; without it, `findings` are all there are. */
  readonly groups?: GroupsView;
}

export function renderHtmlReport(input: HtmlReportInput): string {
  const { summary, findings, groups } = input;
  const drawn = findings.slice(0, MAX_FINDINGS_DRAWN);
  const total = groups?.total ?? findings.length;
  const omitted = groups === undefined ? findings.length - drawn.length : 0;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(SCRIPT))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Twins report: ${escapeHtml(summary.name)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    renderSummarySection(summary),
    renderCasesSection(summary),
    '<section id="findings">',
    `<h2>Findings (${total})</h2>`,
    total === 0 ? '<p>No findings: no oracle fired and nothing crashed.</p>' : '',
    groups === undefined ? '' : renderGroupsOverview(groups, drawn.length),
    ...drawn.map((f, i) => renderFinding(f, i, groups?.groups[i])),
    omitted > 0 ? `<p class="omitted">${omitted} more finding(s) not drawn; findings.jsonl lists them all.</p>` : '',
    '</section>',
    ...renderLegends(drawn),
    '<div id="tip" role="tooltip" hidden></div>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** One legend in the words of the drawn findings' protocol; one per protocol when they ran several. */
function renderLegends(drawn: readonly DrawnFinding[]): string[] {
  const protocols = [...new Set(drawn.map((d) => wordsOfFinding(d.finding).protocol))];
  if (protocols.length <= 1) return [renderLegend(protocols.length === 0 ? DEFAULT_WORDS : wordsOf(protocols[0]!))];
  return protocols.map((p) => renderLegend(wordsOf(p), true));
}

function wordsOfFinding(finding: Finding): ProtocolWords {
  return wordsOf(findingProtocol(finding.options, finding.scenario));
}

function renderFinding({ finding, trace, rerunVerdict }: DrawnFinding, index: number, group?: FindingGroup): string {
  const id = `finding-${index}`;
  const words = wordsOfFinding(finding);
  const scenario = asScenario(finding.scenario);
  const timeline = scenario === null
    ? '<p class="bad">The scenario of this finding lacks valid nodes, twins or rounds; no timeline can be drawn.</p>'
    : `<div class="timeline-wrap">${renderTimeline(scenario, trace, finding.violations, id, words)}</div>`;
  return [
    `<article class="finding" id="${id}">`,
    `<h3>${escapeHtml(finding.case)} · scenario #${escapeHtml(finding.scenarioIndex)} · ` +
      `<span class="bad">${escapeHtml(finding.verdict)}</span></h3>`,
    `<p class="muted">scenario id <code>${escapeHtml(finding.scenarioId)}</code> · bugs ` +
      `${escapeHtml(finding.bugs.join(', ') || '(none)')}</p>`,
    group === undefined ? '' : `<p class="group-note">Group ${index + 1}: ${escapeHtml(group.count)} ` +
      `finding${group.count === 1 ? '' : 's'} of this case with <span class="violation">${escapeHtml(group.oracle)}</span> ` +
      `on a scenario of this shape; this is the first of them.</p>`,
    renderViolations(finding, words),
    renderReplay(finding.replay, `${id}-replay`),
    rerunVerdict === undefined || rerunVerdict === finding.verdict ? '' : renderRerunMismatch(finding, rerunVerdict),
    timeline,
    '<details><summary>Scenario and options (JSON)</summary>',
    `<pre>${escapeHtml(JSON.stringify(finding.scenario, null, 2) ?? '')}</pre>`,
    `<pre>${escapeHtml(showValue(finding.options))}</pre>`,
    '</details>',
    '</article>',
  ].join('\n');
}

function renderViolations(finding: Finding, words: ProtocolWords): string {
  const items = finding.violations.map((v) => `<li><span class="violation oracle">${escapeHtml(v.oracle)}</span> ` +
    `(${escapeHtml(v.kind)}) at tick ${escapeHtml(v.tick)}, ${escapeHtml(roundName(words.vocabulary, v.round))}, replicas ` +
    `${escapeHtml(v.replicas.join(', '))}: ${escapeHtml(v.detail)}</li>`);
  if (finding.error !== undefined) items.push(`<li class="bad">error: <code>${escapeHtml(finding.error)}</code></li>`);
  return items.length > 0 ? `<ul class="violations">${items.join('')}</ul>` : '';
}

/**
 * A scenario is deterministic, so its re-run should end as the finding did. When it does not, the
 * timeline shows the re-run, and the reader must know that before trusting it.
 */
function renderRerunMismatch(finding: Finding, rerunVerdict: Verdict): string {
  const why = isWorkerDeath(finding.error)
    ? 'The finding is a worker thread that died (see the error above), not a verdict of the replica code: ' +
      'the same scenario run alone does not fail. A worker dies when it runs out of memory or exits.'
    : 'The same scenario should end the same way every time, so this is worth a bug report: ' +
      'it points at non-determinism in the executor.';
  return `<p class="bad rerun">The timeline below is a re-run of this scenario, and the re-run ended in ` +
    `<strong>${escapeHtml(rerunVerdict)}</strong>, not <strong>${escapeHtml(finding.verdict)}</strong>. ${escapeHtml(why)}</p>`;
}

function renderReplay(command: string, id: string): string {
  return `<div class="replay"><span>Replay:</span> <code id="${escapeHtml(id)}">${escapeHtml(command)}</code>` +
    `<button type="button" class="copy" data-copy="${escapeHtml(id)}">Copy</button>` +
    '<span class="copy-status" aria-live="polite"></span></div>';
}
