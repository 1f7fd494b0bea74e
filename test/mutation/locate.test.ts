// Naming a mutant's place by its function and its text (mutation/locate.ts), so survivor keys and the
// CI sample survive edits that only move code.
import { expect } from 'chai';
import { locate, occurrenceAt, offsetOf, positionOf, scopeAt } from '../../mutation/locate.js';

const SOURCE = [
  '// header',
  'const LIMIT = 3 > 2;',
  'export class Pacemaker {',
  '  round = 0;',
  '  advance(r: number): boolean {',
  '    if (r > this.round) { this.round = r; return true; }',
  '    const late = (x: number): boolean => x > this.round;',
  '    return r > this.round && late(r);',
  '  }',
  '}',
  'export function follows(a: number, b: number): boolean {',
  '  return a > b;',
  '}',
  'const helper = (x: number): number => x + 1;',
].join('\n');

const at = (text: string, needle: string, nth = 1): number => {
  let i = -1;
  for (let k = 0; k < nth; k++) i = text.indexOf(needle, i + 1);
  return i;
};

describe('mutation/locate: a mutant\'s place by function and text', () => {
  it('names the innermost named function (a named arrow inside one nests), methods after their class, the top level as (module)', () => {
    expect(scopeAt(SOURCE, at(SOURCE, '3 > 2')).name).to.equal('(module)');
    expect(scopeAt(SOURCE, at(SOURCE, 'r > this.round')).name).to.equal('Pacemaker.advance');
    expect(scopeAt(SOURCE, at(SOURCE, 'x > this.round')).name).to.equal('Pacemaker.advance.late');
    expect(scopeAt(SOURCE, at(SOURCE, 'a > b')).name).to.equal('follows');
    expect(scopeAt(SOURCE, at(SOURCE, 'x + 1')).name).to.equal('helper');
  });

  it('counts occurrences of the same text inside one function, from 1', () => {
    expect(occurrenceAt(SOURCE, 'r > this.round', at(SOURCE, 'r > this.round'))).to.equal(1);
    expect(occurrenceAt(SOURCE, 'r > this.round', at(SOURCE, 'r > this.round', 2))).to.equal(2);
    expect(occurrenceAt(SOURCE, 'a > b', at(SOURCE, 'a > b'))).to.equal(1);
  });

  it('finds the same place again after lines are added above it, and nothing for text that is gone', () => {
    const moved = `// one\n// two\n${SOURCE.replace('return a > b;', 'return a >\n    b;')}`;
    const before = locate(SOURCE, 'Pacemaker.advance', 'r > this.round', 2)!;
    const after = locate(moved, 'Pacemaker.advance', 'r > this.round', 2)!;
    expect(after.start.line).to.equal(before.start.line + 2);
    expect(after.start.column).to.equal(before.start.column);
    const wrapped = locate(moved, 'follows', 'a > b', 1)!;
    expect([wrapped.start.line, wrapped.end.line]).to.deep.equal([wrapped.end.line - 1, wrapped.end.line]);
    expect(locate(SOURCE, 'follows', 'a >= b', 1)).to.equal(null);
    expect(locate(SOURCE, 'Pacemaker.advance', 'r > this.round', 3)).to.equal(null);
    expect(locate(SOURCE, 'nowhere', 'a > b', 1)).to.equal(null);
  });

  it('turns lines and columns (from 1) into offsets and back', () => {
    const o = at(SOURCE, 'a > b');
    const p = positionOf(SOURCE, o);
    expect(p).to.deep.equal({ line: 12, column: 10 });
    expect(offsetOf(SOURCE, p)).to.equal(o);
  });
});
