// Setup: the real reports of two shipped PBFT bug configs, written by `twins exec` into a temporary
//   folder (pbft_new_primary_ignores_certs: a view change re-issues null requests; and
//   pbft_checkpoint_stable_f_plus_one: checkpoints stable with f+1 messages), opened in headless
//   Chromium (installed first when missing: chromium.ts); and the DiemBFT fixture report.
// Expect: a PBFT finding's page speaks PBFT, in the words its protocol module declares
//   (src/protocols/pbft/vocabulary.ts): columns are views (V0, V1), leaders are primaries, marks are
//   pre-prepares of batches, prepared certificates, stable checkpoints and view-changes, commits sit
//   at sequence numbers (s1 …), violations name views; no DiemBFT word (QC, TC, R1, leader of round)
//   is left in its timeline or legend. The DiemBFT page keeps its own words, and `twins replay` lines
//   use the same vocabulary.
// Replay: npx tsc -p . && npx mocha dist/test/report/pbft-words.test.js
import { expect } from 'chai';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { execCommand } from '../../src/cli/cmd-exec.js';
import { formatEvent } from '../../src/cli/replay-print.js';
import { renderHtmlReport } from '../../src/exec/report/index.js';
import { PBFT_VOCABULARY } from '../../src/protocols/pbft/vocabulary.js';
import { protocolNamed } from '../../src/protocols/registry.js';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.js';
import { conflictingVotesReport } from './fixtures.js';
import { tempDir } from '../temp-dir.js';

interface PageFacts {
  headers: string[];
  leaders: string[];
  commitLabels: string[];
  markClasses: string[];
  legend: string;
  violations: string;
  timelineTips: string;
}

async function facts(page: Page): Promise<PageFacts> {
  return page.evaluate((): PageFacts => {
    const svg = document.querySelector('article.finding svg.timeline')!;
    const texts = (sel: string): string[] => [...svg.querySelectorAll(sel)].map((e) => e.textContent ?? '');
    return {
      headers: texts('.round-label'),
      leaders: texts('.leader-label'),
      commitLabels: texts('.commit-label'),
      markClasses: [...new Set([...svg.querySelectorAll('g.mark')].map((g) => g.getAttribute('class') ?? ''))],
      legend: (document.querySelector('section.legend') as HTMLElement).innerText,
      violations: (document.querySelector('ul.violations') as HTMLElement).innerText,
      timelineTips: [...svg.querySelectorAll('g.mark')].map((g) => g.getAttribute('data-tip') ?? '').join('\n'),
    };
  });
}

async function hoverTip(page: Page, selector: string): Promise<string> {
  await page.hover(`article.finding svg.timeline ${selector} >> nth=0`);
  const tip = page.locator('#tip');
  expect(await tip.isVisible(), selector).to.equal(true);
  return (await tip.textContent()) ?? '';
}

