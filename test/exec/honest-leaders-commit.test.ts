// liveness.honest-leaders-commit (paper, Property 4; docs/oracles.md): which GST rounds it judges.
// The oracle is fed observations directly, so each case states exactly which replica entered which
// round when.
//
// Setup:  n = 4, twin a/a', honest b, c, d; 7 scripted rounds, a 7-round GST tail (rounds 8-14, led
//         by b, c, d in turn); heal at tick 100. The tail completes, and no block of the tail is
//         ever committed.
// Expect: a round is judged only when every honest replica entered it after heal and, if the round
//         before it is scripted, entered that one after heal too.
import { expect } from 'chai';
import type { Observation } from '../../src/protocols/diembft/protocol.js';
import { honestLeadersCommit } from '../../src/protocols/diembft/oracles/honest-leaders-commit.js';
import type { OracleInstance, ReplicaInfo, RunState } from '../../src/exec/oracles/index.js';
import type { Violation } from '../../src/exec/report-types.js';

const HEAL = 100;
const SCRIPTED = 7;
const REPLICAS: ReplicaInfo[] = [
  { index: 0, name: 'a', identity: 0, identityName: 'a', honest: false },
  { index: 1, name: "a'", identity: 0, identityName: 'a', honest: false },
  { index: 2, name: 'b', identity: 1, identityName: 'b', honest: true },
  { index: 3, name: 'c', identity: 2, identityName: 'c', honest: true },
  { index: 4, name: 'd', identity: 3, identityName: 'd', honest: true },
];
const HONEST = REPLICAS.filter((r) => r.honest);

class Run {
  readonly violations: Omit<Violation, 'kind'>[] = [];
  private readonly state: RunState = {
    healTick: null, scriptedRounds: SCRIPTED, gstRounds: 7, leaderOf: (r) => (r <= SCRIPTED ? 0 : 1 + ((r - 8) % 3)),
  };
  private readonly oracle: OracleInstance<Observation> = honestLeadersCommit.create({
    replicas: REPLICAS, n: 4, f: 1, quorum: 3, partitionOf: () => null,
    crypto: 'mock', chainSeed: '1', run: this.state, livenessTicks: 264, report: (v) => this.violations.push(v),
  });

  /** Every honest replica enters `round` at `tick`; the heal happens first when `tick >= HEAL`. */
  enter(round: number, tick: number): this {
    if (tick >= HEAL) this.state.healTick = HEAL;
    for (const r of HONEST) this.observe(tick, r, { type: 'enter-round', round, via: 'tc' });
    const leader = HONEST.find((r) => r.identity === this.state.leaderOf(round));
    if (leader !== undefined) {
      this.observe(tick, leader, { type: 'propose', round, blockId: `block-${round}`, parentId: 'p', qcRound: 0, tcRound: round - 1, highCommitQcRound: null });
    }
    return this;
  }

  /** Every honest replica commits the block proposed in `round`. */
  commit(round: number): this {
    for (const r of HONEST) {
      this.observe(200, r, { type: 'commit', height: round, blockId: `block-${round}`, round, stateId: 's', author: 1,
        parentId: 'p' });
    }
    return this;
  }

  finish(): string[] {
    this.oracle.finish?.({ tick: 300, tailCompleted: true, endReason: 'stopped' });
    return this.violations.map((v) => `${v.oracle} r${v.round}`);
  }

  private observe(tick: number, replica: ReplicaInfo, obs: Observation): void {
    this.oracle.observe?.(tick, replica, obs);
  }
}

/** Rounds 9-15 entered one per tick from `from` on. */
function tail(run: Run, from: number): Run {
  for (let r = 9; r <= 15; r++) run.enter(r, from + r);
  return run;
}

describe('oracle liveness.honest-leaders-commit: rounds that start after GST', () => {
  it('judges the first GST round when every honest replica entered it and the scripted round before it after heal', () => {
    const run = tail(new Run().enter(7, 101).enter(8, 102), 110);
    expect(run.finish()).to.deep.equal(['liveness.honest-leaders-commit r8']);
  });

  it('skips the first GST round when the last scripted round was entered before heal, and judges the next', () => {
    const run = tail(new Run().enter(7, 60).enter(8, 120), 130);
    expect(run.finish()).to.deep.equal(['liveness.honest-leaders-commit r9']);
  });

  it('skips a round some honest replica entered before heal', () => {
    const run = new Run().enter(7, 40).enter(8, 60).enter(9, 80);
    expect(tail(run, 110).finish()).to.deep.equal(['liveness.honest-leaders-commit r10']);
  });

  it('reports nothing when every judged round\'s block is committed', () => {
    const run = tail(new Run().enter(7, 60).enter(8, 120), 130);
    for (let r = 8; r <= 15; r++) run.commit(r);
    expect(run.finish()).to.deep.equal([]);
  });
});
