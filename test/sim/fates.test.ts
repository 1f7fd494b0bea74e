// Message fates (DESIGN §3, src/kernel/fate.ts): the world asks its fault policy for the fate of every
// message between two replicas and carries it out.
//
// Setup:  n = 4 honest DiemBFT replicas, round-robin leaders, link delay 1, each run to height 10 (or
//         until the budget ends), under one hand-written policy per case.
// Expect: delays, duplicates and replacements are carried out as asked; drops reach the observer with
//         the policy's reason; composed policies let the first deciding policy decide; and none of it
//         breaks agreement.
import { expect } from 'chai';
import type { Envelope } from '../../src/kernel/envelope.js';
import { composePolicies, DELIVER, dropFate, type Fate, type FaultPolicy } from '../../src/kernel/fate.js';
import type { DiemMessage } from '../../src/protocols/diembft/types.js';
import { protocolNamed } from '../../src/protocols/registry.js';
import { honestWorld } from './honest-world.js';

const diembft = protocolNamed('diembft');
const VOTE = diembft.kinds.indexOf('vote');
const PROPOSAL = diembft.kinds.indexOf('proposal');

const policy = (fate: (env: Envelope<unknown>) => Fate<unknown>): FaultPolicy => ({ fate });

function expectAgreement(chains: string[][], height: number): void {
  for (const c of chains) expect(c.length).to.be.at.least(height);
  for (const c of chains) expect(c.slice(0, height)).to.deep.equal(chains[0]!.slice(0, height));
}

describe('sim fates: the fault policy decides each message', () => {
  it('delivers after the delay a fate asks for instead of the link delay', () => {
    const slow = honestWorld(4, { faults: policy(() => ({ kind: 'deliver', delayTicks: 7 })) });
    expect(slow.run(10).reason).to.equal('stopped');
    const across = slow.delivered.filter((d) => d.from !== d.to);
    expect(across.length).to.be.greaterThan(0);
    const fast = honestWorld(4);
    fast.run(10);
    expect(slow.world.now).to.be.greaterThan(fast.world.now * 3);
    expectAgreement(slow.chains, 10);
  });

  it('delivers a duplicated vote twice, and the replicas still agree', () => {
    const dup = honestWorld(4, { faults: policy((env) => (env.kind === VOTE
      ? { kind: 'duplicate', delaysTicks: [null, 3] } : DELIVER)) });
    const end = dup.run(10);
    expect(end.reason).to.equal('stopped');
    const votes = dup.delivered.filter((d) => d.from !== d.to && (d.msg as DiemMessage).kind === 'vote');
    const copies = new Map<string, number[]>();
    for (const d of votes) {
      const key = `${d.from}>${d.to}:${(d.msg as DiemMessage & { kind: 'vote' }).voteInfo.round}`;
      copies.set(key, [...(copies.get(key) ?? []), d.tick]);
    }
    // The second copy comes 2 ticks after the first (link delay 1, then 3); the run may stop between them.
    for (const [key, ticks] of copies) {
      expect(ticks.length, key).to.equal(ticks[0]! + 2 <= end.tick ? 2 : 1);
      if (ticks.length === 2) expect(ticks[1]! - ticks[0]!, key).to.equal(2);
    }
    expectAgreement(dup.chains, 10);
  });

  it('hands the receiver the replacement message, not the one sent', () => {
    let replaced = 0;
    let previous: DiemMessage | null = null;
    // Every proposal to replica 3 is replaced by the previous proposal it was sent (a stale replay).
    const w = honestWorld(4, { budgetEvents: 20_000, faults: policy((env) => {
      if (env.kind !== PROPOSAL || env.to !== 3) return DELIVER;
      const stale = previous;
      previous = env.message as DiemMessage;
      if (stale === null) return DELIVER;
      replaced++;
      return { kind: 'replace', message: stale, delayTicks: null };
    }) });
    w.run(10);
    expect(replaced).to.be.greaterThan(0);
    const toThree = w.delivered.filter((d) => d.to === 3 && d.from !== 3 && (d.msg as DiemMessage).kind === 'proposal');
    const rounds = toThree.map((d) => (d.msg as DiemMessage & { kind: 'proposal' }).block.round);
    expect(rounds.some((r, i) => i > 0 && r <= rounds[i - 1]!)).to.equal(true);
    expect(w.alarms).to.deep.equal([]);
  });

  it('reports each drop to the observer with the policy\'s reason', () => {
    const LOSS = dropFate('test-loss');
    const w = honestWorld(4, { faults: policy((env) => (env.from === 0 && env.to === 1 ? LOSS : DELIVER)) });
    expect(w.run(10).reason).to.equal('stopped');
    expect(w.drops.length).to.be.greaterThan(0);
    for (const d of w.drops) expect(d).to.deep.equal({ from: 0, to: 1, reason: 'test-loss' });
    expectAgreement(w.chains, 10);
  });

  it('composes policies: the first that decides anything but plain delivery decides', () => {
    const env: Envelope<unknown> = { from: 0, to: 1, message: null, kind: VOTE, tag: 1 };
    const a = policy((e) => (e.kind === VOTE ? dropFate('a') : DELIVER));
    const b = policy(() => dropFate('b'));
    const slow = policy(() => ({ kind: 'deliver', delayTicks: 5 }));
    expect(composePolicies(a, b).fate(env, 0)).to.deep.equal({ kind: 'drop', reason: 'a' });
    expect(composePolicies(b, a).fate(env, 0)).to.deep.equal({ kind: 'drop', reason: 'b' });
    expect(composePolicies(slow, b).fate(env, 0)).to.deep.equal({ kind: 'deliver', delayTicks: 5 });
    expect(composePolicies(a, b).fate({ ...env, kind: PROPOSAL }, 0)).to.deep.equal({ kind: 'drop', reason: 'b' });
    expect(composePolicies(policy(() => DELIVER), policy(() => DELIVER)).fate(env, 0)).to.equal(DELIVER);
  });

  it('gives the same trace hash for the same policy and seed', () => {
    const make = (): FaultPolicy => policy((env) => (env.kind === VOTE && env.tag % 3 === 0
      ? { kind: 'duplicate', delaysTicks: [2, 5] } : DELIVER));
    const one = honestWorld(4, { faults: make(), delay: { min: 1, max: 4 } });
    const two = honestWorld(4, { faults: make(), delay: { min: 1, max: 4 } });
    expect(one.run(10).traceHash).to.equal(two.run(10).traceHash);
  });
});
