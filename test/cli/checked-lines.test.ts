// Setup: a .jsonl file of W1 scenarios with a byte order mark on its first line, a blank line, and a
// line that is not a valid scenario in the middle of a batch.
// Expect: a batch the checker thread checked (check-worker.ts; one worker, in the main thread) runs
// to exactly the outcomes of the same batch read and checked by the thread that runs it: the same
// verdicts, the same scenario of a finding, and the same message for the bad line, which ends the
// batch; the checked text is what JSON.parse took (no byte order mark).
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import checkBatch from '../../src/cli/check-worker.js';
import { checkSlice } from '../../src/cli/checked-lines.js';
import runBatch from '../../src/cli/exec-worker.js';
import { jsonlSlices } from '../../src/cli/jsonl-slices.js';
import { ScenarioSpace, parseGeneratorConfig } from '../../src/gen/index.js';
import { tempDir } from '../temp-dir.js';

const DIR = tempDir('twins-checked-');

function w1Lines(count: number): string[] {
  const file = 'generator-configs/all_random.json';
  const space = new ScenarioSpace(parseGeneratorConfig(readFileSync(file, 'utf8'), file));
  return [...space.scenarios(0n, BigInt(count))].map((s) => JSON.stringify(s.scenario));
}

describe('a .jsonl batch checked by the checker thread', () => {
  const lines = w1Lines(12);
  const bad = lines[7]!.replace('"rounds":', '"roundz":');
  const file = join(DIR, 'w1.jsonl');
  writeFileSync(file, ['\ufeff' + lines[0]!, '', ...lines.slice(1, 7), bad, ...lines.slice(8)].join('\n') + '\n');
  const options = { bugs: ['conflicting_votes'] };

  it('gives the lines before the bad one, their text without the byte order mark, and the bad one\'s message', () => {
    const [slice] = [...jsonlSlices(file, 0, Infinity, 32)];
    const { lines: checked, bad: badLine } = checkSlice(slice!);
    expect(checked.map((l) => l.index)).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
    expect(checked[0]!.text).to.equal(lines[0]);
    expect(checked.map((l) => JSON.parse(l.text) as unknown)).to.deep.equal(checked.map((l) => l.scenario));
    expect(badLine).to.include({ index: 7, file: `${file}:9` });
    expect(badLine!.detail).to.match(/roundz|rounds/);
  });

  it('runs to the same outcomes as the batch the worker reads and checks itself', async () => {
    for (const size of [3, 32]) {
      for (const slice of jsonlSlices(file, 0, Infinity, size)) {
        const own = await runBatch({ slice, options });
        const posted = await runBatch({ ...checkBatch(slice), options });
        expect(posted).to.deep.equal(own);
      }
    }
    const [whole] = [...jsonlSlices(file, 0, Infinity, 32)];
    const outcomes = await runBatch({ slice: whole!, options });
    expect(outcomes).to.have.length(8);
    expect(outcomes[7]!.badInput?.file).to.equal(`${file}:9`);
    expect(outcomes.slice(0, 7).some((o) => o.verdict !== 'pass' && o.scenario !== undefined)).to.equal(true);
  });
});
