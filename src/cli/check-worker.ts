// The checker thread (check-pool.ts): reads, parses and checks one .jsonl batch and sends back the
// text of its valid lines and the first bad one, for the main thread to run.
import { scenarioValidator } from '../scenario/schemas.js';
import type { CheckedBatch } from './check-pool.js';
import { checkSlice } from './checked-lines.js';
import type { JsonlSlice } from './jsonl-slices.js';
import { workerLoaded } from './worker-loaded.js';

scenarioValidator();
workerLoaded();

export default function checkBatch(slice: JsonlSlice): CheckedBatch {
  const { lines, bad } = checkSlice(slice);
  return { checked: lines.map(({ index, text }) => ({ index, text })), bad };
}
