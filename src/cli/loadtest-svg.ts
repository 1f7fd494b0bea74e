// Inline SVG charts for the load-test page (docs/network.md): grouped bars and lines, drawn as plain
// SVG elements so the page needs no script and no external asset.

export interface Bar { readonly label: string; readonly value: number }
export interface BarGroup { readonly label: string; readonly bars: readonly Bar[] }
export interface Series { readonly label: string; readonly values: readonly number[] }

export const PALETTE = ['#2b6cb0', '#c05621', '#2f855a', '#6b46c1', '#b83280', '#718096', '#d69e2e', '#319795'];

const W = 760;
const H = 300;
const PAD = { left: 64, right: 16, top: 28, bottom: 64 };

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A round axis maximum at or above `max` (1, 2 or 5 times a power of ten). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

function fmt(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function frame(title: string, yUnit: string, top: number, body: string, legend: readonly string[]): string {
  const plotH = H - PAD.top - PAD.bottom;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => {
    const y = PAD.top + plotH * (1 - t);
    return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#e2e8f0"/>` +
      `<text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${fmt(top * t)}</text>`;
  }).join('');
  const keys = legend.map((l, i) => {
    const kx = PAD.left + (i % 3) * 230;
    const ky = H - 34 + Math.floor(i / 3) * 16;
    return `<rect x="${kx}" y="${ky}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/>` +
      `<text x="${kx + 14}" y="${ky + 9}" font-size="11">${escapeHtml(l)}</text>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}">` +
    `<text x="${W / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${escapeHtml(title)}</text>` +
    `<text x="14" y="${PAD.top + plotH / 2}" font-size="11" transform="rotate(-90 14 ${PAD.top + plotH / 2})" text-anchor="middle">${escapeHtml(yUnit)}</text>` +
    `${ticks}${body}${keys}</svg>`;
}

/** Grouped bars: one group per label, one bar per series in the group, each labelled with its value. */
export function barChart(title: string, yUnit: string, groups: readonly BarGroup[]): string {
  const legend = groups[0]?.bars.map((b) => b.label) ?? [];
  const top = niceMax(Math.max(0, ...groups.flatMap((g) => g.bars.map((b) => b.value))));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const groupW = plotW / Math.max(1, groups.length);
  const barW = Math.min(40, (groupW * 0.8) / Math.max(1, legend.length));
  const body = groups.map((g, gi) => {
    const x0 = PAD.left + gi * groupW + (groupW - barW * g.bars.length) / 2;
    const bars = g.bars.map((b, bi) => {
      const h = (b.value / top) * plotH;
      const x = x0 + bi * barW;
      const y = PAD.top + plotH - h;
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${PALETTE[bi % PALETTE.length]}"><title>${escapeHtml(`${g.label} ${b.label}: ${fmt(b.value)} ${yUnit}`)}</title></rect>` +
        `<text x="${(x + barW / 2 - 1).toFixed(1)}" y="${(y - 3).toFixed(1)}" text-anchor="middle" font-size="9">${fmt(b.value)}</text>`;
    }).join('');
    const label = `<text x="${(PAD.left + gi * groupW + groupW / 2).toFixed(1)}" y="${PAD.top + plotH + 16}" text-anchor="middle" font-size="11">${escapeHtml(g.label)}</text>`;
    return bars + label;
  }).join('');
  return frame(title, yUnit, top, body, legend);
}

/** Lines over a shared x axis of whole seconds (value i is at x = i). */
export function lineChart(title: string, yUnit: string, series: readonly Series[]): string {
  const top = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const len = Math.max(2, ...series.map((s) => s.values.length));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number): number => PAD.left + (i / (len - 1)) * plotW;
  const body = series.map((s, si) => {
    const pts = s.values.map((v, i) => `${x(i).toFixed(1)},${(PAD.top + plotH * (1 - v / top)).toFixed(1)}`).join(' ');
    return `<polyline fill="none" stroke="${PALETTE[si % PALETTE.length]}" stroke-width="1.5" points="${pts}"><title>${escapeHtml(s.label)}</title></polyline>`;
  }).join('') + [0, 0.5, 1].map((t) => `<text x="${x(t * (len - 1)).toFixed(1)}" y="${PAD.top + plotH + 16}" text-anchor="middle" font-size="11">${Math.round(t * (len - 1))} s</text>`).join('');
  return frame(title, yUnit, top, body, series.map((s) => s.label));
}
