// The shipped executor configs (executor-configs/*.json, docs/bugs.md).
//
// 1. Every config runs through `execCommand` into a temporary report directory: exit code 0, and
//    every case of summary.json met its expectation.
// 2. Every bug of the catalogue is caught: some shipped case injecting exactly that bug expects a
//    violation and gets it. Every scenario a bug case runs also passes on the correct protocol.
// 3. The harness controls' claims that a verdict alone does not show (diembft-v4 §17.0), checked on
//    the trace of one run of the shipped scenario:
//    C1: both twins commit the same chain as the honest replicas.
//    C3: while c is cut off (before any honest replica leaves the scripted rounds) c commits
//        nothing and a, b, d commit; c catches up afterwards.
//    C4: no replica, twin or honest, commits or leaves round 1 before heal; the GST tail commits.
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execCommand } from '../../src/cli/cmd-exec.js';
import { bugNamesOf } from '../../src/exec/catalog.js';
import type { Summary, TraceEvent } from '../../src/exec/report-types.js';
import { runScenario } from '../../src/exec/run-scenario.js';
import type { Scenario } from '../../src/scenario/types.js';
import { parseScenarioText } from '../../src/scenario/validate.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CONFIG_DIR = join(ROOT, 'executor-configs');
// main.json is the main job (`npm start`): it runs the 10,000 scenarios `twins gen` writes first,
// twice, which is too slow for this suite; test/cli/start.test.ts covers it on a smaller run.
const CONFIGS = readdirSync(CONFIG_DIR).filter((f) => f.endsWith('.json') && f !== 'main.json').sort();

interface ShippedCase {
  readonly name: string;
  readonly scenarios?: string;
  readonly bugs?: readonly string[];
  readonly expect?: string;
}

interface ShippedConfig {
  readonly name: string;
  readonly defaults?: { readonly bugs?: readonly string[] };
  readonly cases: readonly ShippedCase[];
}

interface ExecRun {
  readonly config: ShippedConfig;
  readonly code: number;
  readonly summary: Summary;
}

function readConfig(file: string): ShippedConfig {
  return JSON.parse(readFileSync(join(CONFIG_DIR, file), 'utf8')) as ShippedConfig;
}

function loadScenario(file: string): Scenario {
  const path = join(ROOT, 'scenarios', file);
  return parseScenarioText(readFileSync(path, 'utf8'), path);
}

type CommitEvent = Extract<TraceEvent, { type: 'commit' }>;

function commitsOf(events: readonly TraceEvent[]): CommitEvent[] {
  return events.filter((e): e is CommitEvent => e.type === 'commit');
}

/** Committed block id per height, per replica. */
function chains(events: readonly TraceEvent[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of commitsOf(events)) {
    const chain = out.get(c.replica) ?? [];
    chain[c.height - 1] = c.blockId;
    out.set(c.replica, chain);
  }
  return out;
}

describe('shipped executor configs', function () {
  let reports: string;
  const runs = new Map<string, ExecRun>();

  before(async () => {
    reports = mkdtempSync(join(tmpdir(), 'twins-shipped-'));
    for (const file of CONFIGS) {
      const config = readConfig(file);
      const code = await execCommand(join(CONFIG_DIR, file), { quiet: true, silent: true, reports, workers: 1 });
      const summary = JSON.parse(readFileSync(join(reports, config.name, 'summary.json'), 'utf8')) as Summary;
      runs.set(file, { config, code, summary });
    }
  });

  after(() => {
    rmSync(reports, { recursive: true, force: true });
  });

  /** The run of one config (all configs run once, in `before`). */
  function execOnce(file: string): ExecRun {
    const done = runs.get(file);
    if (done === undefined) throw new Error(`${file} was not run`);
    return done;
  }

  it('ships the harness controls and one config per catalogued bug', () => {
    expect(CONFIGS).to.include.members([
      'control_c1_twins_agree.json', 'control_c2_two_twins_break_safety.json', 'control_c3_isolated_replica.json',
      'control_c4_vote_dedup.json', 'small_quorum.json', 'vote_leader_current_round.json',
      's_a_commit_one_chain.json', 's_b_commit_no_consecutive.json', 's_c_tc_small_quorum.json',
      's_d_conflicting_votes.json', 's_f_count_messages.json',
    ]);
  });

  for (const file of CONFIGS) {
    it(`${file}: every case meets its expectation`, () => {
      const { config, code, summary } = execOnce(file);
      const bad = summary.cases.filter((c) => !c.ok).map((c) => `${c.name}: expected ${c.expect}, got ${c.verdict}`);
      expect(bad, `${file}: cases that missed their expectation`).to.deep.equal([]);
      expect(code, `${file}: exit code`).to.equal(0);
      expect(summary.ok).to.equal(true);
      expect(summary.cases.map((c) => c.name)).to.deep.equal(config.cases.map((c) => c.name));
    });
  }

  it('catches every catalogued bug with a shipped case that injects only that bug', () => {
    const catches = new Map<string, string[]>();
    for (const file of CONFIGS) {
      const { summary } = execOnce(file);
      for (const c of summary.cases) {
        if (c.bugs.length !== 1 || c.expect === 'pass' || !c.ok || c.verdict !== c.expect) continue;
        const list = catches.get(c.bugs[0]!) ?? [];
        list.push(`${file}#${c.name}`);
        catches.set(c.bugs[0]!, list);
      }
    }
    const missing = bugNamesOf('diembft').filter((b) => !catches.has(b));
    expect(missing, 'bugs no shipped case catches').to.deep.equal([]);
  });

  it('runs every scenario that a bug case runs on the correct protocol too, expecting a pass', () => {
    for (const file of CONFIGS) {
      const config = readConfig(file);
      const { summary } = execOnce(file);
      const bugFree = new Set(config.cases
        .filter((c) => (c.bugs ?? config.defaults?.bugs ?? []).length === 0 && (c.expect ?? 'pass') === 'pass')
        .map((c) => c.scenarios));
      for (const c of config.cases) {
        if ((c.bugs ?? config.defaults?.bugs ?? []).length === 0) continue;
        expect(bugFree.has(c.scenarios), `${file}#${c.name}: no bug-free pass case on ${c.scenarios}`).to.equal(true);
      }
      for (const c of summary.cases) {
        if (c.bugs.length === 0 && c.expect === 'pass') expect(c.verdict, `${file}#${c.name}`).to.equal('pass');
      }
    }
  });

  it('scenario paths of the configs name files under scenarios/', () => {
    for (const file of CONFIGS) {
      for (const c of readConfig(file).cases) {
        if (c.scenarios === undefined) continue;
        expect(dirname(resolve(CONFIG_DIR, c.scenarios)), `${file}#${c.name}`).to.equal(join(ROOT, 'scenarios'));
      }
    }
  });
});

