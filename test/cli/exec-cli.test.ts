// `twins exec` and `twins replay` from the command line: verdicts and exit codes, byte-identical
// summaries across runs, and one clear message with exit 2 and no partial report for every
// malformed input in test/bad-inputs/.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, twins } from './run-cli.js';
import { tempDir } from '../temp-dir.js';
import { validateFinding, validateSummary } from '../../src/scenario/report-schema.js';

const BAD = join(ROOT, 'test/bad-inputs');
interface Expected { parser: string; path: string | null; contains: string; fileSuffix?: string; cliOnly?: boolean }
const expected = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as Record<string, Expected>;

function fresh(): string {
  return tempDir('twins-cli-');
}

function withoutMeta(summaryText: string): unknown {
  const s = JSON.parse(summaryText) as Record<string, unknown>;
  delete s['meta'];
  return s;
}

describe('cli: twins exec on the shipped conflicting_votes_bug config', () => {
  it('exits 0, reports the bug case as a safety violation and the no_bug case as passing', () => {
    const reports = fresh();
    const r = twins(['exec', 'executor-configs/conflicting_votes_bug.json', '--reports', reports, '--quiet']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/PASS {2}bug: expected safety-violation, got safety-violation/);
    expect(r.stdout).to.match(/safety\.[a-z-]+ in round \d+ at tick \d+ \[[a-z', ]+\]/);
    expect(r.stdout).to.match(/PASS {2}no_bug: expected pass, got pass/);
    expect(r.stdout).to.contain('replay: npx twins replay');
    const summary = JSON.parse(readFileSync(join(reports, 'conflicting_votes_bug/summary.json'), 'utf8'));
    expect(summary.ok).to.equal(true);
    expect(summary.cases.map((c: { verdict: string }) => c.verdict)).to.deep.equal(['safety-violation', 'pass']);
    for (const f of ['summary.json', 'findings.jsonl', 'index.html', 'junit.xml']) {
      expect(existsSync(join(reports, 'conflicting_votes_bug', f)), f).to.equal(true);
    }
  });

  it('writes a byte-identical summary (apart from meta) and findings when run twice', () => {
    const reports = fresh();
    const args = ['exec', 'executor-configs/conflicting_votes_bug.json', '--reports', reports, '--quiet'];
    twins(args);
    const first = readFileSync(join(reports, 'conflicting_votes_bug/summary.json'), 'utf8');
    const firstFindings = readFileSync(join(reports, 'conflicting_votes_bug/findings.jsonl'), 'utf8');
    twins(args);
    const second = readFileSync(join(reports, 'conflicting_votes_bug/summary.json'), 'utf8');
    expect(withoutMeta(second)).to.deep.equal(withoutMeta(first));
    expect(readFileSync(join(reports, 'conflicting_votes_bug/findings.jsonl'), 'utf8')).to.equal(firstFindings);
  });

  it('writes a summary and findings that validate against schemas/report.schema.json', () => {
    const reports = fresh();
    twins(['exec', 'executor-configs/conflicting_votes_bug.json', '--reports', reports, '--quiet']);
    const dir = join(reports, 'conflicting_votes_bug');
    expect(validateSummary(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')))).to.deep.equal([]);
    for (const line of readFileSync(join(dir, 'findings.jsonl'), 'utf8').trim().split('\n')) {
      expect(validateFinding(JSON.parse(line))).to.deep.equal([]);
    }
  });

  it('twins report writes the timeline page of one finding, and of a passing scenario', () => {
    const reports = fresh();
    twins(['exec', 'executor-configs/conflicting_votes_bug.json', '--reports', reports, '--quiet']);
    const page = join(reports, 'one', 'index.html');
    const r = twins(['report', join(reports, 'conflicting_votes_bug/findings.jsonl') + ':1', '--out', page]);
    expect(r.code, r.stderr).to.equal(0);
    const html = readFileSync(page, 'utf8');
    expect(html).to.contain('<svg').and.to.contain('safety.agreement');
    expect(html).not.to.match(/<script[^>]+src=|<link[^>]+href=["']?http/);
    const passing = join(reports, 'two', 'index.html');
    expect(twins(['report', 'scenarios/conflicting_votes.json', '--out', passing]).code).to.equal(0);
    expect(readFileSync(passing, 'utf8')).to.contain('<svg');
  });

  it('with --json prints the summary, and nothing else, to stdout', () => {
    const r = twins(['exec', 'executor-configs/conflicting_votes_bug.json', '--reports', fresh(), '--json', '--quiet']);
    expect(r.code).to.equal(0);
    const summary = JSON.parse(r.stdout) as { name: string; ok: boolean };
    expect(summary.name).to.equal('conflicting_votes_bug');
    expect(summary.ok).to.equal(true);
  });

  it('replays a finding with a readable trace that shows the conflicting commits', () => {
    const reports = fresh();
    twins(['exec', 'executor-configs/conflicting_votes_bug.json', '--reports', reports, '--quiet']);
    const r = twins(['replay', join(reports, 'conflicting_votes_bug/findings.jsonl') + ':1']);
    // The finding's case expects this safety violation, so the replay exits 0 as `report` does.
    expect(r.code).to.equal(0);
    expect(r.stdout).to.match(/COMMITS [0-9a-f]{8} at height 1/);
    expect(r.stdout).to.contain('VIOLATION safety.agreement');
    expect(r.stdout).to.match(/verdict: safety-violation/);
    expect(r.stdout).to.match(/trace hash [0-9a-f]{16}/);
  });
});

describe('cli: malformed inputs', () => {
  const files = readdirSync(BAD).filter((f) => f in expected);
  it('has a corpus of at least 20 malformed files', () => {
    expect(files.length).to.be.at.least(20);
  });

  for (const file of files) {
    const e = expected[file]!;
    it(`${file}: one clear message with the file and JSON path, exit 2, no report`, () => {
      const reports = fresh();
      let config = join(BAD, file);
      if (e.parser !== 'exec') {
        config = join(fresh(), 'wrap.exec.json');
        writeFileSync(config, JSON.stringify({ name: 'wrapped', cases: [{ name: 'c', scenarios: join(BAD, file) }] }));
      }
      const r = twins(['exec', config, '--reports', reports, '--quiet']);
      expect(r.code, r.stdout + r.stderr).to.equal(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines, r.stderr).to.have.length(1);
      expect(lines[0]).to.match(/^error: /);
      expect(lines[0]).to.contain(e.contains);
      if (e.path !== null) expect(lines[0]).to.contain(e.path);
      if (e.fileSuffix !== undefined) expect(lines[0]).to.contain(e.fileSuffix);
      expect(r.stderr).not.to.match(/\n\s+at /);
      expect(readdirSync(reports), 'report directory must stay empty').to.deep.equal([]);
    });
  }

  it('an unwritable report directory: one message naming it, exit 2', () => {
    const blocker = join(fresh(), 'not-a-dir');
    writeFileSync(blocker, 'x');
    const r = twins(['exec', 'executor-configs/conflicting_votes_bug.json', '--reports', join(blocker, 'reports'), '--quiet']);
    expect(r.code).to.equal(2);
    expect(r.stderr.trim().split('\n')).to.have.length(1);
    expect(r.stderr).to.contain(join(blocker, 'reports')).and.to.contain('cannot write the report directory');
  });

  it('a missing config file: one message naming it, exit 2', () => {
    const r = twins(['exec', 'no/such/config.json', '--quiet']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/^error: no\/such\/config\.json: cannot read the file \(ENOENT\)/);
  });

  it('an unknown bug given to replay: exit 2 naming the flag', () => {
    const r = twins(['replay', 'scenarios/conflicting_votes.json', '--bugs', 'nope']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain("--bugs: unknown bug 'nope'");
  });
});

describe('cli: twins fuzz writes the same report as exec', () => {
  it('writes summary, findings, junit and a timeline page of the shrunk scenario', () => {
    const reports = fresh();
    const r = twins(['fuzz', 'generator-configs/all_random.json', '--bugs', 'conflicting_votes', '--seed', '1',
      '--no-write', '--quiet', '--reports', reports]);
    expect(r.code, r.stderr).to.equal(1);
    const dir = join(reports, 'fuzz-all_random');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(validateSummary(summary)).to.deep.equal([]);
    expect(summary.cases[0].verdict).to.equal('safety-violation');
    const findings = readFileSync(join(dir, 'findings.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(findings[0].scenario.rounds.length).to.be.at.most(findings[1].scenario.rounds.length);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).to.contain('<svg').and.to.contain('safety.one-vote-per-round');
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).to.contain('<testsuite');
  });
});

describe('cli: twins --help', () => {
  it('lists the commands', () => {
    const r = twins(['--help']);
    expect(r.code).to.equal(0);
    for (const c of ['gen', 'exec', 'replay']) expect(r.stdout).to.contain(c);
  });
});
