// Setup: the conflicting_votes_bug report (fixtures.ts) and the hostile-name report, rendered to
//   reports/test-browser/ and opened from disk in Debian's headless Chromium via playwright-core.
// Expect: the timeline shows the two conflicting height-1 commits and the oracle id; hovering a mark
//   shows its details; each replay command has a copy button; no console or page errors, no
//   network requests, no dialogs; the hostile node name is shown as text and runs nothing.
// Replay: npx tsc -p . && npx mocha dist/test/report/browser.test.js

import { expect } from 'chai';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { renderHtmlReport } from '../../src/exec/report/index.js';
import { conflictingVotesReport, hostileReport, HOSTILE } from './fixtures.js';
import type { ReportInput } from './fixtures.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const OUT_DIR = fileURLToPath(new URL('../../../reports/test-browser/', import.meta.url));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Opened {
  readonly page: Page;
  readonly url: string;
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

/** Writes the report and opens it, recording everything that would mean the page misbehaved. */
async function open(browser: Browser, input: ReportInput, file: string): Promise<Opened> {
  mkdirSync(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, file);
  writeFileSync(path, renderHtmlReport(input));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
  const opened: Opened = { page, url: pathToFileURL(path).href, consoleErrors: [], pageErrors: [], requests: [], dialogs: [] };
  page.on('console', (m) => { if (m.type() === 'error') opened.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => opened.pageErrors.push(String(e)));
  page.on('request', (r) => opened.requests.push(r.url()));
  page.on('dialog', (d) => { opened.dialogs.push(d.message()); void d.dismiss(); });
  await page.goto(opened.url, { waitUntil: 'load' });
  return opened;
}

function expectQuiet(o: Opened): void {
  expect(o.consoleErrors, 'console errors').to.deep.equal([]);
  expect(o.pageErrors, 'page errors').to.deep.equal([]);
  expect(o.dialogs, 'dialogs').to.deep.equal([]);
  expect(o.requests, 'network requests').to.deep.equal([o.url]);
}

describe('report: the HTML page in headless Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;

  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's chromium package ` +
        '(.ci/run does this on CI: apt-get install -y chromium) or set CHROMIUM_PATH.');
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });

  after(async () => { await browser?.close(); });

  it('shows the conflicting_votes_bug finding: two conflicting commits and the oracle', async () => {
    const input = conflictingVotesReport();
    const o = await open(browser!, input, 'index.html');
    const violation = input.findings[0]!.finding.violations[0]!;
    const conflicts = o.page.locator('svg.timeline .mark.commit.conflict');
    expect(await conflicts.count()).to.equal(violation.replicas.length);
    const seen = await conflicts.evaluateAll((els) => els.map((e) => [e.getAttribute('data-replica'),
      e.getAttribute('data-height'), e.getAttribute('data-block')]));
    expect(seen.map((s) => s[0])).to.have.members([...violation.replicas]);
    expect(seen.map((s) => s[1])).to.deep.equal(['1', '1']);
    expect(seen[0]![2], 'the two commits are of different blocks').not.to.equal(seen[1]![2]);
    for (const el of await conflicts.all()) expect(await el.isVisible()).to.equal(true);
    const labels = o.page.locator('svg.timeline .oracle-label', { hasText: violation.oracle });
    expect(await labels.count()).to.equal(violation.replicas.length);
    expect(await labels.first().isVisible()).to.equal(true);
    await o.page.locator('article.finding').first().screenshot({ path: join(OUT_DIR, 'timeline.png') });
    await o.page.screenshot({ path: join(OUT_DIR, 'page.png'), fullPage: true });
    expectQuiet(o);
  });

  it('shows a mark\'s details on hover and copies the replay command with one click', async () => {
    const input = conflictingVotesReport();
    const o = await open(browser!, input, 'index.html');
    const replica = input.findings[0]!.finding.violations[0]!.replicas[0]!;
    const tip = o.page.locator('#tip');
    expect(await tip.isVisible()).to.equal(false);
    await o.page.hover(`svg.timeline .mark.commit.conflict[data-replica="${replica}"]`);
    expect(await tip.isVisible()).to.equal(true);
    const text = await tip.textContent();
    expect(text).to.contain(`replica ${replica}`).and.to.contain('height 1').and.to.contain('violates safety.agreement');
    const button = o.page.locator('button.copy');
    expect(await button.count()).to.equal(input.findings.length);
    await button.first().click();
    await o.page.locator('.copy-status', { hasText: /Copied|Selected/ }).first().waitFor({ timeout: 5000 });
    expectQuiet(o);
  });

  it('renders a hostile node name as text: no <img>, no alert', async () => {
    const o = await open(browser!, hostileReport(), 'hostile.html');
    const facts = await o.page.evaluate(() => ({
      images: document.querySelectorAll('img, iframe').length,
      scripts: document.querySelectorAll('script').length,
      labels: [...document.querySelectorAll('svg.timeline .replica-label')].map((e) => e.textContent),
      body: document.body.innerText,
    }));
    expect(facts.images).to.equal(0);
    expect(facts.scripts).to.equal(1);
    expect(facts.labels.slice(0, 2)).to.deep.equal([HOSTILE, `${HOSTILE}'`]);
    expect(facts.body).to.contain(HOSTILE);
    // Give an injected onerror handler every chance to run before declaring there was none.
    await o.page.hover('svg.timeline .mark.proposal');
    await o.page.waitForTimeout(300);
    expectQuiet(o);
  });
});
