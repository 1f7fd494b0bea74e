// The wallet service (docs/services.md): who may create money, who may move it, replay refusal,
// balances, the digest, and the declared invariants as checks that catch a broken step.
import { expect } from 'chai';
import type { ClientTxn } from '../../src/kernel/actor.js';
import { walletKeyPair } from '../../src/services/wallet/wallet-keys.js';
import { createRequest, getRequest, transferRequest } from '../../src/services/wallet/wallet-request.js';
import { balanceOf, defaultWalletService, DEFAULT_MINTER_LABEL, REFUSED, walletService,
  type WalletState } from '../../src/services/wallet/wallet-service.js';
import { moneyConserved, noNegativeBalance, stepAuthorized,
  walletViolations } from '../../src/services/wallet/wallet-invariants.js';
import { serviceNamed } from '../../src/services/registry.js';

const minter = walletKeyPair('test-minter');
const alice = walletKeyPair('alice');
const bob = walletKeyPair('bob');
const config = { minter: minter.id };
const wallet = walletService(config);

/** Applies the requests in order; the final state and every reply. */
function run(txns: readonly ClientTxn[], from: WalletState = wallet.initial()): { state: WalletState; replies: string[] } {
  let state = from;
  const replies = txns.map((t) => {
    const r = wallet.apply(state, t);
    state = r.state;
    return r.reply;
  });
  return { state, replies };
}

const funded = run([createRequest(minter, 'm', 1, alice.id, 10)]).state;

describe('wallet: create', () => {
  it('adds money to a wallet when the minter signs', () => {
    const { state, replies } = run([createRequest(minter, 'm', 1, alice.id, 10), createRequest(minter, 'm', 2, alice.id, 5)]);
    expect(replies).to.deep.equal(['ok', 'ok']);
    expect(balanceOf(state, alice.id)).to.equal(15);
    expect(state.minted).to.equal(15);
  });

  it('refuses a create signed by any other key, and changes nothing', () => {
    const { state, replies } = run([createRequest(alice, 'a', 1, alice.id, 10)]);
    expect(replies).to.deep.equal([REFUSED.notMinter]);
    expect(wallet.digest(state)).to.equal(wallet.digest(wallet.initial()));
  });

  it('refuses amounts that are not positive safe integers', () => {
    for (const amount of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1]) {
      expect(run([createRequest(minter, 'm', 1, alice.id, amount)]).replies, String(amount)).to.deep.equal([REFUSED.malformed]);
    }
  });

  it('refuses a create that would take the total past the safe integer range', () => {
    const big = run([createRequest(minter, 'm', 1, alice.id, Number.MAX_SAFE_INTEGER)]).state;
    expect(run([createRequest(minter, 'm', 2, bob.id, 1)], big).replies).to.deep.equal([REFUSED.overflow]);
  });

  it('the registered wallet is minted by the key of the published label', () => {
    const m = walletKeyPair(DEFAULT_MINTER_LABEL);
    const r = defaultWalletService.apply(defaultWalletService.initial(), createRequest(m, 'm', 1, alice.id, 3));
    expect(r.reply).to.equal('ok');
    expect(serviceNamed('wallet').name).to.equal('wallet');
  });
});

