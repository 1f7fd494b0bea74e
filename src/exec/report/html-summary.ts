// The run summary part of the HTML report: verdict, totals, the executor options with the seed
// first (so the run can be reproduced), and one table row per case.

import type { CaseResult, Summary } from '../report-types.js';
import { escapeHtml } from './escape.js';

/** A config value as one line of text: strings as they are, everything else as JSON. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json;
}

/** The seed may sit in the options (executor) or the meta (fuzz); either way it is shown first. */
export function seedOf(summary: Summary): string | null {
  const seed = summary.options['seed'] ?? summary.meta['seed'];
  return seed === undefined || seed === null ? null : showValue(seed);
}

function keyValueTable(record: Readonly<Record<string, unknown>>, cls: string): string {
  const keys = Object.keys(record);
  if (keys.length === 0) return '<p class="muted">(none)</p>';
  const rows = keys.map((k) => `<tr><th>${escapeHtml(k)}</th><td class="mono">${escapeHtml(showValue(record[k]))}</td></tr>`);
  return `<table class="${cls}">${rows.join('')}</table>`;
}

export function renderSummarySection(summary: Summary): string {
  const t = summary.totals;
  const seed = seedOf(summary);
  return [
    '<section id="summary">',
    `<h1>Twins report: <span class="run-name">${escapeHtml(summary.name)}</span></h1>`,
    `<p><span class="verdict ${summary.ok ? 'ok' : 'bad'}">${summary.ok ? 'every case met its expectation' :
      'some cases did not meet their expectation'}</span></p>`,
    `<p>Config <code>${escapeHtml(summary.config)}</code> · seed <code class="seed">${escapeHtml(seed ?? '(not recorded)')}</code></p>`,
    '<table class="totals"><tr><th>cases</th><th>cases ok</th><th>scenarios</th><th>pass</th><th>safety</th>' +
      '<th>liveness</th><th>crash</th></tr>' +
      `<tr>${[t.cases, t.casesOk, t.total, t.pass, t.safety, t.liveness, t.crash]
        .map((n) => `<td>${escapeHtml(n)}</td>`).join('')}</tr></table>`,
    '<h2>Executor options</h2>',
    keyValueTable(summary.options, 'options'),
    '<details><summary>Run facts (timings, machine)</summary>',
    keyValueTable(summary.meta, 'meta'),
    '</details>',
    '</section>',
  ].join('\n');
}

function caseRow(c: CaseResult): string {
  const s = c.scenarios;
  const first = c.firstViolation;
  const violation = first === null ? '' :
    `<span class="violation">${escapeHtml(first.oracle)}</span> in scenario #${escapeHtml(first.scenarioIndex)}: ` +
    escapeHtml(first.detail);
  const cells = [
    `<td>${escapeHtml(c.name)}</td>`,
    `<td>${escapeHtml(c.expect)}</td>`,
    `<td class="${c.ok ? 'ok' : 'bad'}">${escapeHtml(c.verdict)}${c.ok ? '' : ' (unexpected)'}</td>`,
    `<td>${escapeHtml(c.bugs.join(', ') || '(none)')}</td>`,
    `<td>${escapeHtml(`${s.total} total · ${s.pass} pass · ${s.safety} safety · ${s.liveness} liveness · ${s.crash} crash`)}</td>`,
    `<td>${violation}</td>`,
    `<td><code>${escapeHtml(c.replay)}</code></td>`,
  ];
  return `<tr class="case" data-ok="${c.ok}">${cells.join('')}</tr>`;
}

export function renderCasesSection(summary: Summary): string {
  const head = '<tr><th>case</th><th>expect</th><th>verdict</th><th>bugs</th><th>scenarios</th>' +
    '<th>first violation</th><th>replay</th></tr>';
  return ['<section id="cases">', `<h2>Cases (${summary.cases.length})</h2>`,
    `<table class="cases">${head}${summary.cases.map(caseRow).join('')}</table>`, '</section>'].join('\n');
}
