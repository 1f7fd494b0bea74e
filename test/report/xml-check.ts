// A small strict XML 1.0 reader for tests: enough to prove the JUnit file is well-formed (one
// root, balanced tags, quoted unique attributes, only valid characters and entity references) and
// to count its elements. No XML library is installed, and this subset is all JUnit uses.

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Replaces entity references, throwing on a bare `&` or an unknown entity. */
function decode(raw: string, where: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '<') throw new Error(`raw '<' at ${where + i}`);
    if (c !== '&') { out += c; continue; }
    const m = ENTITY.exec(raw.slice(i));
    if (!m) throw new Error(`bad entity reference at ${where + i}: ${raw.slice(i, i + 12)}`);
    const body = m[0].slice(1, -1);
    out += body.startsWith('#x') ? String.fromCodePoint(parseInt(body.slice(2), 16))
      : body.startsWith('#') ? String.fromCodePoint(parseInt(body.slice(1), 10)) : NAMED[body]!;
    i += m[0].length - 1;
  }
  return out;
}

function parseAttrs(src: string, at: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  let rest = src;
  while (rest.trim() !== '') {
    const m = /^\s+([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(rest);
    if (!m) throw new Error(`bad attribute syntax at ${at}: ${rest.slice(0, 40)}`);
    const name = m[1]!;
    if (name in attrs) throw new Error(`duplicate attribute ${name} at ${at}`);
    attrs[name] = decode(m[3] ?? m[4] ?? '', at);
    rest = rest.slice(m[0].length);
  }
  return attrs;
}

/** Parses a whole document and returns its root element; throws on any well-formedness error. */
export function parseXml(doc: string): XmlElement {
  const bad = INVALID_CHAR.exec(doc);
  if (bad) throw new Error(`character U+${bad[0].codePointAt(0)!.toString(16)} not allowed in XML 1.0`);
  let i = doc.startsWith('<?xml') ? doc.indexOf('?>') + 2 : 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < doc.length) {
    const lt = doc.indexOf('<', i);
    const textEnd = lt < 0 ? doc.length : lt;
    const text = decode(doc.slice(i, textEnd), i);
    const top = stack[stack.length - 1];
    if (top) top.text += text;
    else if (text.trim() !== '') throw new Error(`text outside the root element at ${i}`);
    if (lt < 0) break;
    i = parseTag(doc, lt, stack, (el) => {
      if (root) throw new Error(`second root element <${el.name}>`);
      root = el;
    });
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Parses the tag at `lt`, updating the open-element stack; returns the index after it. */
function parseTag(doc: string, lt: number, stack: XmlElement[], setRoot: (el: XmlElement) => void): number {
  if (doc.startsWith('<!--', lt)) {
    const end = doc.indexOf('-->', lt);
    if (end < 0) throw new Error('unclosed comment');
    return end + 3;
  }
  const gt = doc.indexOf('>', lt);
  if (gt < 0) throw new Error(`unclosed tag at ${lt}`);
  const inner = doc.slice(lt + 1, gt);
  if (inner.startsWith('/')) {
    const open = stack.pop();
    if (!open || open.name !== inner.slice(1).trim()) throw new Error(`mismatched </${inner.slice(1)}> at ${lt}`);
    return gt + 1;
  }
  const selfClosing = inner.endsWith('/');
  const body = selfClosing ? inner.slice(0, -1) : inner;
  const name = NAME.exec(body)?.[0];
  if (!name) throw new Error(`bad tag name at ${lt}`);
  const el: XmlElement = { name, attrs: parseAttrs(body.slice(name.length), lt), children: [], text: '' };
  const parent = stack[stack.length - 1];
  if (parent) parent.children.push(el);
  else setRoot(el);
  if (!selfClosing) stack.push(el);
  return gt + 1;
}

/** Every element named `name` at any depth below (and including) `el`. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out = el.name === name ? [el] : [];
  for (const c of el.children) out.push(...findAll(c, name));
  return out;
}
