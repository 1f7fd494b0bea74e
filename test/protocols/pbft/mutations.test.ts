// PBFT's Byzantine mutations and SetAttr attributes (src/protocols/pbft/mutations.ts, attributes.ts;
// docs/file-formats.md "Failure rules").
//
// Setup:  hand-made PBFT messages signed with the fixture's mock keys (n = 4, primary of view v is
//         v mod 4); for runs, n = 4 PBFT identities a, b, c, d with wallet clients, one of them
//         Byzantine (f = 1), and the shipped scenarios scenarios/pbft_fault_*.json.
// Expect: each mutation changes only what it names and the sender's key re-signs it, so the
//         protocol's own checks decide (a sequence number moved with its batch passes them; a view
//         moved does not, its primary differs); a mutation that does not apply gives null; the
//         attributes set the replica's durable state; in runs the mutations reach the honest
//         replicas, the correct PBFT passes under every mutation, and the same seed and scenario give
//         the same trace hash with rules and attribute sets active.
import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../../../src/exec/run-scenario.js';
import type { MutationContext } from '../../../src/kernel/mutation.js';
import { validPrePrepare, validVote } from '../../../src/protocols/pbft/checks.js';
import { batchDigest, checkpointDigest, prePrepareDigest, viewChangeDigest } from '../../../src/protocols/pbft/digests.js';
import { PBFT_ATTRIBUTES, pbftAttributes } from '../../../src/protocols/pbft/attributes.js';
import { PBFT_MUTATIONS, pbftMutations } from '../../../src/protocols/pbft/mutations.js';
import type { PbftMessage, PrePrepare, ViewChange, Vote } from '../../../src/protocols/pbft/types.js';
import { protocolNamed } from '../../../src/protocols/registry.js';
import type { FailureRule, Scenario } from '../../../src/scenario/types.js';
import { parseScenarioText } from '../../../src/scenario/validate.js';
import { batch, cert, checkpoint, crypto, prePrepare, replica, viewChange, vote } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const TXN = { client: 'c1', seq: 1, op: 'deposit 1 5' };
const TXN2 = { client: 'c2', seq: 1, op: 'deposit 2 5' };

function ctx(sender: number, earlier: PbftMessage[] = []): MutationContext<PbftMessage> {
  return { crypto, sender, earlier };
}

function mutate(name: string, msg: PbftMessage, sender: number, earlier: PbftMessage[] = []): PbftMessage | null {
  return pbftMutations.mutate(name, msg, ctx(sender, earlier));
}