describe('harness control claims (diembft-v4 §17.0)', () => {
  it('C1: both twins commit the same chain as the honest replicas', () => {
    const result = runScenario(loadScenario('control_c1_twins_agree.json'), {}, { trace: true });
    expect(result.verdict).to.equal('pass');
    const byReplica = chains(result.trace!);
    const twin = byReplica.get('a') ?? [];
    const twin2 = byReplica.get("a'") ?? [];
    expect(twin.length, 'height committed by a').to.be.at.least(3);
    expect(twin2.length, "height committed by a'").to.be.at.least(3);
    const common = Math.min(twin.length, twin2.length);
    expect(twin2.slice(0, common)).to.deep.equal(twin.slice(0, common));
    for (const honest of ['b', 'c', 'd']) {
      const chain = byReplica.get(honest) ?? [];
      const n = Math.min(chain.length, twin.length);
      expect(n, `height committed by ${honest}`).to.be.at.least(3);
      expect(chain.slice(0, n), `${honest} against a`).to.deep.equal(twin.slice(0, n));
    }
  });

  it('C3: the isolated replica c commits nothing while cut off; a, b and d commit', () => {
    const scenario = loadScenario('control_c3_isolated_replica.json');
    const scripted = scenario.rounds.length;
    const result = runScenario(scenario, {}, { trace: true });
    expect(result.verdict).to.equal('pass');
    const events = result.trace!;
    // The partition holds until some honest replica enters a round after the scripted ones; from
    // then on messages carry unpartitioned round tags and reach c.
    const end = events.findIndex((e) => e.type === 'enter-round' && e.round > scripted);
    expect(end, 'some replica leaves the scripted rounds').to.be.greaterThan(0);
    const during = chains(events.slice(0, end));
    expect(during.get('c') ?? [], 'c commits while cut off').to.deep.equal([]);
    for (const r of ['a', 'b', 'd']) {
      expect((during.get(r) ?? []).length, `height committed by ${r} while c is cut off`).to.be.at.least(3);
    }
    const final = chains(events);
    expect((final.get('c') ?? []).length, 'c catches up after the partition').to.be.at.least(1);
  });

  it('C4: no one commits or leaves round 1 before heal (two replicas of one identity are one vote)', () => {
    const result = runScenario(loadScenario('control_c4_vote_dedup.json'), {}, { trace: true });
    expect(result.verdict).to.equal('pass');
    const events = result.trace!;
    const heal = events.findIndex((e) => e.type === 'heal');
    expect(heal, 'the network heals').to.be.greaterThan(0);
    const before = events.slice(0, heal);
    expect(commitsOf(before).map((c) => `${c.replica}@${c.height}`), 'commits before heal').to.deep.equal([]);
    const formed = before.filter((e) => e.type === 'qc' || e.type === 'tc');
    expect(formed.map((e) => `${e.type} ${e.tick}`), 'certificates before heal').to.deep.equal([]);
    const entered = before.filter((e) => e.type === 'enter-round' && e.round > 1);
    expect(entered.length, 'round entries after round 1 before heal').to.equal(0);
    expect(result.height, 'height after the GST tail').to.be.at.least(3);
  });

  it('C4 with count_messages_not_signers: the twins\' identical votes form a QC of two identities', () => {
    const result = runScenario(loadScenario('control_c4_vote_dedup.json'), { bugs: ['count_messages_not_signers'] });
    expect(result.verdict).to.equal('safety-violation');
    expect(result.violations.map((v) => v.oracle)).to.include('safety.certificate-quorum');
  });
});
