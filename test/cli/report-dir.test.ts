// Setup: a report directory with results of two cases recorded in batches, then a torn journal line
// and a torn finding line, as a kill mid-write leaves them; files with multi-byte characters read in
// chunks of a few bytes.
// Expect: --resume recovers exactly the recorded results, per case and in order, and cuts the torn
// tails; lines are decoded whole whatever the chunk size.
import { expect } from 'chai';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readLines } from '../../src/cli/lines.js';
import { ReportDir, type JournalEntry } from '../../src/cli/report-dir.js';
import { FindingGroups } from '../../src/exec/finding-groups.js';
import type { Finding } from '../../src/exec/report-types.js';
import { tempDir } from '../temp-dir.js';

// Findings are read back through the report schema, so these are whole ones.
const SCENARIO = { schemaVersion: 1 as const, nodes: ['a', 'b', 'c', 'd'], twins: [], rounds: [] };
const finding = (c: string, i: number): Finding => ({ case: c, scenarioIndex: i, scenarioId: '0123456789abcdef',
  verdict: 'safety-violation', violations: [], bugs: [], options: {}, scenario: SCENARIO, replay: `replay ${c} ${i}` });
const RANGES = [{ from: 0, to: 10 }, { from: 0, to: 10 }, { from: 0, to: 10 }];
const entry = (caseIndex: number, scenarioIndex: number, f: Finding | null = null): JournalEntry => ({ caseIndex, scenarioIndex, finding: f });

describe('cli: readLines', () => {
  it('decodes a character split between two chunks whole', () => {
    const file = join(tempDir('twins-lines-'), 'x.jsonl');
    const lines = ['{"name":"é→😀"}', 'ünïcödé nödé', '', 'last without newline ✓'];
    writeFileSync(file, lines.join('\n'));
    for (const chunk of [1, 2, 3, 5, 7, 1 << 20]) {
      expect([...readLines(file, chunk)].map((l) => l.line), `chunk ${chunk}`).to.deep.equal(lines);
    }
  });
});

