// Byzantine node modes on loopback (docs/network.md): with one `wrong-replies` node among four, a
// wallet client never accepts a wrong result although the node does send lies vouched for by its key;
// with one `silent` node, clients still complete and never count the silent node among the vouchers.
import { expect } from 'chai';
import { ByzantineBehaviour, wrongResult } from '../../src/net/byzantine.js';
import { walletKeyPair } from '../../src/services/wallet/wallet-keys.js';
import type { SignedReply } from '../../src/kernel/reply.js';
import { ClusterSession, eventsOf, sameLedgers } from './local-cluster.js';

const MINTER = walletKeyPair('wallet-minter');

function reply(result: string): SignedReply {
  return { client: 'c', seq: 1, result, height: 3, stateDigest: 'd', sig: { signer: 0, value: 'x' } };
}

describe('net: Byzantine behaviours', () => {
  it('a wrong result always differs from the honest one', () => {
    for (const honest of ['0', '70', 'ok', 'refused: insufficient funds', 'refused: malformed']) {
      for (const draw of [0, 0.5, 0.999]) expect(wrongResult(honest, draw)).to.not.equal(honest);
    }
  });

  it('wrong-replies lies about half the time, the same way for the same seed', () => {
    const run = (seed: string) => {
      const b = new ByzantineBehaviour('wrong-replies', seed);
      return Array.from({ length: 200 }, () => b.replyFor(reply('42'))!.result);
    };
    const a = run('s1');
    expect(run('s1')).to.deep.equal(a);
    expect(run('s2')).to.not.deep.equal(a);
    const lies = a.filter((r) => r !== '42').length;
    expect(lies).to.be.within(60, 140);
  });

  it('silent sends no reply; none passes the reply through unchanged', () => {
    const r = reply('ok');
    expect(new ByzantineBehaviour('silent', 's').replyFor(r)).to.equal(null);
    expect(new ByzantineBehaviour('none', 's').replyFor(r)).to.equal(r);
  });
});

describe('net: a loopback cluster with a Byzantine node', function () {
  this.timeout(50_000);
  const session = new ClusterSession();
  afterEach(() => session.stop());

  it('wrong-replies: the node lies, yet every accepted result is the true one', async () => {
    const cluster = await session.start('diembft', ['none', 'none', 'none', 'wrong-replies']);
    const [alice, bob] = await session.wallets('alice', 'bob');
    expect((await alice!.create(MINTER, 100)).result).to.equal('ok');
    let alices = 100;
    let bobs = 0;
    for (const amount of [10, 20, 500, 5, 1]) {
      const r = await alice!.transfer(bob!.walletId, amount);
      const ok = amount <= alices;
      expect(r.result).to.equal(ok ? 'ok' : 'refused: insufficient funds');
      if (ok) { alices -= amount; bobs += amount; }
      expect(await alice!.balance()).to.equal(alices);
      expect(await bob!.balance()).to.equal(bobs);
    }
    const lies = eventsOf(cluster, 3).filter((e) => e['event'] === 'byzantine-reply');
    expect(lies.length, 'the wrong-replies node sent lies').to.be.greaterThan(0);
    for (const lie of lies) expect(lie['sent']).to.not.equal(lie['honest']);
    const ledgers = await sameLedgers(cluster, [0, 1, 2, 3]);
    for (const l of ledgers) expect(l).to.deep.equal(ledgers[0]);
  });

  it('silent: clients complete without it, it vouches for nothing, and it still commits what it hears', async () => {
    const cluster = await session.start('diembft', ['none', 'silent', 'none', 'none']);
    const [carol, dave] = await session.wallets('carol', 'dave');
    const results = [await carol!.create(MINTER, 50), await dave!.create(MINTER, 5),
      await carol!.transfer(dave!.walletId, 20)];
    expect(results.map((r) => r.result)).to.deep.equal(['ok', 'ok', 'ok']);
    for (const r of results) expect(r.vouchedBy).to.not.include(1);
    expect(await carol!.balance()).to.equal(30);
    expect(await dave!.balance()).to.equal(25);
    expect(eventsOf(cluster, 1).filter((e) => e['event'] === 'byzantine-reply')).to.deep.equal([]);
    const ledgers = await sameLedgers(cluster, [0, 1, 2, 3]);
    for (const l of ledgers) expect(l).to.deep.equal(ledgers[0]);
  });
});
