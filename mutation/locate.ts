// Where a mutant sits, in terms that survive edits elsewhere in its file: the named function (or
// method) around it and which occurrence of its original text inside that function it is. A
// survivor's key (mutation/survivors.ts) is built from these, not from line numbers, so a merge
// that moves code leaves the classification of mutation/survivors.json valid; and a place named
// this way (the CI sample, mutation/targets.ts) turns back into a Stryker `mutate` range.
import ts from 'typescript';

/** A named function-like around a source position. */
export interface Scope {
  /** `name`, `Class.method`, `Class.constructor`, or `(module)` at the top level. */
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** A place in a file: 1-based line and column, as Stryker reports them. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

function nameOf(node: ts.Node): string | null {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node) ||
    ts.isClassDeclaration(node)) && node.name !== undefined) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && node.initializer !== undefined &&
    (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) return node.name.getText();
  return null;
}

const scopeLists = new Map<string, readonly Scope[]>();

/** Every named function-like of a source text, with `(module)` first; cached per text. */
function scopesOf(text: string): readonly Scope[] {
  let list = scopeLists.get(text);
  if (list !== undefined) return list;
  const sf = ts.createSourceFile('mutant.ts', text, ts.ScriptTarget.Latest, true);
  const found: Scope[] = [{ name: '(module)', start: 0, end: text.length }];
  const visit = (node: ts.Node, names: readonly string[]): void => {
    const name = nameOf(node);
    const chain = name === null ? names : [...names, name];
    if (name !== null && !ts.isClassDeclaration(node)) found.push({ name: chain.join('.'), start: node.getStart(sf), end: node.getEnd() });
    node.forEachChild((c) => visit(c, chain));
  };
  sf.forEachChild((c) => visit(c, []));
  list = found;
  scopeLists.set(text, list);
  return list;
}

/** The innermost named function-like (class names prefix their members) that contains `offset`. */
export function scopeAt(text: string, offset: number): Scope {
  let best = scopesOf(text)[0]!;
  for (const s of scopesOf(text)) if (s.start <= offset && offset < s.end && s.end - s.start <= best.end - best.start) best = s;
  return best;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

export function offsetOf(text: string, p: Position): number {
  return (lineStarts(text)[p.line - 1] ?? text.length) + p.column - 1;
}

export function positionOf(text: string, offset: number): Position {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
  return { line: line + 1, column: offset - starts[line]! + 1 };
}

/** Whitespace-collapsed source text, as a mutant's `original` is stored. */
export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function patternOf(original: string, flags: string): RegExp {
  return new RegExp(collapse(original).split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), flags);
}

/** Start offsets of `original` inside the scope `scope` itself (not inside a named function nested in it). */
function matches(text: string, original: string, scope: Scope): number[] {
  const pattern = patternOf(original, 'g');
  const found: number[] = [];
  const body = text.slice(scope.start, scope.end);
  for (let m = pattern.exec(body); m !== null; m = pattern.exec(body)) {
    if (scopeAt(text, scope.start + m.index).name === scope.name) found.push(scope.start + m.index);
    pattern.lastIndex = m.index + 1;
  }
  return found;
}

/** Which match (1-based) of `original` inside the scope around `offset` starts at `offset` (or last before it). */
export function occurrenceAt(text: string, original: string, offset: number): number {
  return Math.max(1, matches(text, original, scopeAt(text, offset)).filter((o) => o <= offset).length);
}

/** Where the n-th match of `original` inside the scope named `scope` starts and ends; null when it is not there. */
export function locate(text: string, scope: string, original: string, occurrence: number):
    { readonly start: Position; readonly end: Position } | null {
  const s = scopesOf(text).find((x) => x.name === scope);
  if (s === undefined) return null;
  const at = matches(text, original, s)[occurrence - 1];
  if (at === undefined) return null;
  const m = patternOf(original, 'y');
  m.lastIndex = at;
  const len = m.exec(text)?.[0].length ?? 0;
  return { start: positionOf(text, at), end: positionOf(text, at + len) };
}
