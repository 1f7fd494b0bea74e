// What JSON.parse lets through but an input must not hold: a key given twice in one object (JSON.parse
// silently keeps the last) and nesting deeper than any real input (which would overflow the stack of
// every recursive walk after parsing). Runs on text JSON.parse has accepted, so it only needs to see
// strings, brackets, colons and commas; a sticky regex finds them without a character loop.
import { childPath, type PathSegment } from './json-path.js';

/** Deeper nesting than any real input: a scenario inside a finding inside a config is under 15 levels. */
export const MAX_JSON_DEPTH = 100;

export interface StrictFault {
  readonly offset: number;
  readonly path: string;
  readonly reason: string;
}

interface Level {
  readonly object: boolean;
  keys: Set<string> | null;
  /** Current key of an object, or current index of an array. */
  at: PathSegment;
}

// A string token, or a structural character; numbers, literals and white space are skipped over.
const TOKEN = /"(?:[^"\\]|\\.)*"|[{}[\],:]/g;

/** The first duplicate key or too-deep nesting of valid JSON `text`, or null. */
export function strictJsonFault(text: string): StrictFault | null {
  const stack: Level[] = [];
  let lastString: string | null = null;
  let lastStringAt = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const tok = m[0];
    const top = stack[stack.length - 1];
    switch (tok) {
      case '{': case '[':
        if (stack.length >= MAX_JSON_DEPTH) {
          return { offset: m.index, path: pathOf(stack), reason: `nesting deeper than ${MAX_JSON_DEPTH} levels` };
        }
        stack.push({ object: tok === '{', keys: null, at: tok === '{' ? '' : 0 });
        break;
      case '}': case ']':
        stack.pop();
        break;
      case ',':
        if (top !== undefined && !top.object) top.at = (top.at as number) + 1;
        break;
      case ':': {
        if (top === undefined || lastString === null) break;
        const key = lastString;
        top.keys ??= new Set();
        if (top.keys.has(key)) {
          top.at = key;
          return { offset: lastStringAt, path: pathOf(stack), reason: `duplicate key ${JSON.stringify(key)} (JSON.parse would keep only the last)` };
        }
        top.keys.add(key);
        top.at = key;
        break;
      }
      default:
        lastString = tok.includes('\\') ? JSON.parse(tok) as string : tok.slice(1, -1);
        lastStringAt = m.index;
        continue;
    }
    lastString = null;
  }
  return null;
}

/** The path to the current value; a very deep one is cut after its first levels. */
function pathOf(stack: readonly Level[]): string {
  const shown = 8;
  const path = childPath('$', ...stack.slice(0, shown).map((l) => l.at));
  return stack.length > shown ? `${path}...(${stack.length - shown} more levels)` : path;
}

/**
 * Whether valid JSON `text`, parsed as `value`, certainly has no duplicate key and no nesting near
 * MAX_JSON_DEPTH: the parsed objects hold as many keys as the text has colons outside strings (a key
 * given twice leaves one key for two colons). Much cheaper than strictJsonFault, which is asked only
 * when this says no, to find where.
 */
export function certainlyStrict(value: unknown, text: string): boolean {
  const keys = keyCount(value, 1);
  return keys >= 0 && keys === structuralColons(text);
}

/** Keys of every object within `value`, or -1 when containers nest MAX_JSON_DEPTH - 1 deep. */
function keyCount(value: unknown, depth: number): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (depth >= MAX_JSON_DEPTH - 1) return -1;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      const k = keyCount(item, depth + 1);
      if (k < 0) return -1;
      n += k;
    }
    return n;
  }
  for (const key in value) {
    const k = keyCount((value as Record<string, unknown>)[key], depth + 1);
    if (k < 0) return -1;
    n += k + 1;
  }
  return n;
}

/** Colons of valid JSON `text` outside strings. */
function structuralColons(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a) n++;
    else if (c === 0x22) {
      // Valid JSON: every string ends, and a backslash always escapes the next character.
      for (i++; text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    }
  }
  return n;
}
