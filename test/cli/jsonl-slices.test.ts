// Setup: .jsonl files with blank lines of every kind (empty, spaces and tabs, CRLF, a lone byte order
// mark or no-break space), multi-byte text, lines across the 1 MiB read chunks, and no final newline.
// Expect: the byte ranges the main thread hands out hold exactly the lines that reading the file line
// by line (lines.ts, `line.trim() !== ''`) calls scenarios, with the same indices and line numbers,
// for any range of indices and any slice size, and one line at a time for a batch re-run.
import { expect } from 'chai';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { countScenarioLines, jsonlSlices, linesOfSlice, singleLineSlices } from '../../src/cli/jsonl-slices.js';
import { readLines } from '../../src/cli/lines.js';
import { tempDir } from '../temp-dir.js';

const DIR = tempDir('twins-slices-');
let files = 0;

function fileOf(text: string): string {
  const file = join(DIR, `f${files++}.jsonl`);
  writeFileSync(file, text);
  return file;
}

/** What reading line by line gives: [index, lineNo, line] of each non-blank line. */
function reference(file: string): [number, number, string][] {
  const out: [number, number, string][] = [];
  for (const { line, lineNo } of readLines(file)) if (line.trim() !== '') out.push([out.length, lineNo, line]);
  return out;
}

function sliced(file: string, from: number, to: number, size: number): [number, number, string][] {
  const out: [number, number, string][] = [];
  for (const slice of jsonlSlices(file, from, to, size)) {
    expect(slice.count).to.be.within(1, size);
    const lines = [...linesOfSlice(slice)].map((l): [number, number, string] => [l.index, l.lineNo, l.line]);
    expect(lines).to.have.length(slice.count);
    out.push(...lines);
  }
  return out;
}

describe('.jsonl byte ranges', () => {
  it('skip every kind of blank line and keep line numbers', () => {
    const file = fileOf('\n  \t\n{"a":1}\r\n\r\n\ufeff\n\u00a0\n{"b":"é"}\n\ufeff{"c":3}\n \u00a0x\n{"d":4}');
    expect(reference(file).map((r) => r[1])).to.deep.equal([3, 7, 8, 9, 10]);
    expect(countScenarioLines(file)).to.equal(5);
    expect(sliced(file, 0, Infinity, 2)).to.deep.equal(reference(file));
    expect(sliced(file, 1, 4, 2)).to.deep.equal(reference(file).slice(1, 4));
  });

  it('an empty file and a file of blank lines hold no scenario', () => {
    for (const text of ['', '\n\n', ' \r\n\ufeff\n\u2028\n']) {
      const file = fileOf(text);
      expect(countScenarioLines(file)).to.equal(0);
      expect([...jsonlSlices(file, 0, Infinity, 4)]).to.deep.equal([]);
    }
  });

  it('lines across the 1 MiB read chunks', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 11 === 5 ? ' '.repeat(i % 600) : `{"i":${i},"pad":"${'é'.repeat(i % 700)}"}`));
    const file = fileOf(lines.join('\n'));
    const ref = reference(file);
    expect(countScenarioLines(file)).to.equal(ref.length);
    expect(sliced(file, 0, Infinity, 32)).to.deep.equal(ref);
    expect(sliced(file, 1000, 2001, 7)).to.deep.equal(ref.slice(1000, 2001));
  });

  it('agree with reading line by line on any text, range and slice size', () => {
    const piece = fc.constantFrom('\n', '\r\n', ' ', '\t', '\ufeff', '\u00a0', '\u2003', 'x', '{}', 'é', '字');
    fc.assert(fc.property(fc.array(piece, { maxLength: 60 }), fc.nat(12), fc.nat(12), fc.integer({ min: 1, max: 5 }),
      (pieces, a, b, size) => {
        const file = fileOf(pieces.join(''));
        const ref = reference(file);
        const [from, to] = [Math.min(a, b), Math.max(a, b)];
        expect(countScenarioLines(file)).to.equal(ref.length);
        expect(sliced(file, from, to, size)).to.deep.equal(ref.slice(from, to));
      }), { numRuns: 300 });
  });

  it('a slice splits into one slice per scenario line', () => {
    const file = fileOf('{"a":1}\n\n  \n{"b":2}\r\n{"c":3}\n');
    const [slice] = [...jsonlSlices(file, 0, Infinity, 10)];
    const singles = singleLineSlices(slice!);
    expect(singles.map((s) => [s.index, s.lineNo, s.count])).to.deep.equal([[0, 1, 1], [1, 4, 1], [2, 5, 1]]);
    expect(singles.flatMap((s) => [...linesOfSlice(s)].map((l) => l.line))).to.deep.equal(['{"a":1}', '{"b":2}\r', '{"c":3}']);
  });
});
