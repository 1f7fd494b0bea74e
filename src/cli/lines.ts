// Synchronous line reading in constant memory: a .jsonl file of any size is read in 1 MiB chunks.
import { closeSync, openSync, readSync } from 'node:fs';

export function* readLines(path: string): Generator<{ line: string; lineNo: number }> {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  let rest = '';
  let lineNo = 0;
  try {
    for (;;) {
      const got = readSync(fd, buf, 0, buf.length, null);
      if (got === 0) break;
      const text = rest + buf.toString('utf8', 0, got);
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) yield { line, lineNo: ++lineNo };
    }
    if (rest !== '') yield { line: rest, lineNo: ++lineNo };
  } finally {
    closeSync(fd);
  }
}
