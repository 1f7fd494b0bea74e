// Human-readable reports of a run: the HTML page with finding timelines, and JUnit XML for CI.

export { renderHtmlReport, MAX_FINDINGS_DRAWN } from './html.js';
export type { HtmlReportInput } from './html.js';
export type { GroupsView } from './html-groups.js';
export { renderTimeline } from './timeline-svg.js';
export { renderJunit } from './junit.js';
export { escapeHtml, escapeXml, escapeXmlAttr, stripInvalidXml } from './escape.js';
