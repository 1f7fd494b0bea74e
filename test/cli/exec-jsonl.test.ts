// Setup: a .jsonl file of 100 W1 scenarios in which one line, in a later batch than the first, is
// not a valid scenario (a rule broken, a JSON syntax error, a key given twice), run by `twins exec`
// with one worker (lines parsed on the main thread) and two (lines parsed by the workers).
// Expect: exit 2 with one message naming the file, line and JSON path of that line; no report
// folder and no partial folder left; and with the line fixed, the same command passes.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, twins } from './run-cli.js';
import { tempDir } from '../temp-dir.js';

const DIR = tempDir('twins-exec-jsonl-');

describe('twins exec over a .jsonl file with a bad line', function () {
  this.timeout(300_000);
  const good = join(DIR, 'good.jsonl');
  before(() => {
    const r = twins(['gen', join(ROOT, 'generator-configs/all_random.json'), '--seed', '7', '--scenarios', '100', '--out', good, '--quiet']);
    expect(r.code, r.stderr).to.equal(0);
    writeFileSync(join(DIR, 'exec.json'), JSON.stringify({ name: 'bad_line', cases: [{ name: 'c', scenarios: 's.jsonl' }] }));
  });

  const lines = (): string[] => readFileSync(good, 'utf8').trimEnd().split('\n');
  const cases: [string, (line: string) => string, RegExp][] = [
    ['a rule broken', (l) => l.replace('"leader":"a"', '"leader":"z"'), /^error: s\.jsonl:71: \$\.rounds\[0\]\.leader: leader 'z' is not an identity/],
    ['a syntax error', (l) => l.slice(0, 40), /^error: s\.jsonl:71:41: invalid JSON/],
    ['a key given twice', (l) => l.replace('{"schemaVersion":1,', '{"schemaVersion":1,"schemaVersion":1,'), /^error: s\.jsonl:71:20: \$\.schemaVersion: duplicate key/],
  ];
  for (const [what, spoil, message] of cases) {
    for (const workers of ['1', '2']) {
      it(`${what}, ${workers} worker${workers === '1' ? '' : 's'}: exit 2, one message, no report`, () => {
        const body = lines();
        // Line 71 (two blank lines before it): the third batch of 32 scenarios.
        body.splice(30, 0, '', '  ');
        expect(body[70]).to.contain('"leader":"a"');
        body[70] = spoil(body[70]!);
        writeFileSync(join(DIR, 's.jsonl'), body.join('\n') + '\n');
        const reports = join(DIR, `reports-${workers}`);
        const r = twins(['exec', 'exec.json', '--quiet', '--workers', workers, '--reports', reports], DIR);
        expect(r.code, r.stderr).to.equal(2);
        expect(r.stderr).to.match(message);
        expect(r.stderr.trim().split('\n')).to.have.length(1);
        expect(r.stdout).to.equal('');
        expect(existsSync(reports) ? readdirSync(reports) : []).to.deep.equal([]);
      });
    }
  }

  it('with the line fixed, the same command passes', () => {
    writeFileSync(join(DIR, 's.jsonl'), lines().join('\n') + '\n');
    const r = twins(['exec', 'exec.json', '--quiet', '--workers', '2', '--reports', join(DIR, 'reports-ok')], DIR);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('100 scenarios: 100 pass');
  });
});

describe('twins exec --resume over a .jsonl file with a bad line', function () {
  this.timeout(300_000);
  it('keeps the interrupted run for the next --resume, which finishes it once the line is fixed', () => {
    const dir = tempDir('twins-exec-jsonl-resume-');
    const good = join(dir, 'good.jsonl');
    expect(twins(['gen', join(ROOT, 'generator-configs/all_random.json'), '--seed', '7', '--scenarios', '100', '--out', good, '--quiet']).code).to.equal(0);
    writeFileSync(join(dir, 'exec.json'), JSON.stringify({ name: 'resumed', cases: [{ name: 'c', scenarios: 's.jsonl' }] }));
    const body = readFileSync(good, 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 's.jsonl'), body.join('\n') + '\n');
    const run = (extra: string[], env: Record<string, string> = {}): ReturnType<typeof twins> =>
      twins(['exec', 'exec.json', '--quiet', '--workers', '2', '--reports', 'r', ...extra], dir, env);
    // The journal's third write fails: the first batch is kept for --resume.
    expect(run([], { TWINS_TEST_FAIL_WRITE: '3' }).code).to.equal(2);
    const journal = join(dir, 'r', '.resumed.partial', 'journal');
    const kept = readFileSync(journal, 'utf8');
    const spoilt = [...body];
    spoilt[80] = spoilt[80]!.replace('"schemaVersion":1', '"schemaVersion":2');
    writeFileSync(join(dir, 's.jsonl'), spoilt.join('\n') + '\n');
    const bad = run(['--resume']);
    expect(bad.code, bad.stderr).to.equal(2);
    expect(bad.stderr).to.contain('resuming: ').and.to.match(/s\.jsonl:81: \$\.schemaVersion/);
    expect(readFileSync(journal, 'utf8').startsWith(kept)).to.equal(true);
    writeFileSync(join(dir, 's.jsonl'), body.join('\n') + '\n');
    const done = run(['--resume']);
    expect(done.code, done.stderr).to.equal(0);
    expect(readFileSync(join(dir, 'r', 'resumed', 'summary.json'), 'utf8')).to.contain('"pass": 100');
    expect(readdirSync(join(dir, 'r'))).to.deep.equal(['resumed']);
  });
});
