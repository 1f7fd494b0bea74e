// Setup: the conflicting_votes_bug report, written by `twins exec` into a temporary folder, opened in
//   headless Chromium (playwright-core) at a wide and a narrow window.
// Expect: at both widths every oracle label lies inside its cell and overlaps no other label and no
//   commit; scripted drops are drawn as crossed arrows; a cell's marks go left to right in tick order;
//   no column says "leader ?"; the quiet GST tail is folded into a note, so the picture stays narrow;
//   the page itself never scrolls sideways (a wide timeline scrolls inside its frame).
// Replay: npx tsc -p . && npx mocha --no-config dist/test/report/browser-timeline.test.js
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { execCommand } from '../../src/cli/cmd-exec.js';
import { tempDir } from '../temp-dir.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

interface Box { x: number; y: number; w: number; h: number }

interface Facts {
  labels: Box[];
  cells: Box[];
  commits: Box[];
  drops: number;
  leaderUnknown: boolean;
  svgWidth: number;
  foldNote: string | null;
  pageOverflow: number;
  tickOrderBroken: string[];
}

describe('report: timeline pictures in headless Chromium, at two widths', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let page = '';

  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}. Install Debian's chromium package or set CHROMIUM_PATH.`);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    const reports = tempDir('twins-timeline-');
    const code = await execCommand('executor-configs/conflicting_votes_bug.json', { quiet: true, silent: true, reports, workers: 1 });
    expect(code).to.equal(0);
    page = join(reports, 'conflicting_votes_bug', 'index.html');
  });

  after(async () => { await browser?.close(); });

  for (const width of [1280, 640]) {
    it(`at ${width} px: labels fit their cells without overlap, drops are crossed arrows, ticks go left to right`, async () => {
      const p = await browser!.newPage({ viewport: { width, height: 900 } });
      await p.goto(pathToFileURL(page).href, { waitUntil: 'load' });
      const facts = await p.evaluate((): Facts => {
        const svg = document.querySelector('svg.timeline')!;
        const box = (e: Element): Box => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; };
        const cells = [...svg.querySelectorAll('.mark.cell rect')].map(box);
        const inCell = (b: Box): number => cells.findIndex((c) => b.x + b.w / 2 >= c.x && b.x + b.w / 2 <= c.x + c.w &&
          b.y + b.h / 2 >= c.y && b.y + b.h / 2 <= c.y + c.h);
        // Within a cell, the first tick at each x position must grow from left to right.
        const byCell = new Map<number, Map<number, number>>();
        for (const g of svg.querySelectorAll('g.at')) {
          const b = box(g);
          const cell = inCell(b);
          const xs = byCell.get(cell) ?? new Map<number, number>();
          const x = Math.round(b.x + b.w / 2);
          xs.set(x, Math.min(xs.get(x) ?? Infinity, Number(g.getAttribute('data-tick'))));
          byCell.set(cell, xs);
        }
        const tickOrderBroken: string[] = [];
        for (const [cell, xs] of byCell) {
          const ticks = [...xs].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
          if (ticks.some((t, i) => i > 0 && t < ticks[i - 1]!)) tickOrderBroken.push(`cell ${cell}: ${ticks.join(',')}`);
        }
        return {
          labels: [...svg.querySelectorAll('.oracle-label')].map(box),
          cells,
          commits: [...svg.querySelectorAll('.mark.commit rect:first-of-type')].map(box),
          drops: [...svg.querySelectorAll('.mark.drop')].filter((e) => box(e).w > 0).length,
          leaderUnknown: (svg.textContent ?? '').includes('leader ?'),
          svgWidth: Number(svg.getAttribute('width')),
          foldNote: svg.querySelector('.fold-note')?.textContent ?? null,
          pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
          tickOrderBroken,
        };
      });
      await p.locator('article.finding').first().screenshot({ path: join(tempDir('twins-shot-'), `timeline-${width}.png`) });
      await p.close();
      const inside = (a: Box, c: Box): boolean => a.x >= c.x - 0.5 && a.y >= c.y - 0.5 && a.x + a.w <= c.x + c.w + 0.5 && a.y + a.h <= c.y + c.h + 0.5;
      const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      expect(facts.labels.length).to.be.at.least(3);
      facts.labels.forEach((l, i) => {
        expect(facts.cells.some((c) => inside(l, c)), `label ${i} inside a cell`).to.equal(true);
        facts.labels.slice(i + 1).forEach((m, j) => expect(overlap(l, m), `labels ${i} and ${i + j + 1}`).to.equal(false));
        facts.commits.forEach((c, j) => expect(overlap(l, c), `label ${i} and commit ${j}`).to.equal(false));
      });
      expect(facts.drops, 'crossed arrows of dropped messages').to.be.at.least(4);
      expect(facts.tickOrderBroken).to.deep.equal([]);
      expect(facts.leaderUnknown).to.equal(false);
      // 27 rounds traced: the quiet tail is one note, not 22 more columns.
      expect(facts.foldNote).to.match(/^R\d+–R\d+: \d+ quiet GST rounds folded/);
      expect(facts.svgWidth).to.be.lessThan(1100);
      expect(facts.pageOverflow, 'the page does not scroll sideways').to.be.at.most(0);
    });
  }
});
