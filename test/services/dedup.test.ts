// Request deduplication (docs/services.md): a request named by (client, request number) runs once;
// a retransmitted or re-proposed copy leaves the state alone and gets the stored reply again.
import { expect } from 'chai';
import type { ClientTxn } from '../../src/kernel/actor.js';
import type { Service } from '../../src/kernel/service.js';
import { deduplicated, type DedupService } from '../../src/services/dedup.js';
import { serviceNamed } from '../../src/services/registry.js';
import { walletKeyPair } from '../../src/services/wallet/wallet-keys.js';
import { createRequest, transferRequest } from '../../src/services/wallet/wallet-request.js';
import { balanceOf, type WalletState } from '../../src/services/wallet/wallet-service.js';

/** A counter service: each run request adds one and replies with the new count. */
function counter(): Service<number> & { runs: ClientTxn[] } {
  const runs: ClientTxn[] = [];
  return { name: 'counter', runs, initial: () => 0, digest: (n) => String(n),
    apply: (n, t) => { runs.push(t); return { state: n + 1, reply: `count ${n + 1}` }; } };
}

describe('dedup: requests run once per (client, request number)', () => {
  it('runs a retransmitted request once and returns its stored reply again, state unchanged', () => {
    const inner = counter();
    const d = deduplicated(inner);
    const t = { client: 'alice', seq: 1, op: 'x' };
    const first = d.apply(d.initial(), t);
    const again = d.apply(first.state, { ...t });
    expect(inner.runs).to.have.length(1);
    expect([first.reply, again.reply]).to.deep.equal(['count 1', 'count 1']);
    expect(again.state).to.equal(first.state);
    expect(d.storedReply(again.state, t)).to.equal('count 1');
  });

  it('runs requests that differ in client or request number', () => {
    const inner = counter();
    const d = deduplicated(inner);
    let s = d.initial();
    const replies = [{ client: 'a', seq: 1 }, { client: 'a', seq: 2 }, { client: 'b', seq: 1 }, { client: 'a', seq: 1 }]
      .map((k) => { const r = d.apply(s, { ...k, op: 'x' }); s = r.state; return r.reply; });
    expect(replies).to.deep.equal(['count 1', 'count 2', 'count 3', 'count 1']);
    expect(inner.runs).to.have.length(3);
  });

  it('has no stored reply for a request that never ran, and leaves earlier states as they were', () => {
    const d = deduplicated(counter());
    const s0 = d.initial();
    d.apply(s0, { client: 'a', seq: 1, op: 'x' });
    expect(d.storedReply(s0, { client: 'a', seq: 1, op: 'x' })).to.equal(undefined);
  });

  it('digests the stored replies along with the wrapped state', () => {
    const d = deduplicated(counter());
    const viaA = d.apply(d.initial(), { client: 'a', seq: 1, op: 'x' }).state;
    const viaB = d.apply(d.initial(), { client: 'b', seq: 1, op: 'x' }).state;
    expect(d.digest(viaA)).to.not.equal(d.digest(viaB));
    expect(d.digest(viaA)).to.equal(d.digest(d.apply(d.initial(), { client: 'a', seq: 1, op: 'x' }).state));
  });

  it('makes one wrapper per wrapped service, so replicas share it', () => {
    const inner = counter();
    expect(deduplicated(inner)).to.equal(deduplicated(inner));
  });

  it('the registered wallet is deduplicated: a retransmitted transfer moves money once and gets "ok" again', () => {
    const wallet = serviceNamed('wallet') as DedupService<WalletState>;
    const minter = walletKeyPair('wallet-minter');
    const alice = walletKeyPair('alice');
    const bob = walletKeyPair('bob');
    const pay = transferRequest(alice, 'alice', 1, bob.id, 4);
    let s = wallet.apply(wallet.initial(), createRequest(minter, 'mint', 1, alice.id, 10)).state;
    const replies = [pay, pay].map((t) => { const r = wallet.apply(s, t); s = r.state; return r.reply; });
    expect(replies).to.deep.equal(['ok', 'ok']);
    expect([balanceOf(s.inner, alice.id), balanceOf(s.inner, bob.id)]).to.deep.equal([6, 4]);
  });
});
