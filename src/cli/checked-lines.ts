// The scenario lines of a .jsonl slice, parsed and checked. A worker thread that reads its own slice
// checks it this way before running it. With one worker, which runs in the main thread, the checker
// thread checks every slice here instead, on the other core, and posts the checked lines' text, so
// the main thread only parses them (check-worker.ts, exec-engine.ts).
import { UserError } from '../scenario/errors.js';
import { jsonBody } from '../scenario/json-syntax.js';
import { parseScenarioLine } from '../scenario/validate.js';
import type { Scenario } from '../scenario/types.js';
import { linesOfSlice, type JsonlSlice } from './jsonl-slices.js';

/** A line that is not a valid scenario: the message to stop the run with, and the line's scenario index. */
export interface BadLine {
  readonly index: number;
  readonly file: string | null;
  readonly jsonPath: string | null;
  readonly detail: string;
}

/** A checked line: its index, its JSON text (as JSON.parse took it) and the scenario it holds. */
export interface CheckedLine {
  readonly index: number;
  readonly text: string;
  readonly scenario: Scenario;
}

/** The lines of a slice up to the first that is not a valid scenario, and that one (or null). */
export function checkSlice(slice: JsonlSlice): { readonly lines: CheckedLine[]; readonly bad: BadLine | null } {
  const lines: CheckedLine[] = [];
  for (const { index, lineNo, line } of linesOfSlice(slice)) {
    try {
      lines.push({ index, text: jsonBody(line), scenario: parseScenarioLine(line, slice.file, lineNo) });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return { lines, bad: { index, file: err.file, jsonPath: err.jsonPath, detail: err.detail } };
    }
  }
  return { lines, bad: null };
}