describe('PBFT mutations (small scope)', () => {
  const pp = prePrepare(0, batch(2, [TXN]));
  const prep = vote('prepare', 0, 2, pp.d, 1);

  it('declares its mutations in the module, and every declared name is handled', () => {
    expect(protocolNamed('pbft').mutations?.names).to.deep.equal(PBFT_MUTATIONS);
    expect(PBFT_MUTATIONS).to.include.members(['view-up', 'view-down', 'seq-up', 'seq-down', 'earlier-batch', 'other-digest', 'older-cert', 'drop-cert']);
    expect(mutate('no-such-mutation', pp, 0)).to.equal(null);
  });

  it('view-up/view-down move a pre-prepare\'s view by one, re-signed by the sender; the new view\'s primary check refuses it', () => {
    const up = mutate('view-up', pp, 0) as PrePrepare;
    expect([up.v, up.seq, up.d, up.sig.signer]).to.deep.equal([1, 2, pp.d, 0]);
    expect(crypto.verify(up.sig, prePrepareDigest(1, 2, pp.d))).to.equal(true);
    expect(validPrePrepare(crypto, up, 0, 1)).to.equal('sent by 0, primary of view 1 is 1');
    expect(mutate('view-down', pp, 0)).to.equal(null); // no view below 0
    expect((mutate('view-down', prePrepare(1, batch(2), 1), 1) as PrePrepare).v).to.equal(0);
  });

  it('view-up moves a prepare, a commit and a checkpoint, each re-signed and valid for its signer', () => {
    const x = mutate('view-up', prep, 1) as Vote;
    expect([x.kind, x.v, x.seq, x.d]).to.deep.equal(['prepare', 1, 2, pp.d]);
    expect(validVote(crypto, x, 1, 4)).to.equal(null);
    const c = mutate('view-up', vote('commit', 2, 3, pp.d, 2), 2) as Vote;
    expect([c.kind, c.v, validVote(crypto, c, 2, 4)]).to.deep.equal(['commit', 3, null]);
    const k = mutate('view-up', checkpoint(4, 'state', 3), 3)!;
    expect(k.kind === 'checkpoint' && crypto.verify(k.sig, checkpointDigest(1, 4, 'state', 3))).to.equal(true);
  });

  it('seq-up/seq-down move a pre-prepare with its batch, so the backups\' checks pass it', () => {
    const up = mutate('seq-up', pp, 0) as PrePrepare;
    expect([up.seq, up.batch.seq, up.d]).to.deep.equal([3, 3, batchDigest({ ...pp.batch, seq: 3 })]);
    expect(validPrePrepare(crypto, up, 0, 0)).to.equal(null);
    const down = mutate('seq-down', pp, 0) as PrePrepare;
    expect([down.seq, validPrePrepare(crypto, down, 0, 0)]).to.deep.equal([1, null]);
    expect(mutate('seq-down', prePrepare(0, batch(1)), 0)).to.equal(null); // sequence numbers start at 1
    const x = mutate('seq-up', prep, 1) as Vote;
    expect([x.seq, validVote(crypto, x, 1, 4)]).to.deep.equal([3, null]);
  });

  it('earlier-batch orders the requests of an earlier pre-prepare of the sender at this sequence number', () => {
    const earlier = prePrepare(0, batch(1, [TXN2]));
    const m = mutate('earlier-batch', pp, 0, [earlier]) as PrePrepare;
    expect([m.seq, m.batch.seq, m.batch.txns]).to.deep.equal([2, 2, [TXN2]]);
    expect(m.d).to.not.equal(pp.d);
    expect(validPrePrepare(crypto, m, 0, 0)).to.equal(null);
    expect(mutate('earlier-batch', pp, 0)).to.equal(null);
    expect(mutate('earlier-batch', pp, 0, [pp])).to.equal(null); // the same batch is no mutation
    expect(mutate('earlier-batch', prep, 1, [earlier])).to.equal(null);
  });

  it('other-digest makes a prepare or commit vote for another digest the sender sent before', () => {
    const before = vote('prepare', 0, 1, 'd-earlier', 1);
    const x = mutate('other-digest', prep, 1, [before]) as Vote;
    expect([x.kind, x.v, x.seq, x.d]).to.deep.equal(['prepare', 0, 2, 'd-earlier']);
    expect(validVote(crypto, x, 1, 4)).to.equal(null);
    const c = mutate('other-digest', vote('commit', 0, 2, pp.d, 1), 1, [before]) as Vote;
    expect([c.kind, c.d]).to.deep.equal(['commit', 'd-earlier']);
    expect(mutate('other-digest', prep, 1, [prep])).to.equal(null);
    expect(mutate('other-digest', pp, 0, [before])).to.equal(null);
  });

  it('older-cert replaces a view-change\'s prepared certificate by an older valid one the sender sent; drop-cert leaves the last out', () => {
    const old = cert(0, batch(1, [TXN], 'r0'), [1, 2]);
    const fresh = cert(1, batch(1, [TXN2], 'r1'), [0, 2]);
    const sentBefore = viewChange(1, 3, [old]);
    const vc = viewChange(2, 3, [fresh]);
    const m = mutate('older-cert', vc, 3, [sentBefore]) as ViewChange;
    expect(m.P).to.deep.equal([old]);
    expect(crypto.verify(m.sig, viewChangeDigest(2, m.C, m.P, 3))).to.equal(true);
    expect(mutate('older-cert', vc, 3)).to.equal(null);
    expect(mutate('older-cert', sentBefore, 3, [vc])).to.equal(null); // only an older view counts
    const dropped = mutate('drop-cert', vc, 3) as ViewChange;
    expect([dropped.P.length, crypto.verify(dropped.sig, viewChangeDigest(2, dropped.C, [], 3))]).to.deep.equal([0, true]);
    expect(mutate('drop-cert', viewChange(1, 3), 3)).to.equal(null);
    expect(mutate('view-down', viewChange(1, 3), 3)).to.equal(null); // a view change moves to view 1 or later
  });

  it('never mutates the unsigned COMMITTED answer', () => {
    const committed: PbftMessage = { kind: 'committed', v: 0, entries: [], i: 1 };
    for (const name of PBFT_MUTATIONS) expect(mutate(name, committed, 1, [pp, prep]), name).to.equal(null);
  });
});

describe('PBFT attributes (SetAttr)', () => {
  it('declares view, low-watermark and next-seq, and sets each in the replica\'s durable state', () => {
    expect(protocolNamed('pbft').attributes?.names).to.deep.equal(PBFT_ATTRIBUTES);
    const r = replica(0);
    pbftAttributes.set(r, 'view', 3);
    pbftAttributes.set(r, 'low-watermark', 8);
    pbftAttributes.set(r, 'next-seq', 20);
    expect([r.state.view, r.state.h, r.state.nextSeq]).to.deep.equal([3, 8, 20]);
    expect(() => pbftAttributes.set(r, 'current-round', 1)).to.throw("unknown PBFT attribute 'current-round'");
  });

  it('a replica whose low watermark is set ahead refuses pre-prepares below its window', () => {
    const r = replica(1);
    pbftAttributes.set(r, 'low-watermark', 40);
    const out = r.step({ kind: 'message', from: 0, msg: prePrepare(0, batch(1, [TXN])) });
    expect(out.some((o) => o.kind === 'observe' && o.obs.type === 'reject' && o.obs.detail === 'seq 1 outside (40, 48]')).to.equal(true);
  });
});

function shipped(name: string): Scenario {
  return parseScenarioText(readFileSync(`${ROOT}scenarios/${name}`, 'utf8'), name);
}

