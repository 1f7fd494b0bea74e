// Network Twins (docs/network.md, "Network Twins"): a scenario runs on real TCP sockets and real time,
// one process per replica, twins holding the same node key; the fault layer applies the scenario's
// partitions, directed drops and failure rules by each message's round tag; a scenario's crash kills
// a replica's process and its restart continues from the replica's files in a new one; the
// simulator's oracles judge what the replicas logged. Ports are picked by the system; each scenario
// lasts a few seconds.
import { expect } from 'chai';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fate, FaultPolicy } from '../../src/kernel/fate.js';
import type { ProtocolModule } from '../../src/kernel/protocol-module.js';
import { FaultLayer } from '../../src/net/fault-layer.js';
import { readLines } from '../../src/net/node-files.js';
import { execCommand } from '../../src/cli/cmd-exec.js';
import type { Summary } from '../../src/exec/report-types.js';
import { validateFinding, validateSummary } from '../../src/scenario/report-schema.js';
import { ROOT, twins } from '../cli/run-cli.js';
import { tempDir } from '../temp-dir.js';

interface Msg { readonly round: number; readonly body: string }
const fakeModule = { kinds: ['note'], kindOf: () => 0, roundTag: (m: Msg) => m.round, describe: (m: Msg) => m.body } as
  unknown as ProtocolModule<Msg>;

function layer(fate: (tag: number) => Fate<Msg>): { fl: FaultLayer<Msg>; sent: [number, string][]; log: Record<string, unknown>[] } {
  const sent: [number, string][] = [];
  const log: Record<string, unknown>[] = [];
  const policy: FaultPolicy<Msg> = { fate: (env) => fate(env.tag) };
  const fl = new FaultLayer<Msg>({ module: fakeModule, policy, tickMs: 5, now: () => 0,
    transmit: (to, m) => sent.push([to, m.body]), log: (e) => log.push(e) });
  return { fl, sent, log };
}

describe('net: the network Twins fault layer', () => {
  it('decides each message by its round tag: drop, deliver now, deliver later, twice, or a replacement', async () => {
    const { fl, sent, log } = layer((tag) => tag === 1 ? { kind: 'drop', reason: 'partition' }
      : tag === 2 ? { kind: 'deliver', delayTicks: null }
        : tag === 3 ? { kind: 'deliver', delayTicks: 4 }
          : tag === 4 ? { kind: 'duplicate', delaysTicks: [null, null] }
            : { kind: 'replace', message: { round: 5, body: 'forged' }, delayTicks: null });
    fl.send(0, 1, { round: 1, body: 'r1' });
    fl.send(0, 2, { round: 2, body: 'r2' });
    fl.send(0, 3, { round: 3, body: 'r3' });
    fl.send(0, 1, { round: 4, body: 'r4' });
    fl.send(0, 1, { round: 5, body: 'r5' });
    expect(sent).to.deep.equal([[2, 'r2'], [1, 'r4'], [1, 'r4'], [1, 'forged']]);
    await new Promise((r) => setTimeout(r, 60));
    expect(sent.at(-1)).to.deep.equal([3, 'r3']);
    expect(log.map((e) => [e['fault'], e['tag']])).to.deep.equal([['drop', 1], ['delay', 3], ['duplicate', 4], ['mutate', 5]]);
  });

  it('holds nothing after stop: a delayed message is never sent', async () => {
    const { fl, sent } = layer(() => ({ kind: 'deliver', delayTicks: 2 }));
    fl.send(0, 1, { round: 1, body: 'late' });
    fl.stop();
    await new Promise((r) => setTimeout(r, 40));
    expect(sent).to.deep.equal([]);
  });
});

