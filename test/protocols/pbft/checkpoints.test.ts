// PBFT checkpoints, watermarks and catching up (pbft.md §4.7, §4.8), in whole simulated runs.
//
// Setup:  honest worlds of n = 4 (K = 4, L = 8) from the conformance kit's honestRun; messages counted
//         by kind through a fault policy that delivers everything (self-deliveries do not pass it).
// Expect: the happy path of Appendix A (commit at tick 3) with the normal-case message count of §11;
//         stable checkpoints every K with Q matching signers, the window moving with them; a replica that misses more than the window catches up by FETCH, each
//         entry proven by Q commits.
import { expect } from 'chai';
import type { Envelope } from '../../../src/kernel/envelope.js';
import { DELIVER, dropFate, type FaultPolicy } from '../../../src/kernel/fate.js';
import { protocolNamed } from '../../../src/protocols/registry.js';
import type { PbftMessage } from '../../../src/protocols/pbft/types.js';
import { honestRun } from '../../conformance/kit.js';
import { batch, checkpoint, observed, pbftWorld, prePrepare, replica, sent, vote } from './fixtures.js';

const pbft = protocolNamed('pbft');

function counting(cut: (env: Envelope<unknown>) => boolean = () => false): { policy: FaultPolicy; kinds: Map<string, number> } {
  const kinds = new Map<string, number>();
  const CUT = dropFate('partition');
  return { kinds, policy: { fate: (env) => {
    if (cut(env)) return CUT;
    const k = (env.message as PbftMessage).kind;
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
    return DELIVER;
  } } };
}

describe('PBFT checkpoints, watermarks and catching up (pbft.md §4.7-§4.8)', () => {
  it('happy path (Appendix A): seq 1 commits at tick 3 everywhere, with the (n-1) + (n-1)² + n(n-1) messages of pbft.md §11 between distinct replicas', () => {
    const { policy } = counting();
    const perSeq1 = new Map<string, number>();
    const commits: [number, number][] = [];
    const world = pbftWorld(4, 'appendix-a', { fate: (env, tick) => {
      const m = env.message as PbftMessage;
      if ('seq' in m && m.seq === 1 && m.kind !== 'checkpoint') perSeq1.set(m.kind, (perSeq1.get(m.kind) ?? 0) + 1);
      return policy.fate(env, tick);
    } }, (t, i, obs) => { if (obs.type === 'commit' && obs.height === 1) commits.push([i, t]); });
    world.run(() => commits.length === 4);
    expect(commits.sort()).to.deep.equal([[0, 3], [1, 3], [2, 3], [3, 3]]);
    expect(Object.fromEntries(perSeq1)).to.deep.equal({ 'pre-prepare': 3, prepare: 9, commit: 12 });
  });

  it('checkpoints every K = 4 become stable with Q matching signers and move the window', () => {
    const stable: { replica: number; seq: number; signers: number }[] = [];
    let top = 0;
    const world = pbftWorld(4, 'stable', counting().policy, (_t, i, o) => {
      if (o.type === 'checkpoint-stable') stable.push({ replica: i, seq: o.seq, signers: o.signers.length });
      if (o.type === 'commit' && i === 0) top = o.height;
    });
    world.run(() => top >= 20);
    for (let i = 0; i < 4; i++) {
      const mine = stable.filter((s) => s.replica === i);
      expect(mine.map((s) => s.seq).slice(0, 4), `replica ${i}`).to.deep.equal([4, 8, 12, 16]);
      for (const s of mine) expect(s.signers).to.be.at.least(3);
    }
  });

  it('a stable checkpoint truncates the log: a pre-prepare at or below h is outside the window', () => {
    const r = replica(1);
    const d = 'a'.repeat(64);
    // r1 executed nothing, so its own checkpoint 4 does not exist yet: three others' do not make it stable.
    for (const i of [0, 2, 3]) expect(observed(r.step({ kind: 'message', from: i, msg: checkpoint(4, d, i) }), 'checkpoint-stable')).to.deep.equal([]);
    expect(sent(r.step({ kind: 'message', from: 0, msg: prePrepare(0, batch(8)) }), 'prepare')).to.have.length(1);
    expect(observed(r.step({ kind: 'message', from: 0, msg: prePrepare(0, batch(9)) }), 'reject')[0]?.detail).to.match(/seq 9 outside \(0, 8\]/);
  });

  it('a checkpoint above h+L sends one FETCH to its sender', () => {
    const r = replica(1);
    const out = r.step({ kind: 'message', from: 2, msg: checkpoint(12, 'b'.repeat(64), 2) });
    expect(sent(out, 'fetch').map((m) => [m.kind, (m as { fromSeq: number }).fromSeq])).to.deep.equal([['fetch', 1]]);
    expect(out.find((o) => o.kind === 'send')).to.include({ to: 2 });
    expect(sent(r.step({ kind: 'message', from: 3, msg: checkpoint(12, 'b'.repeat(64), 3) }), 'fetch'), 'once per seq').to.deep.equal([]);
  });

  it('a replica cut off for longer than the window catches up by FETCH and then follows the log', () => {
    let healed = false;
    const { policy, kinds } = counting((env) => !healed && (env.from === 3 || env.to === 3));
    const run = honestRun(pbft, 4, 'fetch', policy);
    run.world.schedule(120, () => { healed = true; });
    expect(run.run(80).reason).to.equal('stopped');
    expect(kinds.get('fetch')).to.be.at.least(1);
    expect(kinds.get('committed')).to.be.at.least(1);
    for (let i = 1; i < 4; i++) expect(run.logs[i]!.slice(0, 80), `replica ${i}`).to.deep.equal(run.logs[0]!.slice(0, 80));
  });

  it('a fetched entry with fewer than Q commits is refused', () => {
    const r = replica(1);
    const b = batch(1);
    const pp = prePrepare(0, b);
    const two = { v: 0, batch: b, d: pp.d, commits: [0, 2, 2].map((i) => vote('commit', 0, 1, pp.d, i)) };
    const out = r.step({ kind: 'message', from: 2, msg: { kind: 'committed', v: 0, entries: [two], i: 2 } });
    expect(observed(out, 'commit')).to.deep.equal([]);
    expect(observed(out, 'reject')[0]?.detail).to.equal('entry 1: 2 distinct commit signers, need 3');
    const three = { ...two, commits: [0, 2, 3].map((i) => vote('commit', 0, 1, pp.d, i)) };
    const ok = r.step({ kind: 'message', from: 2, msg: { kind: 'committed', v: 0, entries: [three], i: 2 } });
    expect(observed(ok, 'commit').map((c) => [c.height, c.blockId])).to.deep.equal([[1, pp.d]]);
  });
});
