// Permanent crashes (docs/file-formats.md, `crashes[i].permanent`): a replica that crashes for good
// never restarts, is not expected to commit after the heal, and leaves the GST tail's leader rotation;
// liveness judges the other honest replicas while they still form a quorum, and nothing when they
// do not. The fuzz search draws a permanent crash only where a quorum remains.
//
// Setup:  scenarios/fault_base.json (n = 4, no twins, four scripted rounds and a 7-round GST tail)
//         with d, or c and d, crashed for good in round 2; default options.
// Expect: with d down for good the correct protocol passes and d commits nothing after its crash
//         while the others commit; vote_leader_current_round still breaks liveness, named for a, b
//         and c only; with c and d down for good no liveness oracle runs; the search over all_random
//         (one twin: no quorum would remain) never draws a permanent crash, and over a twin-free space
//         it draws valid ones without a restart round.
import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../../src/exec/run-scenario.js';
import { strategyScenarios } from '../../src/gen/strategies.js';
import type { Scenario } from '../../src/scenario/types.js';
import { parseScenarioText } from '../../src/scenario/validate.js';
import { shippedConfig } from '../fuzz/kit.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const base = parseScenarioText(readFileSync(`${ROOT}scenarios/fault_base.json`, 'utf8'), 'fault_base.json');
const downForGood = (...replicas: string[]): Scenario =>
  ({ ...base, crashes: replicas.map((replica) => ({ replica, round: 2, permanent: true })) });

describe('permanent crashes', () => {
  it('a replica crashed for good commits nothing more, and the correct protocol passes without it', () => {
    const r = runScenario(downForGood('d'), {}, { ledgers: true });
    expect(r.verdict, JSON.stringify(r.violations[0])).to.equal('pass');
    const height = (name: string): number => r.ledgers!.find((l) => l.replica === name)!.entries.length;
    expect(height('d')).to.be.at.most(1);
    for (const name of ['a', 'b', 'c']) expect(height(name)).to.be.greaterThan(5);
    const restarted = runScenario({ ...base, crashes: [{ replica: 'd', round: 2 }] }, {}, { ledgers: true });
    expect(restarted.ledgers!.find((l) => l.replica === 'd')!.entries.length, 'd restarts at the heal').to.be.greaterThan(5);
  });

  it('liveness still judges the others while they form a quorum', () => {
    const r = runScenario(downForGood('d'), { bugs: ['vote_leader_current_round'] });
    const commit = r.violations.find((v) => v.oracle === 'liveness.commit-after-gst');
    expect(commit, JSON.stringify(r.violations)).to.not.equal(undefined);
    expect(commit!.replicas).to.have.members(['a', 'b', 'c']);
  });

  it('with no quorum left, no liveness oracle runs', () => {
    const r = runScenario(downForGood('c', 'd'), { bugs: ['vote_leader_current_round'] });
    expect(r.violations.filter((v) => v.kind === 'liveness')).to.deep.equal([]);
    expect(runScenario(downForGood('c', 'd'), { bugs: ['small_quorum'] }).verdict).to.equal('safety-violation');
  });

  it('the search draws permanent crashes only where a quorum of honest identities would remain', () => {
    const permanent = (s: Scenario): boolean => (s.crashes ?? []).some((c) => c.permanent === true);
    const drawn = (input: Parameters<typeof strategyScenarios>[0]): Scenario[] =>
      fc.sample(strategyScenarios(input), { numRuns: 400, seed: 11 });
    expect(drawn(shippedConfig('all_random')).some(permanent)).to.equal(false);
    const free = { ...shippedConfig('all_random'), twins: 0, leaders: 'all' as const };
    const some = drawn(free).filter(permanent);
    expect(some.length).to.be.greaterThan(0);
    for (const s of some) {
      const c = s.crashes![0]!;
      expect(c.restartRound).to.equal(undefined);
      parseScenarioText(JSON.stringify(s), 'drawn.json');
    }
  });
});