describe('net: twins exec --network executor-configs/conflicting_votes_bug.json', function () {
  this.timeout(55_000);
  let reports: string;
  let code: number;
  let summary: Summary;

  before(async () => {
    reports = tempDir('twins-nt-');
    code = await execCommand(join(ROOT, 'executor-configs/conflicting_votes_bug.json'), { network: true, silent: true, reports });
    summary = JSON.parse(readFileSync(join(reports, 'conflicting_votes_bug-network', 'summary.json'), 'utf8')) as Summary;
  });

  it('catches the conflicting_votes bug with a safety oracle, and the no-bug case passes', () => {
    const [bug, noBug] = summary.cases;
    expect(bug!.verdict, JSON.stringify(bug)).to.equal('safety-violation');
    expect(bug!.firstViolation!.oracle).to.match(/^safety\./);
    expect(noBug!.verdict, JSON.stringify(noBug)).to.equal('pass');
    expect(summary.ok).to.equal(true);
    expect(code).to.equal(0);
    const findings = readLines(join(reports, 'conflicting_votes_bug-network', 'findings.jsonl'));
    expect(findings.map((l) => (JSON.parse(l) as { case: string }).case)).to.deep.equal(['bug']);
  });

  it('writes the simulator\'s report formats: summary.json and findings.jsonl validate against schemas/report.schema.json', () => {
    expect(validateSummary(summary)).to.deep.equal([]);
    expect(summary.meta['network']).to.deep.equal({ tickMs: 20, transport: 'tcp-loopback', replicas: 'one process each' });
    for (const line of readLines(join(reports, 'conflicting_votes_bug-network', 'findings.jsonl'))) {
      expect(validateFinding(JSON.parse(line))).to.deep.equal([]);
    }
  });

  it('ran five replicas as five processes on real sockets: the twins d and d\' share identity 3 and its one key', () => {
    const run = join(reports, 'conflicting_votes_bug-network', 'nodes', 'case-1', '0');
    expect(readdirSync(join(reports, 'conflicting_votes_bug-network', 'nodes', 'keys')).sort()).to.deep.equal(['identity-0', 'identity-1', 'identity-2', 'identity-3']);
    const pids = new Set<unknown>();
    for (let i = 0; i < 5; i++) {
      const events = readLines(join(run, `replica-${i}`, 'events.jsonl')).map((l) => JSON.parse(l) as Record<string, unknown>);
      const listen = events.filter((e) => e['event'] === 'listen');
      expect(listen, `replica ${i} listened once`).to.have.length(1);
      expect(listen[0]!['port']).to.be.a('number');
      pids.add(listen[0]!['pid']);
      expect(events.filter((e) => e['event'] === 'rejected'), `replica ${i}: every handshake passed`).to.deep.equal([]);
      expect(events.filter((e) => e['event'] === 'start'), `replica ${i} started once, on the run's clock`)
        .to.have.length(1).and.to.satisfy((s: Record<string, unknown>[]) => s[0]!['restart'] === false && (s[0]!['tick'] as number) <= 2);
    }
    expect(pids.size, 'five processes').to.equal(5);
    expect(pids.has(process.pid), 'none of them this one').to.equal(false);
  });

  it('the fault layer dropped exactly the scenario\'s directed drops, by round tag, and only before the heal', () => {
    const run = join(reports, 'conflicting_votes_bug-network', 'nodes', 'case-1', '0');
    const drops = [3, 4].flatMap((i) => {
      const events = readLines(join(run, `replica-${i}`, 'events.jsonl'))
        .map((l) => JSON.parse(l) as { event: string; fault?: string; to: number; kind: string; tag: number });
      const heal = events.findIndex((e) => e.event === 'heal');
      expect(heal, `replica ${i} was told of the heal`).to.be.above(0);
      return events.flatMap((e, k) => e.event === 'fault' ? [{ ...e, from: i, beforeHeal: k < heal }] : []);
    });
    expect(drops.length).to.be.greaterThan(0);
    for (const d of drops) {
      expect(d.fault).to.equal('drop');
      expect(d.tag).to.be.within(1, 3);
      expect(d.beforeHeal, 'dropped before its process applied the heal').to.equal(true);
      // d (replica 3) never reaches d' (4) or c (2) with a proposal; d' never reaches d or b (1) with one.
      const allowed = d.from === 3 ? (d.to === 4 || (d.to === 2 && d.kind === 'proposal'))
        : (d.to === 3 || (d.to === 1 && d.kind === 'proposal'));
      expect(allowed, JSON.stringify(d)).to.equal(true);
    }
    for (const i of [0, 1, 2]) {
      const faults = readLines(join(run, `replica-${i}`, 'events.jsonl')).filter((l) => l.includes('"event":"fault"'));
      expect(faults, `replica ${i} is never faulted`).to.deep.equal([]);
    }
  });
});

describe('net: twins exec --network refuses what it cannot run', function () {
  this.timeout(50_000);

  it('a scenario with attribute sets: one message naming the scenario file and JSON path, exit 2, no report', () => {
    const reports = tempDir('twins-nt-bad-');
    const r = twins(['exec', '--network', 'executor-configs/fault_setattr.json', '--reports', reports]);
    expect(r.code).to.equal(2);
    expect(r.stderr.trim()).to.equal('error: scenarios/fault_setattr.json: $.setAttrs: network Twins does not run attribute sets; run this scenario in the simulator');
    expect(readdirSync(reports)).to.deep.equal([]);
  });

  it('flags that mean nothing for a network run, and --tick-ms without --network, exit 2', () => {
    const dir = tempDir('twins-nt-flags-');
    const config = join(dir, 'c.json');
    writeFileSync(config, readFileSync(join(ROOT, 'executor-configs/conflicting_votes_bug.json'), 'utf8')
      .replace(/\.\.\/scenarios\//g, `${join(ROOT, 'scenarios')}/`));
    for (const [args, message] of [
      [['--network', '--shard', '1/2'], '--shard: is not available with --network'],
      [['--network', '--workers', '2'], '--workers: is not available with --network'],
      [['--network', '--tick-ms', '0'], "--tick-ms: must be an integer 1..1000, got '0'"],
      [['--tick-ms', '5'], '--tick-ms: applies only with --network'],
    ] as const) {
      const r = twins(['exec', config, ...args, '--reports', dir]);
      expect(r.code, r.stderr).to.equal(2);
      expect(r.stderr.trim().split('\n')).to.have.length(1);
      expect(r.stderr).to.contain(message);
    }
  });
});
