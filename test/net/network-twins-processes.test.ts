// Network Twins on replica processes (docs/network.md, "Network Twins"): a scenario's crash kills the
// replica's process and its restart is a new process that continues from the replica's files; a
// signal to `twins exec --network` ends every replica process before the command exits.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLines } from '../../src/net/node-files.js';
import { execCommand } from '../../src/cli/cmd-exec.js';
import type { Summary } from '../../src/exec/report-types.js';
import { ROOT } from '../cli/run-cli.js';
import { tempDir } from '../temp-dir.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

type Event = Record<string, unknown>;

function events(file: string): Event[] {
  return readLines(file).map((l) => JSON.parse(l) as Event);
}

describe('net: twins exec --network executor-configs/fault_crash.json', function () {
  this.timeout(120_000);
  let reports: string;
  let code: number;
  let summary: Summary;
  const run = (k: number): string => join(reports, 'fault_crash-network', 'nodes', `case-${k}`, '0');

  before(async () => {
    reports = tempDir('twins-ntc-');
    code = await execCommand(join(ROOT, 'executor-configs/fault_crash.json'), { network: true, silent: true, reports });
    summary = JSON.parse(readFileSync(join(reports, 'fault_crash-network', 'summary.json'), 'utf8')) as Summary;
  });

  it('every case meets its expectation: restart_from_high_qc is caught only with the crash, as in simulation', () => {
    expect(summary.cases.map((c) => [c.name, c.verdict]), JSON.stringify(summary.cases)).to.deep.equal([
      ['bug_with_fault', 'safety-violation'], ['bug_without_fault', 'pass'],
      ['correct_with_fault', 'pass'], ['correct_without_fault', 'pass'],
    ]);
    expect(summary.cases[0]!.firstViolation!.oracle).to.equal('safety.round-entry');
    expect(code).to.equal(0);
  });

  for (const [k, name, resumeRound] of [[0, 'bug_with_fault', 2], [2, 'correct_with_fault', 3]] as const) {
    it(`${name}: c's process is killed at its crash round and a new process continues from c's files`, () => {
      const controls = readLines(join(run(k), 'run.jsonl')).map((l) => JSON.parse(l) as Event).slice(1);
      expect(controls.map((e) => [e['event'], e['replica']])).to.deep.equal([['crash', 2], ['restart', 2]]);
      const [crash, restart] = controls as [Event, Event];
      expect(restart['pid']).to.not.equal(crash['pid']);
      expect(restart['tick'] as number).to.be.at.least(crash['tick'] as number);
      const c = events(join(run(k), 'replica-2', 'events.jsonl'));
      const listens = c.filter((e) => e['event'] === 'listen');
      expect(listens.map((e) => e['pid']), 'the old process, then the new one').to.deep.equal([crash['pid'], restart['pid']]);
      expect(listens[1]!['port'], 'on the same port').to.equal(listens[0]!['port']);
      const starts = c.filter((e) => e['event'] === 'start');
      expect(starts.map((e) => e['restart'])).to.deep.equal([false, true]);
      const crashPoint = c.findIndex((e) => e['event'] === 'crash-point');
      expect(c[crashPoint]!['round']).to.equal(3);
      // Nothing was stepped between the crash point and the kill: only that step's outputs follow it.
      const restartAt = c.indexOf(starts[1]!);
      const after = c.slice(crashPoint + 1, restartAt).filter((e) => e['event'] === 'observe');
      expect(after.filter((e) => e['t'] !== c[crashPoint]!['t']), 'observations of later steps').to.deep.equal([]);
      // The Store on disk decides where the restarted replica resumes: its persisted round, or with
      // the bug the round after its persisted high QC.
      const resumed = c.slice(restartAt).find((e) => e['event'] === 'observe')!['obs'];
      expect(resumed).to.deep.include({ type: 'enter-round', round: resumeRound, via: 'start' });
      expect(existsSync(join(run(k), 'replica-2', 'store.json'))).to.equal(true);
    });
  }
});

describe('net: twins exec --network, a replica crashed until the heal', function () {
  this.timeout(60_000);

  it('restarts at the heal, and the heal takes effect once its new process has started: every replica is up for the GST tail', async () => {
    const dir = tempDir('twins-nth-');
    const scenario = JSON.parse(readFileSync(join(ROOT, 'scenarios/fault_crash.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'at_heal.json'), JSON.stringify({ ...scenario, crashes: [{ replica: 'c', round: 3 }] }));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ name: 'at_heal', defaults: { seed: '1', delayTicks: 1, roundTimeoutTicks: 20 },
      cases: [{ name: 'correct', scenarios: 'at_heal.json', expect: 'pass' }] }));
    const code = await execCommand(join(dir, 'config.json'), { network: true, silent: true, reports: dir });
    const summary = JSON.parse(readFileSync(join(dir, 'at_heal-network', 'summary.json'), 'utf8')) as Summary;
    expect(summary.cases[0]!.verdict, JSON.stringify(summary.cases[0])).to.equal('pass');
    expect(code).to.equal(0);
    const nodes = join(dir, 'at_heal-network', 'nodes', 'case-0', '0');
    const [run, ...controls] = readLines(join(nodes, 'run.jsonl')).map((l) => JSON.parse(l) as Event);
    expect(controls.map((e) => e['event'])).to.deep.equal(['crash', 'restart']);
    const c = events(join(nodes, 'replica-2', 'events.jsonl'));
    const restarted = c.filter((e) => e['event'] === 'start')[1]!;
    expect(restarted['t'] as number, 'the new process started before the heal').to.be.below(run!['healT'] as number);
    expect(c.slice(c.indexOf(restarted)).filter((e) => e['event'] === 'heal'), 'and then applied it').to.have.length(1);
  });
});

/** The processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(d)] : [];
    } catch {
      return [];   // gone meanwhile
    }
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True once some replica of the run has started (a `start` event in an event log under `dir`). */
function started(dir: string): boolean {
  const nodes = join(dir, 'conflicting_votes_bug-network', 'nodes', 'case-0', '0');
  if (!existsSync(nodes)) return false;
  return readdirSync(nodes).some((r) => r.startsWith('replica-') &&
    readLines(join(nodes, r, 'events.jsonl')).some((l) => l.includes('"event":"start"')));
}

describe('net: twins exec --network stopped by a signal', function () {
  this.timeout(60_000);

  for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} mid-run: exit ${exitCode}, and no replica process is left`, async () => {
      const reports = tempDir('twins-nts-');
      const cli = spawn(process.execPath, [MAIN, 'exec', '--network', 'executor-configs/conflicting_votes_bug.json',
        '--reports', reports], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      cli.stderr.setEncoding('utf8').on('data', (t: string) => { stderr += t; });
      const exited = new Promise<number | null>((resolve) => cli.once('exit', (c) => resolve(c)));
      for (let waited = 0; !started(reports); waited += 50) {
        expect(waited, 'the run started within 40 s').to.be.below(40_000);
        expect(cli.exitCode, stderr).to.equal(null);
        await new Promise((r) => setTimeout(r, 50));
      }
      const children = childrenOf(cli.pid!);
      expect(children.length, 'the five replicas run as processes of the command').to.be.at.least(5);
      cli.kill(signal);
      expect(await exited, stderr).to.equal(exitCode);
      expect(stderr).to.contain(`${signal}: stopping the replica processes`);
      expect(children.filter(alive), 'replica processes left').to.deep.equal([]);
    });
  }
});
