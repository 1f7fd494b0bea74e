// Setup: the hostile report (a node named `<img src=x onerror=alert(1)>`, a case named `"&'<>`,
// markup in block ids, details and options) and the conflicting_votes report.
// Expect: every such string appears only escaped; the page loads nothing from anywhere.

import { expect } from 'chai';
import { MAX_FINDINGS_DRAWN, escapeHtml, renderHtmlReport } from '../../src/exec/report/index.js';
import { conflictingVotesReport, hostileReport, HOSTILE, HOSTILE_CASE } from './fixtures.js';

/** Tag names and attribute names of every start tag, read with quoted values skipped. */
function tagsAndAttributes(html: string): { tags: string[]; attrs: string[] } {
  const tags: string[] = [];
  const attrs: string[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    tags.push(m[1]!.toLowerCase());
    for (const a of m[2]!.matchAll(/\s+([^\s=>/]+)(?:="[^"]*")?/g)) attrs.push(a[1]!.toLowerCase());
  }
  return { tags, attrs };
}

describe('report: escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).to.equal('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml(3)).to.equal('3');
  });
});

describe('report: renderHtmlReport escaping', () => {
  const html = renderHtmlReport(hostileReport());

  it('never injects the hostile tags', () => {
    for (const tag of ['<img', '<iframe', '<b ', '<b>', '<i>', '<svg onload']) expect(html, tag).not.to.contain(tag);
    // The only <script> is the page's own.
    expect(html.match(/<script/g)).to.have.length(1);
    // The words may appear as escaped text or inside a quoted value, never as an attribute name.
    const { tags, attrs } = tagsAndAttributes(html);
    expect(tags.length).to.be.greaterThan(100);
    expect(attrs).to.include('data-tip');
    expect(attrs.filter((a) => a.startsWith('on'))).to.deep.equal([]);
    expect(tags.filter((t) => ['img', 'iframe', 'b', 'i'].includes(t))).to.deep.equal([]);
  });

  it('shows the hostile node name and case name escaped', () => {
    expect(html).to.contain(escapeHtml(HOSTILE));
    expect(html).to.contain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).to.contain(escapeHtml(HOSTILE_CASE));
    expect(html).to.contain('case &quot;&amp;&#39;&lt;&gt; name');
    expect(html).not.to.contain(HOSTILE_CASE);
  });

  it('escapes the hostile name in SVG attributes too (tooltips, data attributes)', () => {
    expect(html).to.contain(`data-tip="proposal · tick 0 · round 1\nproposer ${escapeHtml(HOSTILE)}`);
    expect(html).to.contain('data-block="&lt;script&gt;alert(2)&lt;/script&gt;"');
  });
});

describe('report: renderHtmlReport content', () => {
  const input = conflictingVotesReport();
  const html = renderHtmlReport(input);

  it('is self-contained: no external URL, a strict CSP that allows only its own inline code', () => {
    expect(html).not.to.match(/\b(?:src|href)\s*=/i);
    expect(html).not.to.match(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).not.to.contain('@import');
    expect(html).not.to.contain('url(http');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    expect(csp).to.match(/default-src 'none'/).and.to.match(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.to.contain('unsafe-eval');
  });

  it('shows the summary: cases, verdicts, counts, options and the seed', () => {
    expect(html).to.contain('Twins report: <span class="run-name">conflicting_votes_bug</span>');
    expect(html).to.contain('<code class="seed">20240611</code>');
    expect(html).to.contain('roundTimeoutTicks');
    expect(html).to.contain('conflicting_votes_control');
    expect(html).to.contain('<td class="ok">safety-violation</td>');
  });

  it('draws one timeline per finding with its replay command and a copy button', () => {
    expect(html.match(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="timeline"/g)).to.have.length(1);
    expect(html).to.contain('<code id="finding-0-replay">twins replay executor-configs/conflicting_votes_bug.json');
    expect(html).to.contain('<button type="button" class="copy" data-copy="finding-0-replay">Copy</button>');
  });

  it('is deterministic: the same input renders the same bytes', () => {
    expect(renderHtmlReport(conflictingVotesReport())).to.equal(html);
  });

  it(`draws at most ${MAX_FINDINGS_DRAWN} findings and says how many were left out`, () => {
    const one = input.findings[0]!;
    const many = renderHtmlReport({ summary: input.summary, findings: Array.from({ length: 23 }, () => one) });
    expect(many.match(/class="timeline"/g)).to.have.length(MAX_FINDINGS_DRAWN);
    expect(many).to.contain('3 more finding(s) not drawn');
  });

  it('says when the re-run drawn differs from the finding, and why it may', () => {
    const f = input.findings[0]!;
    expect(f.finding.verdict).to.equal('safety-violation');
    expect(html).not.to.contain('class="bad rerun"');
    expect(renderHtmlReport({ summary: input.summary, findings: [{ ...f, rerunVerdict: 'safety-violation' }] }))
      .not.to.contain('class="bad rerun"');
    const differs = renderHtmlReport({ summary: input.summary, findings: [{ ...f, rerunVerdict: 'pass' }] });
    expect(differs).to.contain('the re-run ended in <strong>pass</strong>, not <strong>safety-violation</strong>');
    expect(differs).to.contain('non-determinism');
    const died = { ...f, rerunVerdict: 'pass' as const,
      finding: { ...f.finding, verdict: 'crash' as const, error: 'worker died: exited with code 7' } };
    const page = renderHtmlReport({ summary: input.summary, findings: [died] });
    expect(page).to.contain('The finding is a worker thread that died');
    expect(page).not.to.contain('non-determinism');
  });

  it('explains a finding whose scenario cannot be drawn instead of failing', () => {
    const f = { ...input.findings[0]!, finding: { ...input.findings[0]!.finding, scenario: { nodes: 'x' } } };
    expect(renderHtmlReport({ summary: input.summary, findings: [f] })).to.contain('no timeline can be drawn');
    const badRound = { ...f, finding: { ...f.finding, scenario: { nodes: ['a'], twins: [], rounds: [{ leader: 'a', partitions: 'x' }] } } };
    expect(renderHtmlReport({ summary: input.summary, findings: [badRound] })).to.contain('no timeline can be drawn');
  });
});
