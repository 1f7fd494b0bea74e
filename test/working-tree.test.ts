// Setup: a temporary folder laid out like the repository, snapshotted before and after some writes.
// Expect: a new report, a rewritten scenario file and a removed file are each named; files under
//   the unwatched folders (dist, node_modules, src, ...) and untouched files are not.
// Replay: npx tsc -p . && npx mocha dist/test/working-tree.test.js
import { expect } from 'chai';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { changes, snapshot } from './working-tree.js';
import { tempDir } from './temp-dir.js';

describe('the test run leaves the working tree as it found it', () => {
  it('names every file a run added, changed or removed outside the unwatched folders', () => {
    const root = tempDir('twins-tree-');
    for (const dir of ['scenarios', 'dist', 'node_modules', 'src']) mkdirSync(join(root, dir));
    writeFileSync(join(root, 'scenarios', 'kept.json'), '{}');
    writeFileSync(join(root, 'scenarios', 'rewritten.json'), '{}');
    writeFileSync(join(root, 'scenarios', 'removed.json'), '{}');
    const before = snapshot(root);
    mkdirSync(join(root, 'reports', 'x'), { recursive: true });
    writeFileSync(join(root, 'reports', 'x', 'summary.json'), '{}');
    writeFileSync(join(root, 'scenarios', 'rewritten.json'), '{"a":1}');
    utimesSync(join(root, 'scenarios', 'rewritten.json'), 1, 1);
    rmSync(join(root, 'scenarios', 'removed.json'));
    writeFileSync(join(root, 'dist', 'built.js'), '');
    writeFileSync(join(root, 'node_modules', 'dep.js'), '');
    writeFileSync(join(root, 'src', 'edited.ts'), '');
    expect(changes(before, snapshot(root))).to.deep.equal([
      'added reports/x/summary.json', 'changed scenarios/rewritten.json', 'removed scenarios/removed.json',
    ]);
  });
});