describe('cli: ReportDir resume', () => {
  const f = { a1: finding('a', 1), a3: finding('a', 3), a7: finding('a', 7), b2: finding('b', 2) };

  function interrupted(root: string): void {
    const dir = new ReportDir(root, 'run', { fingerprint: 'f0', resume: false, ranges: RANGES });
    dir.record([entry(0, 0), entry(0, 1, f.a1), entry(0, 2)]);
    dir.record([entry(0, 3, f.a3), entry(0, 5), entry(1, 0), entry(1, 2, f.b2)]);
    // A kill mid-write: half a journal line, and a finding no journal line points at yet.
    appendFileSync(join(root, '.run.partial', 'findings.jsonl'), JSON.stringify(f.a7) + '\n{"case":"a","scen');
    appendFileSync(join(root, '.run.partial', 'journal'), '{"case":1,"last":3,"cou');
    // The killed process never released its lock: it names a process that no longer exists.
    writeFileSync(join(root, '.run.lock'), JSON.stringify({ pid: 2 ** 31 - 2, host: hostname(), started: '2026-01-01T00:00:00Z' }));
  }

  /** An interrupted run, reopened with --resume under `fingerprint`. */
  function resumed(fingerprint: string): { root: string; dir: ReportDir } {
    const root = tempDir('twins-resume-');
    interrupted(root);
    return { root, dir: new ReportDir(root, 'run', { fingerprint, resume: true, ranges: RANGES, caseNames: ['a', 'b', 'c'] }) };
  }

  const progress = (dir: ReportDir, caseIndex: number): unknown[] => {
    const r = dir.recovered(caseIndex);
    return [r.scenarios, r.lastIndex, r.counts, r.firstFindings()];
  };

  /** findings.jsonl text of `fs`. */
  const lines = (...fs: Finding[]): string => fs.map((x) => JSON.stringify(x) + '\n').join('');

  it('recovers each case: scenarios done, last index, findings in order; cuts the torn tails', () => {
    const { root, dir } = resumed('f0');
    expect(dir.resumed).to.equal(true);
    expect(dir.recoveredScenarios).to.equal(7);
    const counts = (pass: number, safety: number) => ({ pass, safety, liveness: 0, crash: 0 });
    // Per case: scenarios, last index, results by verdict, and the first finding of each verdict.
    expect(progress(dir, 0)).to.deep.equal([5, 5, counts(3, 2), [f.a1]]);
    expect(progress(dir, 1)).to.deep.equal([2, 2, counts(1, 1), [f.b2]]);
    expect(progress(dir, 2)).to.deep.equal([0, null, counts(0, 0), []]);
    // The report's groups come from the journal: per group its count and first finding (the only one read).
    const groups = dir.recoveredGroups();
    expect(groups.list().map((g) => [g.case, g.verdict, g.oracle, g.shape, g.count, g.example]))
      .to.deep.equal([['a', 'safety-violation', 'unknown', 'GST tail', 2, f.a1], ['b', 'safety-violation', 'unknown', 'GST tail', 1, f.b2]]);
    expect([groups.total, groups.ungrouped, groups.byOracle()]).to.deep.equal([3, 0, [{ oracle: 'unknown', count: 3 }]]);
    const part = join(root, '.run.partial');
    expect(readFileSync(join(part, 'findings.jsonl'), 'utf8')).to.equal(lines(f.a1, f.a3, f.b2));
    // One line per case of a batch: case, last index, scenarios, finding lines and bytes so far.
    const bytes = (...fs: Finding[]): number => Buffer.byteLength(lines(...fs));
    // Each batch here has one safety finding: its line and the byte its line starts at, and its group.
    const batch = (c: number, last: number, count: number, n: number, b: number, at: number): string =>
      `{"case":${c},"last":${last},"count":${count},"safety":1,"liveness":0,"crash":0,` +
      `"first":{"safety-violation":[${n},${at}]},"groups":[{"verdict":"safety-violation","oracle":"unknown",` +
      `"shape":"GST tail","count":1,"at":[${n},${at}]}],"lines":${n},"bytes":${b}}\n`;
    expect(readFileSync(join(part, 'journal'), 'utf8')).to.equal('{"journal":1,"fingerprint":"f0"}\n' +
      batch(0, 2, 3, 1, bytes(f.a1), 0) + batch(0, 5, 2, 2, bytes(f.a1, f.a3), bytes(f.a1)) +
      batch(1, 2, 2, 3, bytes(f.a1, f.a3, f.b2), bytes(f.a1, f.a3)));
    // Going on appends after the recovered results, as an uninterrupted run would have.
    dir.record([entry(1, 3, f.a7)]);
    dir.commit();
    expect(readFileSync(join(root, 'run', 'findings.jsonl'), 'utf8')).to.equal(lines(f.a1, f.a3, f.b2, f.a7));
    expect(existsSync(join(root, 'run', 'journal'))).to.equal(false);
  });

  it('rebuilds the groups as adding every finding would: equal counts in order of first appearance, then the run goes on', () => {
    const root = tempDir('twins-resume-');
    const crash = (i: number): Finding => ({ ...finding('a', i), verdict: 'crash' });
    const all = [crash(0), finding('a', 1), finding('a', 4), crash(5)];
    const dir = new ReportDir(root, 'run', { fingerprint: 'f0', resume: false, ranges: RANGES });
    dir.record([entry(0, 0, all[0]), entry(0, 1, all[1])]);
    dir.record([entry(0, 4, all[2])]);
    writeFileSync(join(root, '.run.lock'), JSON.stringify({ pid: 2 ** 31 - 2, host: hostname(), started: '2026-01-01T00:00:00Z' }));
    const resumed = new ReportDir(root, 'run', { fingerprint: 'f0', resume: true, ranges: RANGES, caseNames: ['a', 'b', 'c'] });
    const groups = resumed.recoveredGroups();
    const view = (g: FindingGroups): unknown => [g.list().map((x) => [x.key, x.count, x.example]), g.byOracle(), g.total, g.ungrouped];
    expect(view(groups)).to.deep.equal(view(FindingGroups.of(all.slice(0, 3))));
    groups.add(all[3]!);
    expect(view(groups)).to.deep.equal(view(FindingGroups.of(all)));
    expect(groups.list().map((g) => [g.verdict, g.count])).to.deep.equal([['crash', 2], ['safety-violation', 2]]);
    resumed.abort();
  });

  it('starts afresh when the interrupted run was of another config', () => {
    const { root, dir } = resumed('f1');
    expect(dir.resumed).to.equal(false);
    expect(dir.recoveredScenarios).to.equal(0);
    expect(progress(dir, 0)).to.deep.equal([0, null, { pass: 0, safety: 0, liveness: 0, crash: 0 }, []]);
    expect(dir.recoveredGroups().total).to.equal(0);
    expect(readFileSync(join(root, '.run.partial', 'findings.jsonl'), 'utf8')).to.equal('');
  });
});
