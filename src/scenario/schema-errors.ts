// Translates Ajv error objects into one-line messages with a `$.a[0].b` path and the rule broken in
// plain words. Ajv reports every failing branch of an anyOf/oneOf; the user needs the one branch that
// came closest, so each combinator's branch errors collapse into the most specific of them.
import type { ErrorObject } from 'ajv/dist/2020.js';
import { UserError } from './errors.js';
import { childPath, pointerSegments } from './json-path.js';
import type { Validator } from './schemas.js';

export interface SchemaProblem {
  readonly path: string;
  readonly detail: string;
}

const COMBINATORS = new Set(['anyOf', 'oneOf']);
// `if` reports that its then/else failed; that branch's own error already says why.
const SKIPPED = new Set(['if']);

// Patterns of schemas/ and what they mean, so messages say the rule rather than the regex.
const PATTERN_RULES: Readonly<Record<string, string>> = {
  '^[A-Za-z0-9_-]+$': "must be a name of letters, digits, '_' and '-' (apostrophes are reserved for twin replicas)",
  "^[A-Za-z0-9_-]+'*$": 'must be a replica name: an identity name followed by zero or more apostrophes',
  '^(?!\\.\\.?$)[A-Za-z0-9_.-]+$': "must be usable as a directory name: letters, digits, '_', '.' and '-', not '.' or '..'",
  '\\.jsonl?$': 'must be a path to a .json or .jsonl file',
  '^[0-9a-f]{16}$': 'must be 16 lowercase hex digits',
  '^[0-9]+$': 'must be a decimal integer written as a string',
};

/** Validates `value`; on failure throws a UserError for the most specific problem. */
export function assertSchema(validate: Validator, value: unknown, file: string, base = '$'): void {
  if (validate(value)) return;
  const first = schemaProblems(validate.errors ?? [], value, base)[0];
  throw new UserError(file, first?.path ?? base, first?.detail ?? 'does not match its schema');
}

/** Every problem Ajv found, one per independent error, combinator branches collapsed. */
export function schemaProblems(errors: readonly ErrorObject[], root: unknown, base = '$'): SchemaProblem[] {
  return collapse(errors).map((e) => translate(e, root, base));
}

/** Replaces each combinator error and the branch errors before it by the single closest error. */
function collapse(errors: readonly ErrorObject[]): ErrorObject[] {
  const pending: ErrorObject[] = [];
  for (const e of errors) {
    if (SKIPPED.has(e.keyword)) continue;
    // A propertyNames error repeats the error about the key that came just before it.
    if (e.keyword === 'propertyNames' && pending.some((b) => b.propertyName === e.params.propertyName)) continue;
    if (!COMBINATORS.has(e.keyword)) { pending.push(e); continue; }
    // Ajv appends a combinator's branch errors just before it. Their schemaPath cannot identify them
    // (inside a $ref it restarts at the referenced schema), but their data lies at or below the
    // combinator's, so they are the run of such errors that ends the list.
    let start = pending.length;
    while (start > 0 && isWithin(pending[start - 1]!.instancePath, e.instancePath)) start--;
    const branch = pending.splice(start);
    pending.push(pickBranchError(e, branch));
  }
  return pending;
}

function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

function depth(e: ErrorObject): number {
  return e.instancePath === '' ? 0 : e.instancePath.split('/').length;
}

/** The deepest branch error; at equal depth a wrong value beats a wrong type, and type errors merge. */
function pickBranchError(combinator: ErrorObject, branch: readonly ErrorObject[]): ErrorObject {
  const alternatives = requiredAlternatives(combinator);
  if (alternatives !== null) {
    return { ...combinator, keyword: 'requiredAlternatives', params: { names: alternatives } };
  }
  if (branch.length === 0) return combinator;
  const ranked = [...branch].sort((a, b) => depth(b) - depth(a)
    || Number(a.keyword === 'type') - Number(b.keyword === 'type'));
  const best = ranked[0]!;
  if (best.keyword !== 'type') return best;
  const types = branch.filter((b) => b.keyword === 'type' && b.instancePath === best.instancePath)
    .map((b) => String(b.params.type));
  return { ...best, params: { type: types.join(',') } };
}

