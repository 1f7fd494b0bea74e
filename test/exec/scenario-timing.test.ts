// A scenario's own timing and process faults (docs/file-formats.md): `delays` and `roundTimeoutTicks`
// replace the run options' delayTicks and roundTimeoutTicks, and `crashes` crash a replica when it
// enters a round and restart it from its store at a later round or at the heal. A scenario without
// these fields runs under the run options alone, as it always did.
import { expect } from 'chai';
import { runScenario, type RunResult } from '../../src/exec/run-scenario.js';
import { linkSeed, withScenarioTiming } from '../../src/exec/scenario-timing.js';
import { DEFAULT_RUN_OPTIONS } from '../../src/scenario/run-options.js';
import type { RoundSpec, Scenario } from '../../src/scenario/types.js';
import type { TraceEvent } from '../../src/exec/report-types.js';

const whole = (leader: string): RoundSpec => ({ leader, partitions: [['a', "a'", 'b', 'c', 'd']] });
/** Four rounds on a whole network with honest leaders, then a GST tail. */
const base: Scenario = {
  schemaVersion: 1, nodes: ['a', 'b', 'c', 'd'], twins: ['a'], rounds: ['b', 'c', 'd', 'b'].map(whole), gst: { rounds: 7 },
};
/** Round 1 led by the twin with no quorum in either group: it can only time out. */
const stuck: Scenario = { ...base, rounds: [{ leader: 'a', partitions: [['a', "a'", 'b'], ['c', 'd']] }] };

const traced = (s: Scenario, opts = {}): RunResult => runScenario(s, opts, { trace: true });
const events = (r: RunResult, type: string): (TraceEvent & Record<string, unknown>)[] =>
  (r.trace ?? []).filter((e) => e.type === type) as (TraceEvent & Record<string, unknown>)[];

describe('scenario timing: fields absent', () => {
  it('leaves the run options and the link seed as they are', () => {
    expect(withScenarioTiming(DEFAULT_RUN_OPTIONS, base)).to.equal(DEFAULT_RUN_OPTIONS);
    expect(linkSeed('7', base)).to.equal('7');
  });
});

describe('scenario timing: delays', () => {
  it('fixed delays run as the same delayTicks given as a run option', () => {
    const asField = runScenario({ ...base, delays: { min: 3, max: 3 } });
    const asOption = runScenario(base, { delayTicks: 3 });
    expect(asField.traceHash).to.equal(asOption.traceHash);
    expect(asField.traceHash).to.not.equal(runScenario(base).traceHash);
  });

  it('overrides the run options\' delayTicks', () => {
    expect(runScenario({ ...base, delays: { min: 3, max: 3 } }, { delayTicks: 1 }).traceHash)
      .to.equal(runScenario(base, { delayTicks: 3 }).traceHash);
  });

  it('draws each delay from min..max, the same for the same seed, differently for another', () => {
    const s = { ...base, delays: { min: 1, max: 5, seed: 1 } };
    const r = traced(s);
    expect(r.verdict).to.equal('pass');
    // b proposes round 1 at tick 0, so each delivery tick of that proposal is its delay.
    const ticks = events(r, 'deliver').filter((e) => e.kind === 'proposal' && e.round === 1 && e.from === 'b' && e.to !== 'b')
      .map((e) => e.tick);
    expect(ticks).to.have.length(4);
    for (const t of ticks) expect(t).to.be.within(1, 5);
    expect(new Set(ticks).size).to.be.greaterThan(1);
    expect(runScenario(s).traceHash).to.equal(r.traceHash);
    expect(runScenario({ ...s, delays: { min: 1, max: 5, seed: 2 } }).traceHash).to.not.equal(r.traceHash);
  });
});

describe('scenario timing: roundTimeoutTicks', () => {
  it('fires the first round timer after the scenario\'s timeout and runs as the same run option', () => {
    const r = traced({ ...stuck, roundTimeoutTicks: 33 });
    expect(events(r, 'timer')[0]).to.include({ tick: 33, round: 1 });
    expect(r.traceHash).to.equal(runScenario(stuck, { roundTimeoutTicks: 33 }).traceHash);
    expect(events(traced(stuck), 'timer')[0]).to.include({ tick: 20, round: 1 });
  });
});

describe('scenario crashes', () => {
  it('crashes b when it enters round 2 and restarts it when another honest replica enters round 4', () => {
    const r = traced({ ...base, crashes: [{ replica: 'b', round: 2, restartRound: 4 }] });
    expect(r.verdict).to.equal('pass');
    const crash = events(r, 'crash');
    const restart = events(r, 'restart');
    expect(crash.map((e) => e.replica)).to.deep.equal(['b']);
    expect(restart.map((e) => e.replica)).to.deep.equal(['b']);
    const entered = (who: string, round: number): number =>
      events(r, 'enter-round').find((e) => e.replica === who && e.round === round)!.tick;
    expect(crash[0]!.tick).to.equal(entered('b', 2));
    const fourth = events(r, 'enter-round').filter((e) => e.replica !== 'b' && e.round === 4 && !String(e.replica).startsWith('a'));
    expect(restart[0]!.tick).to.equal(fourth[0]!.tick);
    // While down, b receives nothing: its messages are dropped as `crashed`.
    const down = events(r, 'drop').filter((e) => e.reason === 'crashed');
    expect(down.length).to.be.greaterThan(0);
    for (const e of down) expect(e.tick).to.be.within(crash[0]!.tick, restart[0]!.tick);
    expect(events(r, 'deliver').some((e) => e.to === 'b' && e.tick > crash[0]!.tick && e.tick < restart[0]!.tick)).to.equal(false);
  });

  it('without restartRound, restarts at the heal; the crashed replica holds no phase back', () => {
    const r = traced({ ...base, crashes: [{ replica: 'c', round: 1 }] });
    expect(r.verdict).to.equal('pass');
    expect(events(r, 'crash')[0]).to.include({ tick: 0, replica: 'c' });
    expect(events(r, 'restart')[0]).to.include({ tick: r.healTick!, replica: 'c' });
    // The heal comes when the replicas that are up leave the scripted rounds, well before the heal
    // deadline of (4 + 1) x 24 = 120 ticks that waiting for c would hit.
    expect(r.healTick).to.be.lessThan(120);
    expect(events(r, 'enter-round').some((e) => e.replica === 'b' && e.round === 5 && e.tick <= r.healTick!)).to.equal(true);
  });

  it('never crashes after the heal: a crash round the scripted phase does not reach is no crash', () => {
    const r = traced({ ...base, crashes: [{ replica: 'b', round: 8 }] });
    expect(events(r, 'crash')).to.deep.equal([]);
    expect(r.traceHash).to.equal(runScenario(base).traceHash);
  });

  it('is deterministic', () => {
    const s = { ...base, delays: { min: 1, max: 4, seed: 9 }, roundTimeoutTicks: 25, crashes: [{ replica: 'd', round: 2, restartRound: 3 }] };
    expect(runScenario(s).traceHash).to.equal(runScenario(s).traceHash);
  });
});
