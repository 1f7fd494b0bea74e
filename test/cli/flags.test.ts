// One flag vocabulary: every command accepts the flags the README's table gives it (and no listed flag
// it is not given); bare `twins` is a usage error; `twins --help` loads no command module; the same
// error reads the same on every command; counts read "1 case", "2 cases".
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { ROOT, twins } from './run-cli.js';
import { tempDir } from '../temp-dir.js';
import { COMMANDS, buildProgram } from '../../src/cli/main.js';

/** The README's flag table: flag -> the commands whose cell says yes. */
function flagTable(): { commands: string[]; rows: Map<string, Set<string>> } {
  const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');
  const head = lines.findIndex((l) => l.startsWith('| flag |'));
  const cells = (l: string): string[] => l.split('|').slice(1, -1).map((c) => c.trim());
  const commands = cells(lines[head]!).slice(1, -1);
  const rows = new Map<string, Set<string>>();
  for (const l of lines.slice(head + 2)) {
    if (!l.startsWith('| `--')) break;
    const c = cells(l);
    const flag = /`(--[a-z-]+)/.exec(c[0]!)![1]!;
    rows.set(flag, new Set(commands.filter((_, i) => c[i + 1] === 'yes')));
  }
  return { commands, rows };
}

describe('cli: one table of flags for every command', () => {
  it('the README table lists every command, and each command has exactly the table\'s flags', async () => {
    const { commands, rows } = flagTable();
    expect(commands).to.have.members(COMMANDS.map((c) => c.name));
    expect([...rows.keys()]).to.include.members(['--quiet', '--json', '--out', '--reports', '--bugs', '--seed', '--workers']);
    const program = await buildProgram([], true);
    for (const name of commands) {
      const cmd = program.commands.find((c) => c.name() === name)!;
      const flags = new Set(cmd.options.map((o) => o.long));
      for (const [flag, on] of rows) expect(flags.has(flag), `${name} ${flag}`).to.equal(on.has(name));
    }
  });

  it('the command list --help shows without loading a module matches what each module registers', async () => {
    const program = await buildProgram([], true);
    for (const entry of COMMANDS) {
      const cmd: Command = program.commands.find((c) => c.name() === entry.name)!;
      expect(cmd.description(), entry.name).to.equal(entry.description);
      const args = cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}]`)).join(' ');
      expect(args, entry.name).to.equal(entry.args);
    }
  });

  it('twins --help loads no command module', () => {
    const dir = tempDir('twins-lazy-');
    const log = join(dir, 'loaded.txt');
    writeFileSync(join(dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, r.url + '\\n');
  return r;
}\n`);
    writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';
register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href,
      join(ROOT, 'dist/src/cli/main.js'), '--help'], { encoding: 'utf8' });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('exec <config>');
    const loaded = readFileSync(log, 'utf8').split('\n').filter((u) => u.includes('/dist/src/'));
    expect(loaded.some((u) => u.endsWith('/cli/main.js'))).to.equal(true);
    // The error types (a few lines) load with main.js; no command, executor, generator or parser does.
    expect(loaded.filter((u) => /\/cli\/cmd-|\/src\/(exec|gen|core|sim|scenario)\//.test(u) && !u.endsWith('/scenario/errors.js')))
      .to.deep.equal([]);
  });

  it('bare twins prints its usage on stderr and exits 2', () => {
    const r = twins([]);
    expect(r.code).to.equal(2);
    expect(r.stdout).to.equal('');
    expect(r.stderr).to.match(/^Usage: twins \[options\] \[command\]/).and.to.contain('exec <config>');
  });

  it('exec --bugs replaces the bugs of every case', () => {
    const reports = tempDir('twins-bugs-');
    const none = twins(['exec', 'executor-configs/conflicting_votes_bug.json', '--bugs', '', '--reports', reports, '--quiet']);
    expect(none.code).to.equal(1);
    expect(none.stdout).to.contain('FAIL  bug: expected safety-violation, got pass');
    expect(none.stdout).to.contain("replay: npx twins replay executor-configs/conflicting_votes_bug.json --case bug --bugs ''");
    const all = twins(['exec', 'executor-configs/conflicting_votes_bug.json', '--bugs', 'conflicting_votes', '--reports', reports, '--quiet']);
    expect(all.code).to.equal(1);
    expect(all.stdout).to.contain('FAIL  no_bug: expected pass, got safety-violation');
    expect(twins(['exec', 'executor-configs/conflicting_votes_bug.json', '--bugs', 'nope']).stderr).to.match(/^error: --bugs: unknown bug 'nope'/);
  });

  it('merge, report and start take --json; gen takes --out (and still --output)', () => {
    const dir = tempDir('twins-json-');
    const r = twins(['report', 'scenarios/conflicting_votes.json', '--bugs', 'conflicting_votes', '--json', '--out', join(dir, 'p.html')]);
    expect(JSON.parse(r.stdout)).to.deep.include({ target: 'scenarios/conflicting_votes.json', verdict: 'safety-violation', report: join(dir, 'p.html') });
    for (const flag of ['--out', '--output']) {
      const g = twins(['gen', 'generator-configs/all_random.json', '--scenarios', '1', flag, join(dir, `${flag}.jsonl`), '--quiet']);
      expect(g.code, g.stderr).to.equal(0);
      expect(readFileSync(join(dir, `${flag}.jsonl`), 'utf8').trim().split('\n')).to.have.length(1);
      expect(g.stdout).to.match(/^gen all_random: seed \S+\nwrote 1 scenario \(1 distinct\)/);
    }
  });
});

describe('cli: one wording', () => {
  it('a missing file reads the same on every command', () => {
    for (const cmd of ['gen', 'exec', 'replay', 'fuzz', 'report']) {
      const r = twins([cmd, 'no/such.json']);
      expect(r.code, cmd).to.equal(2);
      expect(r.stderr, cmd).to.equal('error: no/such.json: cannot read the file (ENOENT)\n');
    }
  });

  it('a bad number reads the same on every flag', () => {
    expect(twins(['gen', 'generator-configs/all_random.json', '--scenarios', 'x']).stderr)
      .to.equal("error: --scenarios: must be a positive integer, got 'x'\n");
    expect(twins(['fuzz', 'generator-configs/all_random.json', '--runs', 'x']).stderr)
      .to.equal("error: --runs: must be a positive integer, got 'x'\n");
  });

  it('one case of one scenario reads "1 case", "1 scenario"', () => {
    const dir = tempDir('twins-plural-');
    const config = join(dir, 'one.json');
    writeFileSync(config, JSON.stringify({ name: 'one', cases: [{ name: 'only', scenarios: join(ROOT, 'scenarios/small_quorum.json') }] }));
    const r = twins(['exec', config, '--reports', dir, '--quiet']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('1 case, 1 as expected, 0 not; 1 scenario: 1 pass');
  });
});
