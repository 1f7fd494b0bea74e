// Reading an input file the user named. Only a regular file is read: reading a FIFO or a device would
// block forever or never end, and a directory is a mistake worth naming. Whole-file reads are capped,
// so a wrong path to a huge file is refused instead of filling memory; .jsonl files are streamed line
// by line (lines.ts) and are not read whole.
import { readFileSync, statSync } from 'node:fs';
import { UserError } from './errors.js';

/** Largest file read whole (configs, scenarios, summaries). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Throws a UserError unless `file` is a regular file (symbolic links followed). */
export function assertRegularFile(file: string, what = 'file'): void {
  let kind: string;
  try {
    const st = statSync(file);
    if (st.isFile()) return;
    kind = st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO (named pipe)' : st.isSocket() ? 'a socket'
      : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a regular file';
  } catch (err) {
    throw new UserError(file, null, `cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  throw new UserError(file, null, `cannot read the ${what}: it is ${kind}, not a regular file`);
}

/** The UTF-8 text of a regular file of at most MAX_INPUT_BYTES. */
export function readInputText(file: string, what = 'file'): string {
  assertRegularFile(file, what);
  const size = statSync(file).size;
  if (size > MAX_INPUT_BYTES) {
    throw new UserError(file, null, `the ${what} is ${size} bytes; the most read is ${MAX_INPUT_BYTES} bytes`);
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(file, null, `cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
