// Setup: a case expecting safety-violation over two scenarios, only the first violating, and a case
//   expecting pass over the same two with the bug injected; each run unsharded and as two shards.
// Expect: a shard exits 0 unless its own slice proves its case cannot meet its expectation; the
//   merge judges the whole case as the unsharded run does; a shard's replay hint names a scenario of
//   its own slice.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, twins } from './run-cli.js';
import { tempDir } from '../temp-dir.js';
import { judgeSlice, unexpectedInSlice } from '../../src/cli/shard-judge.js';
import type { CaseResult } from '../../src/exec/report-types.js';

function line(file: string): string {
  const s = JSON.parse(readFileSync(join(ROOT, 'scenarios', file), 'utf8'));
  delete s.$schema;
  return JSON.stringify(s);
}

function setup(cases: object[]): { dir: string; config: string } {
  const dir = tempDir('twins-shard-');
  writeFileSync(join(dir, 'two.jsonl'), `${line('conflicting_votes.json')}\n${line('control_c3_isolated_replica.json')}\n`);
  const config = join(dir, 'run.json');
  writeFileSync(config, JSON.stringify({ name: 'run', cases }));
  return { dir, config };
}

describe('shards: expectations are judged on the whole case, after merge', function () {
  this.timeout(120_000);

  it('a shard whose slice lacks the expected violation exits 0; the merge passes as the unsharded run', () => {
    const { dir, config } = setup([{ name: 'bug', scenarios: 'two.jsonl', bugs: ['conflicting_votes'], expect: 'safety-violation' }]);
    const whole = twins(['exec', config, '--reports', join(dir, 'whole'), '--quiet', '--workers', '1']);
    expect(whole.code, whole.stdout).to.equal(0);
    const reports = join(dir, 'reports');
    const one = twins(['exec', config, '--reports', reports, '--quiet', '--workers', '1', '--shard', '1/2']);
    const two = twins(['exec', config, '--reports', reports, '--quiet', '--workers', '1', '--shard', '2/2']);
    expect(one.code, one.stdout).to.equal(0);
    expect(two.code, two.stdout).to.equal(0);
    expect(two.stdout).to.contain('PART  bug: 1 scenario (positions #1..#1): 1 pass, 0 safety')
      .and.to.contain('expected safety-violation, judged after merge');
    expect(two.stdout).not.to.contain('FAIL');
    // The hint of the shard without a finding replays a scenario of that shard, not #0 of shard 1.
    expect(two.stdout).to.contain(`replay: npx twins replay ${config} --case bug --index 1`);
    const shardSummary = JSON.parse(readFileSync(join(reports, 'run.shard-2-of-2', 'summary.json'), 'utf8'));
    expect(shardSummary.ok).to.equal(true);
    const merged = twins(['merge', join(reports, 'run.shard-1-of-2'), join(reports, 'run.shard-2-of-2')]);
    expect(merged.code, merged.stdout + merged.stderr).to.equal(0);
    const m = JSON.parse(readFileSync(join(reports, 'run', 'summary.json'), 'utf8'));
    const w = JSON.parse(readFileSync(join(dir, 'whole', 'run', 'summary.json'), 'utf8'));
    const norm = (cases: CaseResult[]): unknown => cases.map((c) => ({ ...c, replay: c.replay.replace(/^.*\/run\//, '') }));
    expect(norm(m.cases)).to.deep.equal(norm(w.cases));
  });

  it('a shard whose slice holds a finding the case does not allow exits 1; the other shard exits 0', () => {
    const { dir, config } = setup([{ name: 'clean', scenarios: 'two.jsonl', bugs: ['conflicting_votes'], expect: 'pass' }]);
    const reports = join(dir, 'reports');
    const one = twins(['exec', config, '--reports', reports, '--quiet', '--workers', '1', '--shard', '1/2']);
    const two = twins(['exec', config, '--reports', reports, '--quiet', '--workers', '1', '--shard', '2/2']);
    expect(one.code, one.stdout).to.equal(1);
    expect(one.stdout).to.contain('FAIL  clean: 1 scenario (positions #0..#0): 0 pass, 1 safety')
      .and.to.contain('a safety-violation where the case expects pass');
    expect(one.stdout).to.contain(`replay: npx twins replay ${join(reports, 'run.shard-1-of-2', 'findings.jsonl')}:1`);
    expect(two.code, two.stdout).to.equal(0);
    const merged = twins(['merge', join(reports, 'run.shard-1-of-2'), join(reports, 'run.shard-2-of-2')]);
    expect(merged.code).to.equal(1);
  });

  it('the rule: only a verdict more severe than the expected one is unexpected in a slice', () => {
    expect(unexpectedInSlice('pass', 'safety-violation')).to.equal(false);
    expect(unexpectedInSlice('liveness-violation', 'safety-violation')).to.equal(false);
    expect(unexpectedInSlice('crash', 'pass')).to.equal(true);
    expect(unexpectedInSlice('liveness-violation', 'pass')).to.equal(true);
    expect(unexpectedInSlice('safety-violation', 'liveness-violation')).to.equal(true);
    expect(unexpectedInSlice('liveness-violation', 'liveness-violation')).to.equal(false);
    const slice = { name: 'x', expect: 'safety-violation', verdict: 'pass', ok: false, bugs: [],
      scenarios: { total: 0, pass: 0, safety: 0, liveness: 0, crash: 0 }, firstViolation: null, replay: '' } as CaseResult;
    expect(judgeSlice(slice).ok).to.equal(true);
  });
});
