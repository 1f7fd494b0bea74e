// Setup: an exec run with findings in several groups (cases, verdicts, oracles, shapes) stopped by a
// full disk after a few batches, then continued with --resume; and a journal whose group is edited.
// (The clean case does not pass: exit 4.)
// Expect: the resumed run's summary.json, findings.jsonl, index.html and junit.xml equal the
// uninterrupted run's byte for byte (but for the run's duration); a group that does not match the
// finding it points at is refused with the journal line and field, and the interrupted run is kept.
import { expect } from 'chai';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/cli/errors.js';
import { ReportDir } from '../../src/cli/report-dir.js';
import type { Finding } from '../../src/exec/report-types.js';
import { ROOT, twins } from '../cli/run-cli.js';
import { tempDir } from '../temp-dir.js';

/** The report's files, with the run's duration (the only thing that differs between two runs) blanked. */
function reportFiles(dir: string): Record<string, string> {
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  return {
    'summary.json': read('summary.json').replace(/"durationMs": \d+/, '"durationMs": 0'),
    'findings.jsonl': read('findings.jsonl'),
    'index.html': read('index.html').replace(/<th>durationMs<\/th><td class="mono">\d+</, '<th>durationMs</th><td class="mono">0<'),
    'junit.xml': read('junit.xml').replace(/ time="[\d.]+"/g, ' time="0"'),
  };
}

/** The distinct groups the journal lines of an interrupted run name. */
function journalGroups(journal: string): Set<string> {
  const out = new Set<string>();
  for (const line of readFileSync(journal, 'utf8').trim().split('\n').slice(1)) {
    const b = JSON.parse(line) as { case: number; groups?: { verdict: string; oracle: string; shape: string }[] };
    for (const g of b.groups ?? []) out.add(JSON.stringify([b.case, g.verdict, g.oracle, g.shape]));
  }
  return out;
}

describe('resume: the report\'s finding groups', function () {
  this.timeout(120_000);

  it('a run stopped mid-way and resumed writes the uninterrupted run\'s report, groups included', () => {
    const cwd = tempDir('twins-resume-groups-');
    writeFileSync(join(cwd, 'g.json'), JSON.stringify({ name: 'rg', nodes: 4, twins: 1, rounds: 3,
      partitions: { min: 1, max: 2 }, order: 'random', limits: { scenarios: 400 }, gst: { rounds: 3 } }));
    writeFileSync(join(cwd, 'x.json'), JSON.stringify({ name: 'rg', cases: [
      { name: 'bug', scenarios: 'g.json', bugs: ['conflicting_votes'], expect: 'safety-violation' },
      { name: 'clean', scenarios: 'g.json' }] }));
    const args = ['exec', 'x.json', '--reports', 'reports', '--quiet', '--workers', '1'];
    const ref = twins(args, cwd);
    expect(ref.code, ref.stderr).to.equal(4);
    const reference = reportFiles(join(cwd, 'reports', 'rg'));
    renameSync(join(cwd, 'reports'), join(cwd, 'reference'));
    // The ninth write fails: four batches are kept, with findings in more than one group.
    const stopped = twins(args, cwd, { TWINS_TEST_FAIL_WRITE: '9' });
    expect(stopped.code, stopped.stderr).to.equal(2);
    const kept = journalGroups(join(cwd, 'reports', '.rg.partial', 'journal'));
    expect(kept.size).to.be.greaterThan(1);
    const resumed = twins([...args, '--resume'], cwd);
    expect(resumed.code, resumed.stderr).to.equal(4);
    expect(resumed.stderr).to.match(/resuming: \d+ scenarios already done/);
    // The run goes on to groups the stopped run had not met (junit.xml has a test per case and per group).
    expect((reference['junit.xml']!.match(/<testcase /g) ?? []).length - 2).to.be.greaterThan(kept.size);
    expect(reportFiles(join(cwd, 'reports', 'rg'))).to.deep.equal(reference);
  });

  it('a group that names another oracle than its first finding has is refused with the journal line and field', () => {
    const root = tempDir('twins-hostile-groups-');
    const scenario = JSON.parse(readFileSync(join(ROOT, 'scenarios/conflicting_votes.json'), 'utf8')) as Record<string, unknown>;
    delete scenario['$schema'];
    const finding = (i: number): Finding => ({ case: 'c', scenarioIndex: i, scenarioId: '0123456789abcdef', verdict: 'safety-violation',
      violations: [], bugs: [], options: {}, scenario: scenario as unknown as Finding['scenario'], replay: `replay ${i}` });
    const ranges = [{ from: 0, to: 100 }];
    const dir = new ReportDir(root, 'run', { fingerprint: 'ab', resume: false, ranges });
    dir.record([0, 1, 2].map((i) => ({ caseIndex: 0, scenarioIndex: i, finding: finding(i) })));
    writeFileSync(join(root, '.run.lock'), JSON.stringify({ pid: 2 ** 31 - 2, host: hostname(), started: '2026-01-01T00:00:00Z' }));
    const journal = join(root, '.run.partial', 'journal');
    writeFileSync(journal, readFileSync(journal, 'utf8').replace('"oracle":"unknown"', '"oracle":"safety.forged"'));
    expect(() => new ReportDir(root, 'run', { fingerprint: 'ab', resume: true, ranges, caseNames: ['c'] }))
      .to.throw(UserError).that.satisfies((e: UserError) => e.file === `${journal}:2` && e.jsonPath === '$.groups[0]' &&
        /findings\.jsonl:1 is case 'c', safety-violation, unknown/.test(e.detail));
    // The interrupted run is left for the user to look at.
    expect(existsSync(journal)).to.equal(true);
  });
});
