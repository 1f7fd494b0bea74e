// Every DiemBFT oracle stays silent on honest runs the Twins scenarios do not cover: link delays of
// 1 to 6 ticks against a 20-tick round timer (so some rounds time out), a replica crashed and
// restarted from its Store (its round resumes from the persisted one), and a replica cut off and
// healed. A false positive here is an oracle bug.
import { expect } from 'chai';
import type { Envelope } from '../../../../src/kernel/envelope.js';
import { DELIVER, dropFate, NO_FAULTS, type FaultPolicy } from '../../../../src/kernel/fate.js';
import type { CommitObservation } from '../../../../src/kernel/observation.js';
import type { OracleInstance, ReplicaInfo, Violation } from '../../../../src/kernel/oracle.js';
import { diembft } from '../../../../src/protocols/diembft/module.js';
import { DIEM_ORACLES } from '../../../../src/protocols/diembft/oracles/index.js';
import type { Observation } from '../../../../src/protocols/diembft/protocol.js';
import type { DiemMessage } from '../../../../src/protocols/diembft/types.js';
import { noopService } from '../../../../src/services/noop/noop-service.js';
import { World } from '../../../../src/sim/world.js';

const N = 4;
const SAFETY = DIEM_ORACLES.filter((o) => o.kind === 'safety');
/** Round-robin, two rounds per leader; the harness dictates it, as a Twins run does. */
const leaderOf = (round: number): number => Math.floor(round / 2) % N;

function run(seed: string, faults: FaultPolicy<DiemMessage>, delay: { min: number; max: number },
  setup: (world: World<DiemMessage>) => void, bugs: readonly string[] = []): { reason: string; violations: string[]; timeouts: number; resumedRounds: number[] } {
  const replicas: ReplicaInfo[] = Array.from({ length: N }, (_, i) =>
    ({ index: i, name: `r${i}`, identity: i, identityName: `r${i}`, honest: true }));
  const found: Omit<Violation, 'kind'>[] = [];
  const oracles: OracleInstance<Observation>[] = SAFETY.map((o) => o.create({
    replicas, n: N, f: 1, quorum: 3, crypto: 'mock', chainSeed: seed, livenessTicks: 1000, partitionOf: () => null,
    run: { healTick: null, scriptedRounds: 0, gstRounds: 0, leaderOf }, report: (v) => found.push(v),
  }));
  const heights = new Array<number>(N).fill(0);
  let timeouts = 0;
  const resumedRounds: number[] = [];
  const world = new World<DiemMessage>({
    protocol: diembft, n: N, seed, delayTicks: delay, faults, budget: { events: 5_000_000, ticks: 5_000_000 },
    replicas: replicas.map((r) => ({ name: r.name, identity: r.identity, marker: r.name })),
    replicaContext: { bugs, crypto: 'mock', roundTimeoutTicks: 20, leaderOverride: leaderOf, chainSeed: seed,
      service: noopService, options: diembft.options.defaults },
    observer: { observe(tick, i, obs) {
      const o = obs as Observation;
      if (o.type === 'commit') heights[i] = (o as CommitObservation).height;
      if (o.type === 'timeout') timeouts++;
      if (o.type === 'enter-round' && o.via === 'start' && o.round > 1) resumedRounds.push(o.round);
      for (const [k, oracle] of oracles.entries()) {
        if (SAFETY[k]!.observes.includes(o.type)) oracle.observe?.(tick, replicas[i]!, o);
      }
    } },
  });
  setup(world);
  const { reason } = world.run(() => heights.every((h) => h >= 40) || found.length > 0);
  return { reason, violations: found.map((v) => `${v.oracle}: ${v.detail}`), timeouts, resumedRounds };
}

describe('DiemBFT oracles on honest runs beyond the Twins scenarios', () => {
  for (const seed of ['d1', 'd2', 'd3']) {
    it(`stay silent with link delays of 1 to 6 ticks (seed ${seed})`, () => {
      const r = run(seed, NO_FAULTS, { min: 1, max: 6 }, () => undefined);
      expect(r.violations).to.deep.equal([]);
      expect(r.reason, 'every replica reached height 40').to.equal('stopped');
    });
  }

  it('stay silent when a replica crashes and restarts from its Store', () => {
    const r = run('crash', NO_FAULTS, { min: 1, max: 3 }, (w) => {
      w.schedule(50, () => w.crash(3));
      w.schedule(200, () => w.restart(3));
    });
    expect(r.timeouts, 'rounds led by the crashed replica time out').to.be.greaterThan(0);
    expect(r.resumedRounds, 'the restarted replica resumes a later round').to.have.length(1);
    expect(r.violations).to.deep.equal([]);
    expect(r.reason, 'every replica reached height 40').to.equal('stopped');
  });

  it('stay silent when a replica is cut off and healed', () => {
    let healed = false;
    const cut = dropFate('partition');
    const faults: FaultPolicy<DiemMessage> = { fate: (env: Envelope<DiemMessage>) =>
      (!healed && (env.from === 2 || env.to === 2) ? cut : DELIVER) };
    const r = run('cut', faults, { min: 1, max: 2 }, (w) => w.schedule(300, () => { healed = true; }));
    expect(r.timeouts).to.be.greaterThan(0);
    expect(r.violations).to.deep.equal([]);
    expect(r.reason, 'every replica reached height 40').to.equal('stopped');
  });

  it('speak up on the same runs of a crash when the commit rule skips its consecutive-rounds check', () => {
    const r = run('crash', NO_FAULTS, { min: 1, max: 3 }, (w) => {
      w.schedule(50, () => w.crash(3));
      w.schedule(200, () => w.restart(3));
    }, ['commit_no_consecutive']);
    expect(r.violations.map((v) => v.split(':')[0])).to.include('safety.commit-info');
  });
});