/** For `oneOf: [{required: [x]}, {required: [y]}]` (exactly one of x, y): the names, else null. */
function requiredAlternatives(e: ErrorObject): string[] | null {
  if (!Array.isArray(e.schema)) return null;
  const names: string[] = [];
  for (const branch of e.schema as unknown[]) {
    const keys = typeof branch === 'object' && branch !== null ? Object.keys(branch) : [];
    const req = (branch as { required?: unknown }).required;
    if (keys.length !== 1 || !Array.isArray(req) || req.length !== 1) return null;
    names.push(String(req[0]));
  }
  return names;
}

function translate(e: ErrorObject, root: unknown, base: string): SchemaProblem {
  const segments = pointerSegments(e.instancePath, root);
  const path = childPath(base, ...segments);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { path, detail: `missing field '${String(p.missingProperty)}'` };
    case 'additionalProperties':
      return { path, detail: `unknown field '${String(p.additionalProperty)}'; allowed: ${allowedFields(e)}` };
    case 'uniqueItems': {
      const later = Math.max(Number(p.i), Number(p.j));
      const earlier = Math.min(Number(p.i), Number(p.j));
      const item = Array.isArray(e.data) ? (e.data as unknown[])[later] : undefined;
      return { path: childPath(path, later), detail: `duplicate value ${show(item)}; it is also at index ${earlier}` };
    }
    case 'propertyNames':
      return { path: childPath(path, String(p.propertyName)), detail: `invalid key ${show(p.propertyName)}` };
    case 'requiredAlternatives':
      return { path, detail: alternativesDetail(p.names as string[], e.data) };
    default: {
      const detail = valueDetail(e);
      // Errors inside propertyNames are about a key: point at that key.
      return e.propertyName === undefined ? { path, detail }
        : { path: childPath(path, e.propertyName), detail: `invalid key: ${detail}` };
    }
  }
}

/** Rules about a value itself: its type, range, length, pattern or allowed values. */
function valueDetail(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  const got = show(e.data);
  switch (e.keyword) {
    case 'type': return `must be ${typeList(String(p.type))}, got ${typeOf(e.data, String(p.type))}`;
    case 'const': return `must be ${show(p.allowedValue)}, got ${got}`;
    case 'enum': return `must be one of ${(p.allowedValues as unknown[]).map((v) => String(v)).join(', ')}; got ${got}`;
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return `must be ${String(p.comparison)} ${String(p.limit)}, got ${got}`;
    case 'minItems':
      return p.limit === 1 ? 'must not be empty' : `must have at least ${String(p.limit)} items, got ${countOf(e.data)}`;
    case 'maxItems': return `must have at most ${String(p.limit)} items, got ${countOf(e.data)}`;
    case 'minLength': return p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters long`;
    case 'pattern': {
      const pattern = String(p.pattern);
      return `${PATTERN_RULES[pattern] ?? `must match the pattern /${pattern}/`}, got ${got}`;
    }
    case 'anyOf': case 'oneOf': return 'does not match any of the allowed forms';
    default: return e.message ?? `fails the '${e.keyword}' rule`;
  }
}

function alternativesDetail(names: readonly string[], data: unknown): string {
  const quoted = names.map((n) => `'${n}'`);
  const present = typeof data === 'object' && data !== null ? names.filter((n) => n in data) : [];
  if (present.length > 1) return `give exactly one of ${quoted.join(' or ')}, not ${present.length === 2 ? 'both' : 'several'}`;
  return `missing a source: give exactly one of ${quoted.join(' or ')}`;
}

function allowedFields(e: ErrorObject): string {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props === undefined ? 'none' : Object.keys(props).join(', ');
}

const ARTICLE: Readonly<Record<string, string>> = {
  integer: 'an integer', number: 'a number', string: 'a string', boolean: 'a boolean (true or false)',
  array: 'an array', object: 'an object', null: 'null',
};

function typeList(types: string): string {
  const words = types.split(',').map((t) => ARTICLE[t] ?? t);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]!}`;
}

/** What the value is, in the terms of the expected type (1.5 is "1.5" when an integer was due). */
function typeOf(data: unknown, expected: string): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'an array';
  if (typeof data === 'number' && expected.includes('integer') && !Number.isInteger(data)) return String(data);
  if (typeof data === 'string') return `a string (${show(data)})`;
  if (typeof data === 'boolean') return `a boolean (${String(data)})`;
  return ARTICLE[typeof data] ?? typeof data;
}

function countOf(data: unknown): string {
  return Array.isArray(data) ? String(data.length) : '?';
}

/** A short, single-line rendering of a value for messages. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`.replace(/[\n\r]/g, ' ');
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
