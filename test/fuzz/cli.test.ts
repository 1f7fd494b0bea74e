// `twins fuzz` end to end, as a user runs it: a child process, real files, exit codes (as `exec`:
// 0 nothing found, 1 safety, 4 liveness, 2 bad input).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect } from 'chai';
import { parseFuzzFlags, roundCell, sideBySide } from '../../src/cli/cmd-fuzz.js';
import { parseScenarioText } from '../../src/scenario/validate.js';
import { ROOT, twins as runTwins, type CliResult } from '../cli/run-cli.js';
import { tempDir } from '../temp-dir.js';

// The CLI runs in a temporary folder of its own, so its reports/ and regression files land there.
const ALL_RANDOM = join(ROOT, 'generator-configs/all_random.json');
const FUZZ_COMMIT = join(ROOT, 'generator-configs/fuzz_commit.json');

describe('twins fuzz (CLI)', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'twins-fuzz-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const twins = (args: readonly string[]): CliResult => runTwins(args, tempDir('twins-fuzz-cwd-'));

  it('on a bug: prints the seed first, both scenarios side by side, the oracle, the shrink steps and the replay command; exits 1', () => {
    const r = twins(['fuzz', ALL_RANDOM, '--bugs', 'conflicting_votes', '--seed', '7', '--out', dir, '--quiet']);
    expect(r.code).to.equal(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).to.equal('fuzz all_random: seed 7');
    expect(r.stdout).to.match(/FAIL {2}safety-violation after \d+ runs? \([\d.]+s\); shrunk in \d+ steps?/);
    expect(r.stdout).to.match(/scripted rounds +\d+ +\| 1\n/);
    expect(r.stdout).to.contain('violation: safety.one-vote-per-round in round ');
    const [file] = readdirSync(dir);
    expect(file).to.match(/^safety\.one-vote-per-round-[0-9a-f]{16}\.json$/);
    expect(r.stdout).to.contain(`replay: npx twins replay ${join(dir, file!)} --bugs conflicting_votes`);
    const written = parseScenarioText(readFileSync(join(dir, file!), 'utf8'), file!);
    expect(written.regression).to.deep.equal({ bugs: ['conflicting_votes'], verdict: 'safety-violation', oracle: 'safety.one-vote-per-round' });
    expect(written.notes).to.contain('--seed 7');
    expect(twins(['replay', join(dir, file!), '--bugs', 'conflicting_votes']).code).to.equal(1);
  });

  it('the same seed writes the same regression file, byte for byte, and prints the same outcome with 1 or 2 workers', () => {
    // Seed 9 fails at run 79, in the 3rd batch of 32 runs (the first batch is judged in the main
    // thread, the rest on the workers), and shrinks in 3 steps.
    const args = ['fuzz', FUZZ_COMMIT, '--bugs', 'commit_one_chain', '--seed', '9', '--quiet', '--json'];
    const one = twins([...args, '--out', join(dir, 'a'), '--workers', '1']);
    const two = twins([...args, '--out', join(dir, 'b'), '--workers', '2']);
    expect([one.code, two.code]).to.deep.equal([1, 1]);
    const [fa] = readdirSync(join(dir, 'a'));
    expect(readdirSync(join(dir, 'b'))).to.deep.equal([fa]);
    expect(readFileSync(join(dir, 'a', fa!), 'utf8')).to.equal(readFileSync(join(dir, 'b', fa!), 'utf8'));
    const outcome = (stdout: string): Record<string, unknown> => {
      const { seconds: _, regressionFile, ...rest } = JSON.parse(stdout) as Record<string, unknown>;
      return { ...rest, regressionFile: basename(String(regressionFile)) };
    };
    expect(outcome(two.stdout)).to.deep.equal(outcome(one.stdout));
    expect(outcome(one.stdout)).to.deep.include({ runsToFailure: 79, numShrinks: 3, regressionFile: fa });
  });

  it('a liveness bug exits 4; --json prints the outcome as data on stdout', () => {
    const r = twins(['fuzz', ALL_RANDOM, '--bugs', 'vote_leader_current_round', '--seed', '1', '--json', '--no-write']);
    expect(r.code).to.equal(4);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).to.deep.include({ failed: true, verdict: 'liveness-violation', regressionFile: null, seed: 1 });
    expect((out.shrunk as { shape: { rounds: number } }).shape.rounds).to.be.at.most(4);
    expect(r.stderr).to.contain('fuzz all_random: seed 1');
  });

  it('nothing found exits 0 and writes nothing; --time-limit stops the search early', () => {
    const r = twins(['fuzz', FUZZ_COMMIT, '--runs', '300', '--seed', '5', '--out', dir, '--quiet']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/PASS {2}no violation in 300 runs/);
    expect(readdirSync(dir)).to.deep.equal([]);
    const t = twins(['fuzz', ALL_RANDOM, '--runs', '1000000', '--time-limit', '0.5', '--seed', '5', '--quiet',
      '--ignore', 'liveness.', '--no-write']);
    expect(t.code).to.equal(0);
    expect(t.stdout).to.match(/time limit reached after \d+ of 1000000 runs/);
  });

  it('without --seed, takes one from the clock and prints it first so the run can be repeated', () => {
    const r = twins(['fuzz', ALL_RANDOM, '--runs', '5', '--ignore', 'liveness.', '--quiet', '--no-write']);
    expect(r.stdout.split('\n')[0]).to.match(/^fuzz all_random: seed -?\d+$/);
    const seed = /seed (-?\d+)/.exec(r.stdout)![1];
    expect(r.stdout).to.contain(`reproduce: npx twins fuzz ${ALL_RANDOM} --seed ${seed} --runs 5 --ignore liveness.`);
  });

  for (const [args, path] of [
    [['--bugs', 'no_such_bug'], '--bugs'], [['--seed', '1.5'], '--seed'], [['--seed', '4294967296'], '--seed'],
    [['--runs', '0'], '--runs'], [['--time-limit', '-1'], '--time-limit'], [['--ignore', 'safety.nope'], '--ignore'],
    [['--path', 'x:1'], '--path'], [['--workers', '0'], '--workers'], [['--workers', 'two'], '--workers'],
  ] as const) {
    it(`bad input ${args.join(' ')}: one error line naming ${path}, exit 2, no file`, () => {
      const r = twins(['fuzz', ALL_RANDOM, ...args, '--out', dir]);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.match(new RegExp(`^error: ${path.replace(/-/g, '\\-')}: `));
      expect(readdirSync(dir)).to.deep.equal([]);
    });
  }

  it('a missing config file is bad input too', () => {
    const r = twins(['fuzz', join(dir, 'nope.json')]);
    expect(r.code).to.equal(2);
    expect(existsSync(join(dir, 'nope.json'))).to.equal(false);
  });
});

describe('twins fuzz: output helpers', () => {
  it('parseFuzzFlags fills the defaults and keeps a given seed', () => {
    expect(parseFuzzFlags({ seed: '-3' })).to.deep.include({ seed: -3, seedGiven: true, runs: 10_000, bugs: [],
      timeLimitSeconds: null, out: 'scenarios/regression', write: true });
  });

  it('roundCell shows leader, groups and drops; sideBySide pads the shorter scenario', () => {
    const round = { leader: 'a', partitions: [['a', "a'"], ['b']], drops: [{ from: 'a', to: "a'", type: 'vote' as const }] };
    expect(roundCell(round)).to.equal("L a  {a a'} {b} -a>a':vote");
    const base = { schemaVersion: 1 as const, nodes: ['a', 'b'], twins: ['a'] };
    const lines = sideBySide({ ...base, rounds: [round, round] }, { ...base, rounds: [round] });
    expect(lines[1]).to.match(/^ {2}scripted rounds +2 +\| 1$/);
    expect(lines[lines.length - 1]).to.match(/^ {2}round 2 +L a .*\|$/);
  });
});