describe('wallet: transfer', () => {
  it('moves money when the owner signs and the balance covers the amount (equal is enough)', () => {
    const { state, replies } = run([transferRequest(alice, 'a', 1, bob.id, 4), transferRequest(alice, 'a', 2, bob.id, 6)], funded);
    expect(replies).to.deep.equal(['ok', 'ok']);
    expect([balanceOf(state, alice.id), balanceOf(state, bob.id)]).to.deep.equal([0, 10]);
  });

  it('fails when the balance is below the amount, changing no balance', () => {
    const { state, replies } = run([transferRequest(alice, 'a', 1, bob.id, 11)], funded);
    expect(replies).to.deep.equal([REFUSED.insufficientFunds]);
    expect([balanceOf(state, alice.id), balanceOf(state, bob.id)]).to.deep.equal([10, 0]);
  });

  it('refuses a transfer signed by someone other than the owner of the paying wallet', () => {
    const forged = transferRequest(bob, 'b', 1, bob.id, 5);
    const op = { ...JSON.parse(forged.op), from: alice.id };
    const { state, replies } = run([{ ...forged, op: JSON.stringify(op) }], funded);
    expect(replies).to.deep.equal([REFUSED.badSignature]);
    expect(balanceOf(state, alice.id)).to.equal(10);
  });

  it('refuses a signature moved to another amount, recipient, client or request number', () => {
    const good = transferRequest(alice, 'a', 1, bob.id, 5);
    const op = JSON.parse(good.op);
    const tampered: ClientTxn[] = [
      { ...good, op: JSON.stringify({ ...op, amount: 6 }) },
      { ...good, op: JSON.stringify({ ...op, to: walletKeyPair('eve').id }) },
      { ...good, client: 'eve' },
      { ...good, seq: 2 },
      { ...good, op: JSON.stringify({ ...op, sig: op.sig.slice(0, -2) + (op.sig.endsWith('00') ? '01' : '00') }) },
      { ...good, op: JSON.stringify({ ...op, sig: 'zz' }) },
    ];
    for (const t of tampered) expect(run([t], funded).replies, JSON.stringify(t)).to.deep.equal([REFUSED.badSignature]);
  });

  it('refuses a replayed transfer (same client and request number), even after funds arrive', () => {
    const t = transferRequest(alice, 'a', 1, bob.id, 20);
    const { state, replies } = run([t, createRequest(minter, 'm', 2, alice.id, 100), t], funded);
    expect(replies).to.deep.equal([REFUSED.insufficientFunds, 'ok', REFUSED.replay]);
    expect(balanceOf(state, bob.id)).to.equal(0);
  });

  it('refuses malformed operations', () => {
    const ops = ['pay', '[]', 'null', '{"type":"burn"}', JSON.stringify({ type: 'transfer', from: alice.id }),
      JSON.stringify({ ...JSON.parse(transferRequest(alice, 'a', 1, bob.id, 1).op), extra: 1 }),
      JSON.stringify({ type: 'get', id: 'ABC' })];
    for (const op of ops) expect(run([{ client: 'x', seq: 1, op }], funded).replies, op).to.deep.equal([REFUSED.malformed]);
  });
});

describe('wallet: get and digest', () => {
  it('returns the balance, or 0 for an unknown wallet', () => {
    expect(run([getRequest('c', 1, alice.id), getRequest('c', 2, bob.id)], funded).replies).to.deep.equal(['10', '0']);
  });

  it('gives equal states equal digests whatever the order they were built in, and others another', () => {
    const viaAB = run([createRequest(minter, 'm', 1, alice.id, 1), createRequest(minter, 'm', 2, bob.id, 2)]).state;
    const viaBA = run([createRequest(minter, 'm', 2, bob.id, 2), createRequest(minter, 'm', 1, alice.id, 1)]).state;
    expect(wallet.digest(viaAB)).to.equal(wallet.digest(viaBA));
    expect(wallet.digest(viaAB)).to.not.equal(wallet.digest(funded));
  });

  it('never changes the state it is given', () => {
    const before = wallet.digest(funded);
    run([transferRequest(alice, 'a', 1, bob.id, 3), createRequest(minter, 'm', 9, bob.id, 3)], funded);
    expect(wallet.digest(funded)).to.equal(before);
  });
});

describe('wallet: invariant checks catch broken steps', () => {
  const t = transferRequest(alice, 'a', 1, bob.id, 4);
  const after = wallet.apply(funded, t).state;

  it('hold on a correct step', () => {
    expect(walletViolations(config, funded, t, after)).to.deep.equal([]);
  });

  it('money-conserved fires when money appears or vanishes', () => {
    const inflated: WalletState = { ...after, balances: new Map(after.balances).set(bob.id, 5) };
    expect(moneyConserved(inflated)).to.match(/sum to 11, but 10 was created/);
  });

  it('no-negative-balance fires on a negative balance', () => {
    const negative: WalletState = { ...funded, balances: new Map([[alice.id, 12], [bob.id, -2]]) };
    expect(noNegativeBalance(negative)).to.match(/holds -2/);
  });

  it('step-authorized fires when money leaves a wallet without a valid owner signature', () => {
    const unsigned: ClientTxn = { ...t, op: JSON.stringify({ ...JSON.parse(t.op), sig: '00' }) };
    expect(stepAuthorized(config, funded, unsigned, after)).to.match(/without a valid owner signature/);
    expect(stepAuthorized(config, funded, getRequest('c', 1, alice.id), after)).to.match(/not its transfer/);
  });

  it('step-authorized fires when money is created without the minter', () => {
    const c = createRequest(alice, 'a', 1, alice.id, 10);
    expect(stepAuthorized(config, wallet.initial(), c, funded)).to.match(/without the minter/);
  });
});
