// JSON paths in error messages are written `$.rounds[0].partitions[1]`: the form people read and
// paste into jq-like tools. Ajv reports JSON Pointers (`/rounds/0/partitions/1`); this file converts.

/** A JSON path segment: an array index or an object key. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends segments to a path: `childPath('$.rounds', 0, 'leader')` is `$.rounds[0].leader`. */
export function childPath(base: string, ...segments: readonly PathSegment[]): string {
  let out = base;
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += `.${seg}`;
    // Keys such as `a'` (a twin replica) need brackets; JSON string quoting keeps them unambiguous.
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * Converts a JSON Pointer into segments, walking `root` so that a numeric key of an object (for
 * example a replica named `1` in `markers`) stays a key and only array positions become indices.
 */
export function pointerSegments(pointer: string, root: unknown): PathSegment[] {
  if (pointer === '') return [];
  const raw = pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const out: PathSegment[] = [];
  let node: unknown = root;
  for (const token of raw) {
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(token)) {
      const index = Number(token);
      out.push(index);
      node = node[index];
    } else {
      out.push(token);
      node = isRecord(node) ? node[token] : undefined;
    }
  }
  return out;
}

/** The `$.a[0].b` form of a JSON Pointer into `root`, below `base`. */
export function pointerToPath(base: string, pointer: string, root: unknown): string {
  return childPath(base, ...pointerSegments(pointer, root));
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