describe('report: a PBFT finding drawn in PBFT\'s words', function () {
  this.timeout(300_000);
  let browser: Browser | undefined;
  let reports = '';

  before(async function () {
    this.timeout(900_000);
    reports = tempDir('twins-pbft-words-');
    for (const config of ['pbft_new_primary_ignores_certs', 'pbft_checkpoint_stable_f_plus_one']) {
      const code = await execCommand(`executor-configs/${config}.json`, { quiet: true, silent: true, reports, workers: 1 });
      expect(code, config).to.equal(0);
    }
    browser = await chromium.launch({ executablePath: ensureChromium(), headless: true, args: [...CHROMIUM_ARGS] });
  });

  after(async () => { await browser?.close(); });

  async function open(config: string): Promise<Page> {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(join(reports, config, 'index.html')).href, { waitUntil: 'load' });
    return page;
  }

  it('the view-change finding: views, primaries, pre-prepares, prepared certificates, view-changes, sequence numbers', async () => {
    const page = await open('pbft_new_primary_ignores_certs');
    const f = await facts(page);
    expect(f.headers).to.deep.equal(['V0', 'V1', 'V2 · GST']);
    expect(f.leaders).to.deep.equal(['primary a', 'primary b', 'primary a']);
    expect(f.commitLabels.length).to.be.greaterThan(0);
    for (const label of f.commitLabels) expect(label).to.match(/^s\d+ [0-9a-f]{4}…$/);
    expect(f.violations).to.contain('safety.commit-keeps-seq').and.to.match(/at tick \d+, view 1, replicas/);
    expect(await hoverTip(page, '.mark.proposal')).to.match(/^pre-prepare · tick 0 · view 0\nprimary a\nbatch [0-9a-f]{64}\nparent genesis$/);
    expect(await hoverTip(page, '.mark.qc')).to.contain('prepared certificate formed · tick').and.to.contain('signers ');
    expect(await hoverTip(page, '.mark.timeout')).to.match(/^view-change · tick \d+ · view 1\nreplica [a-d]\n\d+ prepared certificates?$/);
    expect(await hoverTip(page, '.mark.commit')).to.match(/seq \d+\nbatch [0-9a-f]{64}\nbatch view \d/);
    expect(await hoverTip(page, '.mark.leader')).to.match(/^primary of view \d/);
    for (const diemWord of ['QC formed', 'TC formed', 'leader of round', 'round 1', 'proposal ·', 'high qc', 'height ']) {
      expect(f.timelineTips, diemWord).not.to.contain(diemWord);
    }
    expect(f.legend).to.contain('pre-prepare, colored by batch').and.to.contain('prepared certificate formed at this replica')
      .and.to.contain('stable checkpoint formed at this replica').and.to.contain('view-change message sent')
      .and.to.contain('commit: seq and batch id').and.to.contain('primary of the view')
      .and.to.contain('(pre-prepare | prepare | commit | checkpoint | view-change | new-view)');
    for (const diemWord of ['QC', 'TC', 'vote, with an arrow', 'proposal, colored by block', 'timeout message']) {
      expect(f.legend, diemWord).not.to.contain(diemWord);
    }
    await page.close();
  });

  it('the checkpoint finding: stable checkpoints with their signers', async () => {
    const page = await open('pbft_checkpoint_stable_f_plus_one');
    const f = await facts(page);
    expect(f.markClasses).to.include('mark tc');
    expect(await hoverTip(page, '.mark.tc')).to.match(/^stable checkpoint formed · tick \d+ · view 0\nat [a-d]\nsigners [a-d](, [a-d])*$/);
    expect(f.headers[0]).to.equal('V0');
    await page.close();
  });

  it('the DiemBFT page keeps DiemBFT\'s words', () => {
    const html = renderHtmlReport(conflictingVotesReport());
    expect(html).to.contain('>R1<').and.to.contain('QC formed').and.to.contain('leader of round 1').and.to.contain('>h1 ');
    expect(html).not.to.contain('>V0<');
    expect(html).not.to.contain('prepared certificate');
  });

  it('a page with findings of both protocols has a legend in each one\'s words', () => {
    const base = conflictingVotesReport();
    const diem = base.findings[0]!;
    const pbft = { ...diem, finding: { ...diem.finding, options: { ...diem.finding.options, protocol: 'pbft' } } };
    const html = renderHtmlReport({ ...base, findings: [diem, pbft] });
    expect(html).to.contain('<h2>Legend (diembft)</h2>').and.to.contain('<h2>Legend (pbft)</h2>');
    expect(html).to.contain('>R1<').and.to.contain('>V0<');
  });

  it('twins replay prints PBFT events in PBFT\'s words', () => {
    expect(protocolNamed('pbft').vocabulary).to.equal(PBFT_VOCABULARY);
    const names = { id: (b: string) => b.slice(0, 8), message: (w: string) => w } as unknown as Parameters<typeof formatEvent>[1];
    const qc = formatEvent({ tick: 3, type: 'qc', replica: 'b', round: 2, formed: true,
      cert: { kind: 'qc', round: 2, blockId: 'abcdef0123', signers: ['a', 'b', 'c'] } }, names, PBFT_VOCABULARY);
    expect(qc).to.match(/forms prepared certificate v1 for abcdef01 signed by \[a, b, c\]$/);
    expect(formatEvent({ tick: 9, type: 'timeout', replica: 'c', round: 3, highQcRound: 2 }, names, PBFT_VOCABULARY))
      .to.match(/sends view-change to view 2 \(2 prepared certificates\)$/);
    expect(formatEvent({ tick: 9, type: 'commit', replica: 'c', round: 1, height: 4, blockId: 'abcdef0123' }, names, PBFT_VOCABULARY))
      .to.match(/COMMITS abcdef01 at seq 4$/);
    expect(formatEvent({ tick: 9, type: 'commit', replica: 'c', round: 1, height: 4, blockId: 'abcdef0123' }, names))
      .to.match(/COMMITS abcdef01 at height 4$/);
  });
});
