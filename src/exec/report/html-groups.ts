// The findings overview of the HTML report at scale: how many findings there are, how many groups
// (case, oracle, scenario shape) they fall into, how many are drawn, then findings per oracle and one
// row per group with its count and a link to its drawn example.
import type { FindingGroup } from '../finding-groups.js';
import { escapeHtml } from './escape.js';

export interface GroupsView {
  /** Every finding of the run. */
  readonly total: number;
  /** Findings beyond the groups kept (counted by oracle, in findings.jsonl, in no group). */
  readonly ungrouped: number;
  /** Groups, the largest first: the first `drawn` have their example drawn. */
  readonly groups: readonly FindingGroup[];
  readonly byOracle: readonly { readonly oracle: string; readonly count: number }[];
}

const n = (x: number, what: string): string => `${x.toLocaleString('en-US')} ${what}${x === 1 ? '' : 's'}`;

export function renderGroupsOverview(view: GroupsView, drawn: number): string {
  if (view.total === 0) return '';
  const rest = view.ungrouped > 0 ? ` (${n(view.ungrouped, 'finding')} beyond the first ${view.groups.length} groups are in no group)` : '';
  const oracleRows = view.byOracle.map((o) => `<tr><td class="violation">${escapeHtml(o.oracle)}</td>` +
    `<td class="count">${escapeHtml(o.count)}</td></tr>`);
  const groupRows = view.groups.map((g, i) => `<tr class="group"><td>${i + 1}</td><td>${escapeHtml(g.case)}</td>` +
    `<td class="violation">${escapeHtml(g.oracle)}</td><td class="mono">${escapeHtml(g.shape)}</td>` +
    `<td class="count">${escapeHtml(g.count)}</td><td>${i < drawn ? `<a href="#finding-${i}">drawn below</a>` : 'not drawn'}` +
    ` · scenario #${escapeHtml(g.example.scenarioIndex)}</td></tr>`);
  return [
    `<p class="findings-count">${n(view.total, 'finding')} in ${n(view.groups.length, 'group')}${rest}; ` +
      `${n(drawn, 'example')} drawn below, one per group, the largest groups first. ` +
      '<code>findings.jsonl</code> lists every finding.</p>',
    '<h3>By oracle</h3>',
    `<table class="oracles"><tr><th>oracle</th><th>findings</th></tr>${oracleRows.join('')}</table>`,
    '<h3>Groups (case, oracle, shape of the scenario up to the round the oracle fired in)</h3>',
    `<table class="groups"><tr><th>#</th><th>case</th><th>oracle</th><th>shape</th><th>findings</th><th>example</th></tr>` +
      `${groupRows.join('')}</table>`,
  ].join('\n');
}
