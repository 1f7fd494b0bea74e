// Synchronous line reading in constant memory: a .jsonl file of any size is read in 1 MiB chunks.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * The lines of a UTF-8 file, numbered from 1. A last line without a newline is still yielded.
 * `chunkBytes` is for tests: a character split between two chunks is decoded whole.
 */
export function* readLines(path: string, chunkBytes = 1 << 20): Generator<{ line: string; lineNo: number }> {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(chunkBytes);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let lineNo = 0;
  try {
    for (;;) {
      const got = readSync(fd, buf, 0, buf.length, null);
      if (got === 0) break;
      const text = rest + decoder.write(buf.subarray(0, got));
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) yield { line, lineNo: ++lineNo };
    }
    rest += decoder.end();
    if (rest !== '') yield { line: rest, lineNo: ++lineNo };
  } finally {
    closeSync(fd);
  }
}
