// Foundation: honest runs commit, agree and replay bit for bit; crashed or partitioned replicas
// catch up through sync; bad simulator configuration fails early with a typed error.
import { expect } from 'chai';
import { protocolNamed } from '../../src/protocols/registry.js';
import { SimConfigError } from '../../src/sim/errors.js';
import { TwinsPolicy, type RoundRules } from '../../src/sim/twins-policy.js';
import { honestWorld } from './honest-world.js';
import { compileScenario } from '../../src/exec/twins-setup.js';

function expectAgreement(chains: string[][], minHeight: number): void {
  const shortest = Math.min(...chains.map((c) => c.length));
  expect(shortest).to.be.at.least(minHeight);
  for (const c of chains) expect(c.slice(0, shortest)).to.deep.equal(chains[0]!.slice(0, shortest));
}

describe('foundation: honest runs', () => {
  for (const n of [4, 7, 10]) {
    for (const crypto of ['mock', 'ed25519'] as const) {
      it(`n = ${n} with ${crypto} crypto commits 100 blocks with identical chains everywhere`, function () {
        if (crypto === 'ed25519') this.timeout(300_000);
        const w = honestWorld(n, { crypto });
        const end = w.run(100);
        expect(end.reason).to.equal('stopped');
        expect(w.alarms).to.deep.equal([]);
        expectAgreement(w.chains, 100);
      });
    }
  }

  it('agrees under seeded random link delays of 1..5 ticks', () => {
    const w = honestWorld(4, { delay: { min: 1, max: 5 }, seed: 'jitter' });
    expect(w.run(100).reason).to.equal('stopped');
    expectAgreement(w.chains, 100);
  });
});

describe('foundation: determinism', () => {
  it('gives the same trace hash for the same seed, twice', () => {
    const a = honestWorld(4, { delay: { min: 1, max: 4 }, seed: 's1' }).run(30);
    const b = honestWorld(4, { delay: { min: 1, max: 4 }, seed: 's1' }).run(30);
    expect(a.traceHash).to.equal(b.traceHash);
    expect(a.events).to.equal(b.events);
  });

  it('gives a different hash for a different seed when delays are random', () => {
    const a = honestWorld(4, { delay: { min: 1, max: 4 }, seed: 's1' }).run(30);
    const b = honestWorld(4, { delay: { min: 1, max: 4 }, seed: 's2' }).run(30);
    expect(a.traceHash).to.not.equal(b.traceHash);
  });

  // Golden hashes pin the whole behaviour of the replica and the simulator. A change here means the
  // protocol's observable behaviour changed: check why before updating them.
  const golden: [number, string, string][] = [[4, "g1", "6723c48f335212a0"], [7, "g2", "27032892a6e22c4e"]];
  for (const [n, seed, hash] of golden) {
    it(`pins the trace hash of an honest n = ${n} run with seed ${seed}`, () => {
      expect(honestWorld(n, { seed, delay: { min: 1, max: 3 } }).run(20).traceHash).to.equal(hash);
    });
  }
});

describe('foundation: crash and restart', () => {
  it('a crashed and restarted replica catches up through sync and commits again', () => {
    const w = honestWorld(4);
    w.world.schedule(40, () => w.world.crash(3));
    w.world.schedule(200, () => w.world.restart(3));
    const end = w.run(60);
    expect(end.reason).to.equal('stopped');
    expect(w.alarms).to.deep.equal([]);
    expectAgreement(w.chains, 60);
  });
});

describe('foundation: partition and heal', () => {
  it('a replica partitioned away for rounds 3-8 catches up and commits after heal', () => {
    const cut: RoundRules = {
      groupOf: [0, 1, 2, 3].map(() => Int32Array.from([0, 0, 0, 1])),
      drops: [],
    };
    const whole: RoundRules = { groupOf: [0, 1, 2, 3].map(() => new Int32Array(4)), drops: [] };
    const rounds = [whole, whole, cut, cut, cut, cut, cut, cut];
    const schedule = new TwinsPolicy(4, 4, rounds);
    const w = honestWorld(4, { faults: schedule });
    let isolatedHeightAtHeal = -1;
    w.world.schedule(150, () => { isolatedHeightAtHeal = w.chains[3]!.length; schedule.heal(); });
    const end = w.run(40);
    expect(end.reason).to.equal('stopped');
    expect(isolatedHeightAtHeal).to.be.lessThan(w.chains[0]!.length);
    expectAgreement(w.chains, 40);
  });
});

describe('foundation: bad simulator configuration', () => {
  it('rejects n < 1 with a typed error', () => {
    expect(() => honestWorld(0)).to.throw(SimConfigError, /n: must be an integer >= 1/);
  });
  it('rejects an unknown bug name with a typed error naming the known ones', () => {
    expect(() => honestWorld(4, { bugs: ['no_such_bug'] })).to.throw(SimConfigError, /unknown bug 'no_such_bug'; known: .*conflicting_votes/);
  });
  it('rejects an unknown replica in a partition with a typed error naming it', () => {
    const scenario = { schemaVersion: 1 as const, nodes: ['a', 'b', 'c', 'd'], twins: [],
      rounds: [{ leader: 'a', partitions: [['a', 'b'], ['c', 'x']] }] };
    expect(() => compileScenario(scenario, protocolNamed('diembft'))).to.throw(SimConfigError, /unknown replica 'x'/);
  });
  it('rejects a partition table that does not match the replicas', () => {
    expect(() => new TwinsPolicy(4, 4, [{ groupOf: [new Int32Array(3)], drops: [] }])).to.throw(Error);
  });
});
