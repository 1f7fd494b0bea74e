// `reports/<name>/junit.xml`: one testsuite per run, one testcase per executor case and one per group
// of findings (src/exec/finding-groups.ts: case, oracle and scenario shape, with its count and an
// example), so CI dashboards (GitLab, Jenkins, GitHub test reporters) show results natively and a run
// with thousands of findings still has a readable list.
//
// Mapping:
// - case met its expectation -> passing testcase
// - case did not, verdict crash -> <error type="crash">
// - case did not, other verdict -> <failure type="<verdict>"> with the first violation and replay
// - group of findings the case expected (safety violations in a case expecting one) -> passing, <system-out>
// - group the case did not expect -> <failure>, or <error> for crashes

import type { FindingGroup } from '../finding-groups.js';
import type { CaseResult, Summary, Violation } from '../report-types.js';
import { escapeXml, escapeXmlAttr } from './escape.js';
import { findingProtocol, wordsOf } from './protocol-words.js';
import { roundName, type Vocabulary } from '../../kernel/vocabulary.js';

interface TestCase {
  readonly name: string;
  readonly outcome: 'pass' | 'failure' | 'error';
  readonly type: string;
  readonly message: string;
  readonly body: string;
}

export function renderJunit(summary: Summary, groups: readonly FindingGroup[]): string {
  const words = wordsOf(findingProtocol(summary.options, null)).vocabulary;
  const cases = [...summary.cases.map((c) => caseTest(c, words)), ...groups.map((g) => groupTest(summary, g))];
  const failures = cases.filter((c) => c.outcome === 'failure').length;
  const errors = cases.filter((c) => c.outcome === 'error').length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" ` +
    `time="${runSeconds(summary.meta)}"`;
  const suite = escapeXmlAttr(summary.name);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${suite}" ${counts}>`,
    `  <testsuite name="${suite}" ${counts}>`,
    properties(summary),
    ...cases.map((c) => testCase(suite, c)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function properties(summary: Summary): string {
  const entries: [string, unknown][] = [['config', summary.config], ...Object.entries(summary.options)];
  const lines = entries.map(([k, v]) => `      <property name="${escapeXmlAttr(k)}" value="${escapeXmlAttr(
    typeof v === 'string' ? v : JSON.stringify(v) ?? String(v))}"/>`);
  return ['    <properties>', ...lines, '    </properties>'].join('\n');
}

function testCase(classname: string, c: TestCase): string {
  const open = `    <testcase classname="${classname}" name="${escapeXmlAttr(c.name)}" time="0"`;
  if (c.outcome === 'pass') {
    return c.body === '' ? `${open}/>` : `${open}>\n      <system-out>${escapeXml(c.body)}</system-out>\n    </testcase>`;
  }
  return `${open}>\n      <${c.outcome} message="${escapeXmlAttr(c.message)}" type="${escapeXmlAttr(c.type)}">` +
    `${escapeXml(c.body)}</${c.outcome}>\n    </testcase>`;
}

function violationLine(v: Violation, words: Vocabulary): string {
  return `${v.oracle} (${v.kind}) at tick ${v.tick}, ${roundName(words, v.round)}, replicas ${v.replicas.join(', ')}: ${v.detail}`;
}

/** A case's test; its first violation is told in the words of the run's protocol (the config defaults'). */
function caseTest(c: CaseResult, words: Vocabulary): TestCase {
  const first = c.firstViolation;
  const lines = [`expect ${c.expect}, verdict ${c.verdict}`, `bugs: ${c.bugs.join(', ') || '(none)'}`,
    ...(first ? [`scenario #${first.scenarioIndex} (${first.scenarioId}): ${violationLine(first, words)}`] : []),
    `replay: ${c.replay}`];
  if (c.ok) return { name: c.name, outcome: 'pass', type: '', message: '', body: lines.join('\n') };
  const message = `expected ${c.expect}, got ${c.verdict}` + (first ? `: ${first.oracle}: ${first.detail}` : '');
  const outcome = c.verdict === 'crash' ? 'error' : 'failure';
  return { name: c.name, outcome, type: c.verdict, message, body: lines.join('\n') };
}

function groupTest(summary: Summary, g: FindingGroup): TestCase {
  // Findings the case asked for (the negative controls) are the test passing, not failing.
  const expect = summary.cases.find((c) => c.name === g.case)?.expect ?? 'pass';
  const f = g.example;
  const words = wordsOf(findingProtocol(f.options, f.scenario)).vocabulary;
  const lines = [`${g.count} finding${g.count === 1 ? '' : 's'} of case ${g.case} (expects ${expect}) gave ${g.verdict} ` +
    `with ${g.oracle} on a scenario of this shape: ${g.shape}`,
  `example: scenario #${f.scenarioIndex} (id ${f.scenarioId}), bugs: ${f.bugs.join(', ') || '(none)'}`,
  ...f.violations.map((v) => violationLine(v, words)), ...(f.error !== undefined ? [`error: ${f.error}`] : []),
  `replay: ${f.replay}`, 'findings.jsonl lists every finding of the group'];
  const name = `${g.case}: ${g.oracle} on ${g.shape}`;
  if (g.verdict === expect) return { name, outcome: 'pass', type: '', message: '', body: lines.join('\n') };
  const first = f.violations.find((v) => v.oracle === g.oracle) ?? f.violations[0];
  const message = `${g.count} finding${g.count === 1 ? '' : 's'}: ` +
    (first ? `${first.oracle}: ${first.detail}` : `${f.verdict}: ${f.error ?? 'no detail'}`);
  return { name, outcome: g.verdict === 'crash' ? 'error' : 'failure', type: g.verdict, message, body: lines.join('\n') };
}

/** Run time in seconds from the summary's meta, under whichever key the writer used; else 0. */
function runSeconds(meta: Readonly<Record<string, unknown>>): string {
  for (const [key, scale] of [['elapsedMs', 1000], ['durationMs', 1000], ['wallMs', 1000], ['seconds', 1]] as const) {
    const v = meta[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return (v / scale).toFixed(3);
  }
  return '0';
}
