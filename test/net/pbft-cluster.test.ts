// PBFT on the network (docs/network.md): the node host runs the registered PBFT module unchanged;
// on a four-node loopback cluster transfers complete with f+1 vouched replies and every node writes
// the same ledger, also with a `wrong-replies` node among them.
import { expect } from 'chai';
import { walletKeyPair } from '../../src/services/wallet/wallet-keys.js';
import { ClusterSession, eventsOf, sameLedgers } from './local-cluster.js';

const MINTER = walletKeyPair('wallet-minter');

describe('net: a four-node PBFT loopback cluster', function () {
  this.timeout(50_000);
  const session = new ClusterSession();
  afterEach(() => session.stop());

  it('completes transfers, and every node writes the same ledger', async () => {
    const cluster = await session.start('pbft', ['none', 'none', 'none', 'none']);
    const [alice, bob] = await session.wallets('alice', 'bob');
    expect(eventsOf(cluster, 0).find((e) => e['event'] === 'start')).to.include({ byzantine: 'none' });
    expect((await alice!.create(MINTER, 100)).result).to.equal('ok');
    const transfers = await Promise.all([alice!.transfer(bob!.walletId, 30), bob!.create(MINTER, 1)]);
    expect(transfers.map((r) => r.result)).to.deep.equal(['ok', 'ok']);
    expect((await alice!.transfer(bob!.walletId, 80)).result).to.equal('refused: insufficient funds');
    expect(await alice!.balance()).to.equal(70);
    expect(await bob!.balance()).to.equal(31);
    const ledgers = await sameLedgers(cluster, [0, 1, 2, 3]);
    expect(ledgers[0]!.length).to.be.greaterThan(0);
    expect(JSON.parse(ledgers[0]![0]!)).to.have.property('height', 1);
    for (const l of ledgers) expect(l).to.deep.equal(ledgers[0]);
  });

  it('a wrong-replies node cannot make a client accept a wrong balance', async () => {
    const cluster = await session.start('pbft', ['none', 'none', 'wrong-replies', 'none']);
    const [carol] = await session.wallets('carol');
    expect((await carol!.create(MINTER, 40)).result).to.equal('ok');
    for (let i = 0; i < 6; i++) expect(await carol!.balance()).to.equal(40);
    expect(eventsOf(cluster, 2).filter((e) => e['event'] === 'byzantine-reply').length).to.be.greaterThan(0);
    const ledgers = await sameLedgers(cluster, [0, 1, 2, 3]);
    for (const l of ledgers) expect(l).to.deep.equal(ledgers[0]);
  });
});
