// The survivor classification of `npm run mutate` (mutation/survivors.json) and the score arithmetic
// (mutation/summary.ts), on hand-made mutant records.
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { locate } from '../../mutation/locate.js';
import { DEFAULT_CHECK, type MutateSettings } from '../../mutation/settings.js';
import { summarize, type MutantRecord } from '../../mutation/summary.js';
import { CLASSES, mergeSurvivors, mutantKey, readSurvivors, survivorsAfter, type Survivor } from '../../mutation/survivors.js';
import { RULE_FILES } from '../../mutation/targets.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const record = (line: number, status: string, replacement = 'false'): MutantRecord => ({
  file: 'src/protocols/diembft/pacemaker.ts', line, column: 9, endLine: line, endColumn: 14, mutator: 'ConditionalExpression', replacement,
  original: 'x < y', scope: 'Pacemaker.onTimeout', occurrence: line === 11 ? 2 : 1, status, killedBy: status === 'Killed' ? 'configs: x' : null,
});

const SETTINGS: MutateSettings = {
  check: DEFAULT_CHECK, concurrency: 1, timeoutMs: 10_000, mutate: null, sample: false, tempDir: '.stryker-tmp',
  reportDir: 'reports/mutation', writeSurvivors: false, fromReport: null,
};

describe('mutation survivors', () => {
  it('the checked-in classification is well formed: keys match their fields, known classes, a reason for each class', () => {
    const file = readSurvivors(join(ROOT, 'mutation', 'survivors.json'));
    expect(file.survivors.length).to.be.greaterThan(0);
    for (const s of file.survivors) {
      expect(CLASSES, s.key).to.include(s.class);
      expect(RULE_FILES, s.key).to.include(s.file);
      expect(existsSync(join(ROOT, s.file)), s.key).to.equal(true);
      if (s.class !== 'unclassified') expect(s.reason, s.key).to.not.equal('');
    }
    expect(new Set(file.survivors.map((s) => s.key)).size).to.equal(file.survivors.length);
  });

  it('every classified survivor still names code that exists: its text, in its function, at its occurrence', () => {
    const missing = readSurvivors(join(ROOT, 'mutation', 'survivors.json')).survivors
      .filter((s) => locate(readFileSync(join(ROOT, s.file), 'utf8'), s.scope, s.original, s.occurrence) === null)
      .map((s) => s.key);
    expect(missing).to.deep.equal([]);
  });

  it('a survivor keeps its class when its key survives again; a new one is unclassified', () => {
    const { status: _s, killedBy: _k, ...fields } = record(10, 'Survived');
    const known: Survivor[] = [{ ...fields, key: mutantKey(fields), class: 'gap', reason: 'why' }];
    const merged = mergeSurvivors(known, [record(10, 'Survived'), record(11, 'Survived')]);
    expect(merged.map((s) => [s.line, s.class, s.reason])).to.deep.equal([[10, 'gap', 'why'], [11, 'unclassified', '']]);
    expect(mutantKey(record(10, 'Survived', 'a  &&\n b'))).to.equal('src/protocols/diembft/pacemaker.ts Pacemaker.onTimeout ConditionalExpression: x < y -> a && b');
    expect(mutantKey(record(11, 'Survived'))).to.equal('src/protocols/diembft/pacemaker.ts Pacemaker.onTimeout ConditionalExpression: x < y -> false #2');
    expect(mutantKey({ ...record(10, 'Survived'), line: 40, endLine: 40 })).to.equal(mutantKey(record(10, 'Survived')));
  });

  it('after a complete run, drops known survivors of its files it did not meet; after a partial one, only those it tested', () => {
    const classed = (line: number): Survivor => {
      const { status: _s, killedBy: _k, ...fields } = record(line, 'Survived', `x${line}`);
      return { ...fields, key: mutantKey(fields), class: 'gap', reason: 'why' };
    };
    const known = [classed(10), classed(20), classed(30)];
    const records = [record(10, 'Killed', 'x10'), record(20, 'Survived', 'x20')];
    const survivors = mergeSurvivors(known, [record(20, 'Survived', 'x20')]);
    const partial = survivorsAfter(known, survivors, records, false);
    expect(partial.kept.map((s) => s.line)).to.deep.equal([20, 30]);
    expect(partial.gone.map((s) => s.line)).to.deep.equal([10]);
    const complete = survivorsAfter(known, survivors, records, true);
    expect(complete.kept.map((s) => s.line)).to.deep.equal([20]);
    expect(complete.gone.map((s) => s.line)).to.deep.equal([10, 30]);
  });

  it('scores killed and timed-out mutants over those with a verdict, and again without the excused survivors', () => {
    const records = [record(1, 'Killed'), record(2, 'Timeout'), record(3, 'Killed'), record(4, 'Survived'),
      record(5, 'Survived'), record(6, 'CompileError'), record(7, 'Ignored')];
    const survivors = mergeSurvivors([], records.filter((r) => r.status === 'Survived'))
      .map((s, i) => ({ ...s, class: i === 0 ? 'equivalent' as const : 'gap' as const }));
    const s = summarize(records, survivors, 12.4, 'npm run mutate --', SETTINGS);
    expect([s.valid, s.detected, s.score, s.scoreNonEquivalent, s.seconds]).to.deep.equal([5, 3, 60, 75, 12]);
    expect(s.survivorsByClass).to.deep.equal({ equivalent: 1, gap: 1, unclassified: 0 });
  });
});
