// Setup: the real conflicting_votes_bug report, written by `twins exec` into a temporary folder,
//   and the hostile-name report (fixtures.ts), opened from disk in Debian's headless Chromium via
//   playwright-core (installed first when missing: chromium.ts).
// Expect: the timeline shows the two conflicting height-1 commits and the oracle id; hovering a mark
//   shows its details; each replay command has a copy button; no console or page errors, no
//   network requests, no dialogs; the hostile node name is shown as text and runs nothing.
// Replay: npx tsc -p . && npx mocha dist/test/report/browser.test.js

import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { renderHtmlReport } from '../../src/exec/report/index.js';
import { readFileSync } from 'node:fs';
import { execCommand } from '../../src/cli/cmd-exec.js';
import type { Finding, Violation } from '../../src/exec/report-types.js';
import { hostileReport, HOSTILE } from './fixtures.js';
import type { ReportInput } from './fixtures.js';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.js';
import { tempDir } from '../temp-dir.js';

let OUT_DIR = '';

interface Opened {
  readonly page: Page;
  readonly url: string;
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

/** Writes the report (or takes a written one) and opens it, recording every sign of misbehaviour. */
async function open(browser: Browser, input: ReportInput | string, file: string): Promise<Opened> {
  mkdirSync(OUT_DIR, { recursive: true });
  const path = typeof input === 'string' ? input : join(OUT_DIR, file);
  if (typeof input !== 'string') writeFileSync(path, renderHtmlReport(input));
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

/** Runs the shipped conflicting_votes_bug config for real; returns its page and agreement violation. */
async function realConflictingVotesReport(): Promise<{ html: string; findings: Finding[]; agreement: Violation }> {
  const code = await execCommand('executor-configs/conflicting_votes_bug.json', { quiet: true, silent: true, reports: OUT_DIR, workers: 1 });
  expect(code, 'twins exec exit code').to.equal(0);
  const dir = join(OUT_DIR, 'conflicting_votes_bug');
  const findings = readFileSync(join(dir, 'findings.jsonl'), 'utf8').trim().split('\n')
    .map((l) => JSON.parse(l) as Finding);
  const agreement = findings.flatMap((f) => f.violations).find((v) => v.oracle === 'safety.agreement');
  if (agreement === undefined) throw new Error('the bug case reported no safety.agreement violation');
  return { html: join(dir, 'index.html'), findings, agreement };
}

describe('report: the HTML page in headless Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;

  before(async function () {
    this.timeout(900_000);
    OUT_DIR = tempDir('twins-browser-');
    const executablePath = ensureChromium();
    // playwright gives each launch a new empty profile folder of its own (it rejects --user-data-dir).
    browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
  });

  after(async () => { await browser?.close(); });

  it('shows the conflicting_votes_bug finding: two conflicting commits and the oracle', async () => {
    const real = await realConflictingVotesReport();
    const o = await open(browser!, real.html, 'index.html');
    const violation = real.agreement;
    const seen: (string | null)[][] = [];
    for (const replica of violation.replicas) {
      const marks = o.page.locator(`svg.timeline .mark.commit.conflict[data-replica="${replica}"][data-height="1"]`);
      expect(await marks.count(), `conflict mark of ${replica} at height 1`).to.be.at.least(1);
      expect(await marks.first().isVisible()).to.equal(true);
      seen.push([replica, await marks.first().getAttribute('data-block')]);
    }
    expect(seen).to.have.length(2);
    expect(seen[0]![1], 'the two commits are of different blocks').not.to.equal(seen[1]![1]);
    const labels = o.page.locator('svg.timeline .oracle-label', { hasText: violation.oracle });
    expect(await labels.count()).to.be.at.least(1);
    expect(await labels.first().isVisible()).to.equal(true);
    await o.page.locator('article.finding').first().screenshot({ path: join(OUT_DIR, 'timeline.png') });
    await o.page.screenshot({ path: join(OUT_DIR, 'page.png'), fullPage: true });
    expectQuiet(o);
  });

  it('shows a mark\'s details on hover and copies the replay command with one click', async () => {
    const real = await realConflictingVotesReport();
    const o = await open(browser!, real.html, 'index.html');
    const replica = real.agreement.replicas[0]!;
    const tip = o.page.locator('#tip');
    expect(await tip.isVisible()).to.equal(false);
    await o.page.hover(`svg.timeline .mark.commit.conflict[data-replica="${replica}"]`);
    expect(await tip.isVisible()).to.equal(true);
    const text = await tip.textContent();
    expect(text).to.contain(`replica ${replica}`).and.to.contain('height 1').and.to.contain('violates safety.agreement');
    const button = o.page.locator('button.copy');
    expect(await button.count()).to.be.at.least(real.findings.length);
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
