// The page's inline stylesheet and script, and the Content-Security-Policy that allows exactly them.
// The report must open from a CI artifact store or a mail attachment with no network, so nothing
// is loaded from anywhere: no fonts, no CDN, no images.

import { createHash } from 'node:crypto';

export const STYLE = `
:root { color-scheme: light; --ink: #111827; --muted: #4b5563; --bad: #b91c1c; --ok: #15803d; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0 24px 48px; }
h1 { font-size: 22px; margin: 18px 0 6px; } h2 { font-size: 18px; margin: 28px 0 8px; } h3 { font-size: 15px; margin: 0 0 6px; }
code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
table { border-collapse: collapse; margin: 6px 0 10px; } th, td { border: 1px solid #d1d5db; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
table.cases, table.groups, table.options, table.meta { display: block; max-width: 100%; overflow-x: auto; }
td code { overflow-wrap: anywhere; }
.ok { color: var(--ok); font-weight: 600; } .bad { color: var(--bad); font-weight: 600; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 10px; color: #fff; font-weight: 600; }
.verdict.ok { background: var(--ok); } .verdict.bad { background: var(--bad); }
.finding { border: 1px solid #d1d5db; border-radius: 6px; padding: 12px 14px; margin: 14px 0; }
.violation { color: var(--bad); }
.replay { display: flex; gap: 8px; align-items: center; margin: 8px 0; flex-wrap: wrap; }
.replay code { background: #f3f4f6; padding: 3px 6px; border-radius: 4px; user-select: all; }
button.copy { font: inherit; padding: 2px 10px; cursor: pointer; }
.copy-status { color: var(--muted); font-size: 12px; }
.timeline-wrap { overflow-x: auto; border: 1px solid #e5e7eb; margin: 8px 0; }
svg.timeline { display: block; } svg.timeline, svg.legend-icon { font-family: system-ui, sans-serif; }
.round-label { font-size: 13px; font-weight: 700; }
.leader-label, .drops-label { font-size: 11px; fill: var(--muted); }
.replica-label { font-size: 14px; font-weight: 600; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.badge-text { font-size: 9px; font-weight: 700; fill: #fff; }
.commit-label { font-size: 10px; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.oracle-label { font-size: 9.5px; font-weight: 700; fill: #b91c1c; }
.gst-label { font-size: 11px; font-weight: 600; }
.more { font-size: 10px; fill: var(--muted); }
svg.timeline .mark:hover > :not(title), svg.timeline .mark:focus > :not(title) { filter: brightness(0.85); }
svg.timeline .mark { outline: none; }
.legend svg { vertical-align: middle; }
.legend li { margin: 3px 0; list-style: none; }
#tip { position: fixed; z-index: 10; max-width: 460px; white-space: pre-wrap; background: #111827; color: #f9fafb;
  font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; padding: 6px 8px; border-radius: 4px; pointer-events: none; }
#tip[hidden] { display: none; }
details > summary { cursor: pointer; color: var(--muted); }
`;

/**
 * Hover tooltips for timeline marks (the SVG <title> already gives a native tooltip without
 * script) and one-click copying of replay commands, falling back to selecting the text when the
 * clipboard API is missing or refused (file:// pages, old browsers).
 */
export const SCRIPT = `
(function () {
  'use strict';
  var tip = document.getElementById('tip');
  // With script running, the styled tooltip replaces the native <title> one, which would pop up
  // a second copy; the text stays available to assistive technology as the mark's label.
  document.querySelectorAll('svg .mark > title').forEach(function (t) {
    t.parentNode.setAttribute('aria-label', t.textContent);
    t.remove();
  });
  function place(ev) { tip.style.left = (ev.clientX + 14) + 'px'; tip.style.top = (ev.clientY + 14) + 'px'; }
  document.addEventListener('mouseover', function (ev) {
    var el = ev.target instanceof Element ? ev.target.closest('[data-tip]') : null;
    if (!el) { tip.hidden = true; return; }
    tip.textContent = el.getAttribute('data-tip');
    tip.hidden = false;
    place(ev);
  });
  document.addEventListener('mousemove', function (ev) { if (!tip.hidden) place(ev); });
  function selectText(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  function fallback(el, status) {
    selectText(el);
    var copied = false;
    try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
    status.textContent = copied ? 'Copied' : 'Selected: press Ctrl+C';
  }
  document.querySelectorAll('button.copy').forEach(function (button) {
    button.addEventListener('click', function () {
      var el = document.getElementById(button.getAttribute('data-copy'));
      var status = button.parentElement.querySelector('.copy-status');
      if (!el || !status) return;
      var text = el.textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { status.textContent = 'Copied'; },
          function () { fallback(el, status); });
      } else {
        fallback(el, status);
      }
    });
  });
})();
`;

/** The script's CSP hash: only this exact inline script may run, so injected handlers cannot. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

export function contentSecurityPolicy(script: string): string {
  return ["default-src 'none'", "style-src 'unsafe-inline'", `script-src ${scriptHash(script)}`,
    "img-src 'none'", "font-src 'none'", "connect-src 'none'", "base-uri 'none'", "form-action 'none'"].join('; ');
}