const OPTS = { seed: '1', delayTicks: 1, roundTimeoutTicks: 20 };

describe('PBFT mutations and attributes in runs', () => {
  it('the mutating primary\'s changed messages reach the honest replicas, which stay safe and live', () => {
    const s = shipped('pbft_fault_mutate_primary.json');
    const r = runScenario(s, OPTS, { trace: true });
    const plain = runScenario({ ...s, rules: [] }, OPTS);
    expect(r.verdict, JSON.stringify(r.violations)).to.equal('pass');
    expect(r.traceHash).to.not.equal(plain.traceHash);
    expect(r.trace!.some((e) => e.type === 'reject' && e.replica !== 'a')).to.equal(true);
  });

  it('the mutating backup\'s votes carry digests it sent for earlier sequence numbers', () => {
    const s = shipped('pbft_fault_mutate_backup.json');
    const r = runScenario(s, OPTS, { trace: true });
    expect(r.verdict, JSON.stringify(r.violations)).to.equal('pass');
    const what = (from: string, kind: string, prefix: string): string | undefined => {
      const e = r.trace!.find((x) => x.type === 'deliver' && x.from === from && x.to === 'c' && x.kind === kind && x.what.startsWith(prefix));
      return e?.type === 'deliver' ? e.what : undefined;
    };
    // "pre-prepare v0 seq 1 <digest> (...)" and "prepare v0 seq 2 <digest> by 1": b's prepare for seq 2
    // names the digest of seq 1, the one it prepared before.
    const pp1 = what('a', 'pre-prepare', 'pre-prepare v0 seq 1 ');
    const prep2 = what('b', 'prepare', 'prepare v0 seq 2 ');
    expect(pp1).to.be.a('string');
    expect(prep2).to.be.a('string');
    expect(prep2!.split(' ')[4]).to.equal(pp1!.split(' ')[4]);
  });

  it('setting the primary\'s view ahead makes the backups change view and finish without it', () => {
    const s = shipped('pbft_fault_setattr.json');
    const r = runScenario(s, OPTS, { trace: true });
    expect(r.verdict, JSON.stringify(r.violations)).to.equal('pass');
    expect(r.traceHash).to.not.equal(runScenario({ ...s, setAttrs: [] }, OPTS).traceHash);
    expect(r.trace!.some((e) => e.type === 'enter-round' && e.replica === 'b' && e.via === 'new-view')).to.equal(true);
  });

  for (const mutation of PBFT_MUTATIONS) {
    it(`the correct PBFT passes with a Byzantine primary's messages of views 0-1 under '${mutation}' at 1/2`, () => {
      const base = shipped('pbft_fault_mutate_primary.json');
      const rule: FailureRule = { src: 'a', dest: '*', kind: '*', rounds: { min: 1, max: 2 }, probability: { num: 1, den: 2 }, action: 'mutate', mutation };
      for (const seed of ['1', '2']) {
        const r = runScenario({ ...base, rules: [rule] }, { ...OPTS, seed });
        expect(r.verdict, `seed ${seed}: ${JSON.stringify(r.violations)}`).to.equal('pass');
      }
    });
  }

  it('gives the same trace hash for the same seed and scenario with PBFT rules and attribute sets active', () => {
    const base = shipped('pbft_fault_mutate_primary.json');
    const arbRule: fc.Arbitrary<FailureRule> = fc.record({
      src: fc.constantFrom('*', 'leader', 'a'), dest: fc.constantFrom('*', 'b', 'c'),
      kind: fc.constantFrom('*', 'pre-prepare', 'prepare', 'commit', 'checkpoint', 'view-change'),
      rounds: fc.integer({ min: 1, max: 2 }).map((min) => ({ min, max: min + 1 })),
      probability: fc.integer({ min: 1, max: 4 }).map((num) => ({ num, den: 4 })),
      action: fc.constantFrom('drop', 'delay', 'duplicate', 'mutate'),
      mutation: fc.constantFrom(...PBFT_MUTATIONS),
    }).map(({ mutation, ...r }) => ({ ...r, ...(r.action === 'delay' ? { ticks: 25 } : {}), ...(r.action === 'mutate' ? { mutation } : {}) }) as FailureRule);
    const arbAttr = fc.record({ attribute: fc.constantFrom(...PBFT_ATTRIBUTES), value: fc.integer({ min: 0, max: 12 }) });
    fc.assert(fc.property(fc.array(arbRule, { minLength: 1, maxLength: 3 }), fc.option(arbAttr, { nil: undefined }),
      fc.integer({ min: 1, max: 1000 }), (rules, attr, seed) => {
        const text = JSON.stringify({ ...base, rules, setAttrs: attr === undefined ? [] : [{ replica: 'a', round: 1, ...attr }] });
        const first = runScenario(parseScenarioText(text, 'p.json'), { ...OPTS, seed: String(seed) });
        const again = runScenario(parseScenarioText(text, 'p.json'), { ...OPTS, seed: String(seed) });
        expect(again.traceHash).to.equal(first.traceHash);
        expect(first.verdict).to.not.equal('crash');
      }), { numRuns: 15, seed: 20 });
  });
});
