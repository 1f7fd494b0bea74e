// The one escaping helper for every report format. Node names, block ids, case names, details and
// config values all come from user files, so every string that reaches HTML, SVG or XML goes
// through `escapeHtml` (or `escapeXml`, which is the same plus XML 1.0 character filtering).

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML/SVG/XML text content and for double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

// XML 1.0 allows tab, newline, carriage return and the ranges below; lone surrogates are matched as
// single code points by the `u` flag and removed too.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes characters that XML 1.0 forbids even when escaped (NUL, most C0 controls, U+FFFE...). */
export function stripInvalidXml(value: string): string {
  return value.replace(INVALID_XML, '');
}

/** Escapes for XML text content, after dropping characters XML 1.0 cannot carry. */
export function escapeXml(value: unknown): string {
  return escapeHtml(stripInvalidXml(String(value)));
}

/**
 * Escapes for XML attribute values. Newlines and tabs become character references because an XML
 * parser normalises raw ones in attribute values to spaces, which would lose multi-line messages.
 */
export function escapeXmlAttr(value: unknown): string {
  return escapeXml(value).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** Short form of a hex block id for labels: `3fa2…`. The full id stays in the tooltip. */
export function shortId(id: string): string {
  return id.length > 6 ? `${id.slice(0, 4)}…` : id;
}
