// A .jsonl file as byte ranges of scenario lines, so the thread that runs a batch reads and parses
// only its own lines. Finding the ranges needs no parsing: the main thread looks for newline bytes
// (1 MiB at a time, constant memory) and for the first byte of each line that is not white space.
// A line is blank exactly when `line.trim() === ''`, as everywhere else a .jsonl file is read.
import { closeSync, openSync, readSync } from 'node:fs';

/** Scenario lines [index, index + count) of a file: bytes [start, end), the first on line `lineNo` (1-based). */
export interface JsonlSlice {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly index: number;
  readonly lineNo: number;
  readonly count: number;
}

/** One scenario line: its bytes [start, end) (newline excluded), its line number and scenario index. */
interface LineSpan {
  readonly start: number;
  readonly end: number;
  readonly lineNo: number;
}

const CHUNK = 1 << 20;

/** ASCII white space as String.prototype.trim sees it (tab, LF, VT, FF, CR, space). */
function isAsciiSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/**
 * The lines of `file` that hold something, in order. A line whose only non-white-space bytes are
 * non-ASCII (a byte order mark, a no-break space) is read again and decoded to decide.
 */
function* scenarioLines(file: string): Generator<LineSpan> {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(CHUNK);
  try {
    let pos = 0;
    let lineStart = 0;
    let lineNo = 1;
    /** 'space' until the current line shows a non-space byte: 'text' (ASCII) or 'maybe' (non-ASCII first). */
    let state: 'space' | 'text' | 'maybe' = 'space';
    for (;;) {
      const got = readSync(fd, buf, 0, CHUNK, pos);
      let i = 0;
      while (i < got) {
        const nl = buf.indexOf(0x0a, i);
        const stop = nl === -1 || nl >= got ? got : nl;
        for (let k = i; state === 'space' && k < stop; k++) {
          const b = buf[k]!;
          if (!isAsciiSpace(b)) state = b < 0x80 ? 'text' : 'maybe';
        }
        if (stop === got) break;
        const end = pos + stop;
        if (state === 'text' || (state === 'maybe' && !blankText(fd, lineStart, end))) {
          yield { start: lineStart, end, lineNo };
        }
        lineNo++;
        lineStart = end + 1;
        state = 'space';
        i = stop + 1;
      }
      if (got === 0) {
        if (state === 'text' || (state === 'maybe' && !blankText(fd, lineStart, pos))) yield { start: lineStart, end: pos, lineNo };
        return;
      }
      pos += got;
    }
  } finally {
    closeSync(fd);
  }
}

function blankText(fd: number, start: number, end: number): boolean {
  const bytes = Buffer.alloc(end - start);
  readSync(fd, bytes, 0, bytes.length, start);
  return bytes.toString('utf8').trim() === '';
}

/** Number of scenario (non-blank) lines of `file`. */
export function countScenarioLines(file: string): number {
  let n = 0;
  for (const _ of scenarioLines(file)) n++;
  return n;
}

/** Slices of at most `size` scenario lines covering scenario indices [from, to) of `file`. */
export function* jsonlSlices(file: string, from: number, to: number, size: number): Generator<JsonlSlice> {
  let index = 0;
  let first: LineSpan | null = null;
  let last: LineSpan | null = null;
  let count = 0;
  const slice = (): JsonlSlice => ({ file, start: first!.start, end: last!.end, index: index - count, lineNo: first!.lineNo, count });
  for (const line of scenarioLines(file)) {
    if (index >= to) break;
    if (index++ < from) continue;
    first ??= line;
    last = line;
    if (++count === size) {
      yield slice();
      first = null;
      count = 0;
    }
  }
  if (count > 0) yield slice();
}

/** A scenario line of a slice, decoded: its index, line number and bytes [start, end) in the file. */
export interface SliceLine {
  readonly index: number;
  readonly lineNo: number;
  readonly line: string;
  readonly start: number;
  readonly end: number;
}

/** The scenario lines of a slice, read in one piece. */
export function* linesOfSlice(slice: JsonlSlice): Generator<SliceLine> {
  const bytes = Buffer.alloc(slice.end - slice.start);
  const fd = openSync(slice.file, 'r');
  try {
    readSync(fd, bytes, 0, bytes.length, slice.start);
  } finally {
    closeSync(fd);
  }
  let index = slice.index;
  let lineNo = slice.lineNo;
  for (let at = 0; index < slice.index + slice.count && at <= bytes.length; lineNo++) {
    const nl = bytes.indexOf(0x0a, at);
    const stop = nl === -1 ? bytes.length : nl;
    const line = bytes.toString('utf8', at, stop);
    if (line.trim() !== '') yield { index: index++, lineNo, line, start: slice.start + at, end: slice.start + stop };
    at = stop + 1;
  }
}

/** A slice as one slice per scenario line (to re-run a batch one scenario at a time). */
export function singleLineSlices(slice: JsonlSlice): JsonlSlice[] {
  return [...linesOfSlice(slice)].map(({ index, lineNo, start, end }) => ({ file: slice.file, start, end, index, lineNo, count: 1 }));
}
