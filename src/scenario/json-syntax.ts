// JSON text to value, with syntax errors located by line and column. JSON.parse is the fast path;
// only when it fails does a small scanner walk the text again to find where and why, because V8's
// messages vary between versions and some carry no position at all.
import { UserError } from './errors.js';
import { certainlyStrict, MAX_JSON_DEPTH, strictJsonFault } from './json-strict.js';

interface Fault { readonly offset: number; readonly reason: string }

// Deeper nesting than any real input; the scanner recurses, so it stops here rather than overflow.
const MAX_DEPTH = MAX_JSON_DEPTH;

/**
 * Parses JSON text. On a syntax error throws a UserError whose file reads `file:line:column`
 * (`firstLine` numbers the text's first line, so a .jsonl line keeps its place in the file).
 */
export function parseJson(text: string, file: string, firstLine = 1): unknown {
  const body = jsonBody(text);
  let value: unknown;
  try {
    value = JSON.parse(body) as unknown;
  } catch (err) {
    if (body.trim() === '') throw new UserError(file, null, 'invalid JSON: the text is empty; expected a JSON object');
    const fault = locateJsonError(body) ?? { offset: 0, reason: (err as Error).message };
    const { line, column } = lineAndColumn(body, fault.offset);
    throw new UserError(`${file}:${firstLine + line - 1}:${column}`, null, `invalid JSON: ${fault.reason}`);
  }
  const strict = certainlyStrict(value, body) ? null : strictJsonFault(body);
  if (strict !== null) {
    const { line, column } = lineAndColumn(body, strict.offset);
    throw new UserError(`${file}:${firstLine + line - 1}:${column}`, strict.path, strict.reason);
  }
  return value;
}

/** The JSON text of `text`: editors on some systems prefix a byte order mark, which is not part of it. */
export function jsonBody(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based line and column of a UTF-16 offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The first syntax error of `text`, or null when it is valid JSON. */
export function locateJsonError(text: string): Fault | null {
  const scanner = new Scanner(text);
  try {
    scanner.document();
    return null;
  } catch (err) {
    if (err instanceof FaultError) return err.fault;
    throw err;
  }
}

class FaultError extends Error {
  constructor(readonly fault: Fault) { super(fault.reason); }
}

class Scanner {
  private pos = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  document(): void {
    this.ws();
    this.value();
    this.ws();
    if (this.pos < this.text.length) this.fail('unexpected text after the JSON value');
  }

  private fail(reason: string, at = this.pos): never {
    throw new FaultError({ offset: at, reason });
  }

  private ws(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]!)) this.pos++;
  }

  private value(): void {
    const ch = this.text[this.pos];
    if (ch === undefined) this.fail('unexpected end of input; a value is missing');
    if (ch === '{' || ch === '[') return this.container(ch === '{' ? '}' : ']');
    if (ch === '"') return this.string();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) { this.pos += word.length; return; }
    }
    this.fail(unexpected(ch));
  }

  /** An object (`close` is '}') or an array (`close` is ']'), with trailing commas named as such. */
  private container(close: '}' | ']'): void {
    if (++this.depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    this.pos++;
    this.ws();
    if (this.text[this.pos] === close) { this.pos++; this.depth--; return; }
    for (;;) {
      this.ws();
      if (close === '}') this.member(); else this.value();
      this.ws();
      const ch = this.text[this.pos];
      if (ch === close) { this.pos++; this.depth--; return; }
      if (ch !== ',') {
        const after = close === '}' ? 'a property value' : 'an array element';
        this.fail(ch === undefined ? `unexpected end of input; expected ',' or '${close}' after ${after}`
          : `expected ',' or '${close}' after ${after}, got ${describe(ch)} (a missing comma?)`);
      }
      const comma = this.pos++;
      this.ws();
      if (this.text[this.pos] === close) this.fail(`trailing comma before '${close}'`, comma);
    }
  }

  private member(): void {
    const ch = this.text[this.pos];
    if (ch === "'") this.fail('property names must use double quotes');
    if (ch !== '"') this.fail(ch === undefined ? 'unexpected end of input; expected a property name' : `expected a double-quoted property name, got ${describe(ch)}`);
    this.string();
    this.ws();
    if (this.text[this.pos] !== ':') this.fail("expected ':' after the property name");
    this.pos++;
    this.ws();
    this.value();
  }

  private string(): void {
    const start = this.pos++;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) this.fail('unterminated string', start);
      if (ch === '"') { this.pos++; return; }
      if (ch.charCodeAt(0) < 0x20) this.fail(ch === '\n' ? 'unterminated string (line break inside a string)' : 'control character inside a string');
      if (ch === '\\') {
        const esc = this.text[this.pos + 1] ?? '';
        const ok = '"\\/bfnrt'.includes(esc) && esc !== ''
          || (esc === 'u' && /^[0-9A-Fa-f]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6)));
        if (!ok) this.fail('invalid escape sequence in a string');
        this.pos += esc === 'u' ? 6 : 2;
      } else {
        this.pos++;
      }
    }
  }

  private number(): void {
    const re = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    const next = m === null ? undefined : this.text[this.pos + m[0].length];
    if (m === null || (next !== undefined && /[0-9.eE]/.test(next))) this.fail('invalid number');
    this.pos += m[0].length;
  }
}

function unexpected(ch: string): string {
  if (ch === "'") return 'strings and names must use double quotes';
  if (ch === '/') return 'comments are not allowed in JSON';
  if (/[A-Za-z]/.test(ch)) return `unexpected word; expected a value (a string needs double quotes; literals are true, false, null)`;
  return `unexpected ${describe(ch)}; expected a value`;
}

function describe(ch: string): string {
  // Control characters are shown escaped so that the message stays on one line.
  return ch < ' ' ? JSON.stringify(ch) : `'${ch}'`;
}
