// Setup: the mixed fixture (every JUnit outcome), the conflicting_votes report and the hostile one.
// Expect: well-formed XML 1.0 whose count attributes equal the elements present and what the
// summary implies.

import { expect } from 'chai';
import { renderJunit } from '../../src/exec/report/index.js';
import { FindingGroups } from '../../src/exec/finding-groups.js';
import { conflictingVotesReport, hostileReport, HOSTILE, HOSTILE_CASE, mixedReport } from './fixtures.js';
import type { ReportInput } from './fixtures.js';
import { findAll, parseXml } from './xml-check.js';

function junitOf(input: ReportInput): string {
  return renderJunit(input.summary, FindingGroups.of(input.findings.map((f) => f.finding)).list());
}

function countsOf(xml: string): { suites: ReturnType<typeof parseXml>[]; root: ReturnType<typeof parseXml> } {
  const root = parseXml(xml);
  return { root, suites: findAll(root, 'testsuite') };
}

describe('report: renderJunit', () => {
  it('writes a well-formed document rooted at <testsuites> with one <testsuite>', () => {
    const { root, suites } = countsOf(junitOf(mixedReport()));
    expect(root.name).to.equal('testsuites');
    expect(suites).to.have.length(1);
    expect(suites[0]!.attrs['name']).to.equal('mixed');
    expect(suites[0]!.attrs['skipped']).to.equal('0');
    expect(suites[0]!.attrs['time']).to.equal('1.500');
  });

  it('has count attributes equal to the testcase, failure and error elements', () => {
    for (const input of [mixedReport(), conflictingVotesReport(), hostileReport()]) {
      const { root, suites } = countsOf(junitOf(input));
      for (const el of [root, suites[0]!]) {
        expect(Number(el.attrs['tests'])).to.equal(findAll(el, 'testcase').length);
        expect(Number(el.attrs['failures'])).to.equal(findAll(el, 'failure').length);
        expect(Number(el.attrs['errors'])).to.equal(findAll(el, 'error').length);
      }
    }
  });

  it('has counts equal to what the summary implies: one test per case and per group of findings', () => {
    const input = mixedReport();
    const { summary, findings } = input;
    const suite = countsOf(junitOf(input)).suites[0]!;
    // The two findings of case 'regressed' have the same oracle and scenario shape: one group.
    const groups = FindingGroups.of(findings.map((f) => f.finding)).list();
    expect(groups.map((g) => [g.case, g.count])).to.deep.equal([['regressed', 2], ['negative-control', 1], ['crashy', 1], ['stuck', 1]]);
    expect(Number(suite.attrs['tests'])).to.equal(summary.cases.length + groups.length);
    const caseTests = findAll(suite, 'testcase').filter((t) => summary.cases.some((c) => c.name === t.attrs['name']));
    const badCases = caseTests.filter((t) => t.children.some((c) => c.name === 'failure' || c.name === 'error'));
    expect(badCases).to.have.length(summary.totals.cases - summary.totals.casesOk);
    expect(Number(suite.attrs['tests'])).to.equal(9);
    expect(Number(suite.attrs['failures'])).to.equal(4);
    expect(Number(suite.attrs['errors'])).to.equal(2);
  });

  it('maps an expected group of findings to a passing testcase with <system-out>, a crash to <error>', () => {
    const suite = countsOf(junitOf(mixedReport())).suites[0]!;
    const byName = (n: string) => findAll(suite, 'testcase').find((t) => t.attrs['name'] === n)!;
    const control = byName('negative-control: safety.agreement on 5, twin leads');
    expect(control.children.map((c) => c.name)).to.deep.equal(['system-out']);
    expect(byName('crashy').children[0]!.name).to.equal('error');
    expect(byName('crashy').children[0]!.attrs['type']).to.equal('crash');
    const regressed = byName('regressed');
    expect(regressed.children[0]!.name).to.equal('failure');
    expect(regressed.children[0]!.attrs['type']).to.equal('safety-violation');
    expect(regressed.children[0]!.attrs['message']).to.contain('expected pass, got safety-violation');
    const group = byName('regressed: safety.agreement on 5, twin leads').children[0]!;
    expect(group.attrs['message']).to.match(/^2 findings: safety\.agreement: /);
    expect(group.text).to.contain('2 findings of case regressed (expects pass)').and.to.contain('replay: twins replay cfg.json');
  });

  it('makes the conflicting_votes report all green: the safety violation is what its case expects', () => {
    const suite = countsOf(junitOf(conflictingVotesReport())).suites[0]!;
    expect(suite.attrs['tests']).to.equal('3');
    expect(suite.attrs['failures']).to.equal('0');
    expect(suite.attrs['errors']).to.equal('0');
  });

  it('strips characters XML 1.0 forbids and escapes hostile names', () => {
    const xml = junitOf(hostileReport()) + junitOf(mixedReport());
    expect(xml).not.to.match(/[\u0000\u001b\uFFFE]/);
    const suite = countsOf(junitOf(hostileReport())).suites[0]!;
    expect(suite.attrs['name']).to.equal(`run ${HOSTILE}`);
    const names = findAll(suite, 'testcase').map((t) => t.attrs['name']);
    expect(names).to.deep.equal([HOSTILE_CASE, `${HOSTILE_CASE}: safety.agreement<i> on 3+2, twin leads, drops vote`]);
    expect(junitOf(hostileReport())).not.to.contain('<img');
  });

  it('keeps newlines in attribute values as character references', () => {
    const input = mixedReport();
    const c = { ...input.summary.cases[2]!, firstViolation: { oracle: 'safety.agreement', kind: 'safety' as const,
      round: 1, tick: 1, replicas: ['b'], detail: 'line one\nline two', scenarioIndex: 0, scenarioId: 'x' } };
    const xml = renderJunit({ ...input.summary, cases: [c] }, []);
    expect(xml).to.contain('&#10;');
    parseXml(xml);
  });
});

describe('report: the XML checker used above', () => {
  it('rejects unbalanced tags, bare ampersands, raw < in attributes and two roots', () => {
    for (const bad of ['<a><b></a></b>', '<a>x & y</a>', '<a x="<"/>', '<a/><b/>', '<a x="1" x="2"/>', '<a>']) {
      expect(() => parseXml(bad), bad).to.throw();
    }
    expect(parseXml('<?xml version="1.0"?>\n<a x="&lt;&#10;">t&amp;</a>').attrs['x']).to.equal('<\n');
  });
});
