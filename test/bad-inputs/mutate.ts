// The bad-input corpus generator: mutates a valid JSON document systematically, each mutation with
// the JSON path the error must name. Every mutation is invalid by construction for the tool's schemas:
//   - extra:  an unknown field added to an object (schemas refuse unknown fields);
//   - dup:    an object's first key written twice (duplicate keys are refused);
//   - type:   a value replaced by one of another JSON type that no field of ours accepts there;
//   - neg:    an integer replaced by -1 (every integer of ours is a count, index or size);
//   - deep:   a value replaced by arrays nested 200 deep (deeper than any input may be);
//   - cut:    the text cut short (a syntax error, located by line and column: no JSON path).
// `skip` names keys whose subtree is free-form (or accepts several types) and is left alone.
import { childPath, type PathSegment } from '../../src/scenario/json-path.js';

export interface Mutation {
  readonly id: string;
  readonly text: string;
  /** The JSON path the message must name (a prefix of it, for unknown fields), or null for a syntax error. */
  readonly path: string | null;
  /** A regular expression the message must match. */
  readonly pattern: RegExp;
}

export interface MutateOptions {
  /** Keys whose values are not mutated (free-form or multi-type fields). */
  readonly skip?: readonly string[];
  /** Object paths where an unknown field is allowed (open objects such as meta). */
  readonly open?: readonly string[];
}

interface Node { readonly path: string; readonly segs: readonly PathSegment[]; readonly value: unknown }

function* nodes(value: unknown, segs: PathSegment[], skip: ReadonlySet<string>): Generator<Node> {
  yield { path: childPath('$', ...segs), segs, value };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* nodes(value[i], [...segs, i], skip);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) if (!skip.has(k)) yield* nodes(v, [...segs, k], skip);
  }
}

function setAt(root: unknown, segs: readonly PathSegment[], v: unknown): unknown {
  if (segs.length === 0) return v;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let at = copy;
  for (const s of segs.slice(0, -1)) at = at[s] as Record<string | number, unknown>;
  at[segs[segs.length - 1]!] = v;
  return copy;
}

function otherType(v: unknown): unknown {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return 'twelve';
  if (typeof v === 'boolean') return 'yes';
  if (Array.isArray(v)) return { not: 'an array' };
  if (v === null) return [];
  return ['not', 'an', 'object'];
}

function deep(n: number): unknown {
  let v: unknown = 0;
  for (let i = 0; i < n; i++) v = [v];
  return v;
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every mutation of `doc` (as one-line JSON text when `oneLine`, else indented). */
export function* mutations(doc: unknown, opts: MutateOptions = {}, oneLine = false): Generator<Mutation> {
  const skip = new Set(opts.skip ?? []);
  const open = new Set(opts.open ?? []);
  const text = (v: unknown): string => (oneLine ? JSON.stringify(v) : JSON.stringify(v, null, 2));
  for (const n of nodes(doc, [], skip)) {
    const v = n.value;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && !open.has(n.path)) {
      yield { id: `extra ${n.path}`, text: text(setAt(doc, n.segs, { ...v, zz_unknown: 1 })), path: n.path, pattern: new RegExp(`${esc(n.path)}`) };
      const keys = Object.keys(v);
      if (keys.length > 0) {
        const body = text(setAt(doc, n.segs, { zz_marker: 1, ...v }));
        const first = keys[0]!;
        const dupText = body.replace(/"zz_marker":\s*1/, `${JSON.stringify(first)}: ${JSON.stringify((v as Record<string, unknown>)[first])}`);
        yield { id: `dup ${n.path}`, text: dupText, path: childPath(n.path, first), pattern: /duplicate key/ };
      }
    }
    if (n.segs.length > 0) {
      yield { id: `type ${n.path}`, text: text(setAt(doc, n.segs, otherType(v))), path: n.path, pattern: new RegExp(`${esc(n.path)}`) };
      if (typeof v === 'number' && Number.isInteger(v)) {
        yield { id: `neg ${n.path}`, text: text(setAt(doc, n.segs, -1)), path: n.path, pattern: new RegExp(`${esc(n.path)}`) };
      }
    }
  }
  const whole = text(doc);
  yield { id: 'deep $', text: text(setAt(doc, [Object.keys(doc as object)[0]!], deep(200))), path: null, pattern: /nesting deeper than/ };
  for (const frac of [0.25, 0.5, 0.9]) {
    yield { id: `cut ${frac}`, text: whole.slice(0, Math.floor(whole.length * frac)), path: null, pattern: /invalid JSON/ };
  }
}
