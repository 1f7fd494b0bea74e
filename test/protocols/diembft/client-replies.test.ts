// Signed client replies (docs/services.md): replicas running a deduplicated service sign one reply
// per committed request, with the stored result, the commit height and the service-state digest;
// a re-proposed request gets the reply it got when it ran; a retransmitted committed request gets
// its first reply again; a service without stored replies (noop) gets no replies.
import { expect } from 'chai';
import { verifyReply, type SignedReply } from '../../../src/kernel/reply.js';
import { repliesForCommit } from '../../../src/protocols/diembft/client-replies.js';
import { Ledger, type ChainEntry } from '../../../src/protocols/diembft/ledger.js';
import { deduplicated } from '../../../src/services/dedup.js';
import { walletKeyPair } from '../../../src/services/wallet/wallet-keys.js';
import { createRequest, getRequest, transferRequest } from '../../../src/services/wallet/wallet-request.js';
import { walletService } from '../../../src/services/wallet/wallet-service.js';
import { block, FifoNet, genesis, mock, qcFor } from './fixtures.js';

const minter = walletKeyPair('reply-minter');
const alice = walletKeyPair('alice');
const bob = walletKeyPair('bob');
const service = deduplicated(walletService({ minter: minter.id }));
const requests = [createRequest(minter, 'mint', 1, alice.id, 10), transferRequest(alice, 'alice', 1, bob.id, 4),
  getRequest('bob', 1, bob.id)];

/** Four replicas running the wallet; every replica gets every request (clients send to all). */
function walletNet(): FifoNet {
  const net = new FifoNet(4, [], () => ({ service }));
  for (const r of net.replicas) for (const txn of requests) r.step({ kind: 'client', txn });
  net.run(6);
  return net;
}

const byRequest = (rs: readonly SignedReply[], client: string) => rs.filter((r) => r.client === client);

describe('replica: signed client replies', () => {
  it('signs one reply per committed request with its result, height and state digest', () => {
    const net = walletNet();
    const replies = net.replicas.map((_, i) => net.takeReplies(i));
    replies.forEach((rs, id) => {
      expect(rs.map((r) => [r.client, r.result])).to.deep.equal(
        [['mint', 'ok'], ['alice', 'ok'], ['bob', '4']]);
      for (const r of rs) {
        expect(r.sig.signer).to.equal(id);
        expect(verifyReply(mock, r)).to.equal(true);
      }
    });
    const strip = (r: SignedReply) => ({ ...r, sig: null });
    for (const client of ['mint', 'alice', 'bob']) {
      const each = replies.map((rs) => byRequest(rs, client).map(strip));
      expect(each.every((x) => JSON.stringify(x) === JSON.stringify(each[0])), client).to.equal(true);
    }
  });

  it('sends each reply once, as a step output, and none for the replicas\' own marker transactions', () => {
    const net = walletNet();
    const sent = net.takeReplies(0);
    expect(sent.map((r) => r.client)).to.deep.equal(['mint', 'alice', 'bob']);
    expect(net.takeReplies(0)).to.deep.equal([]);
  });

  it('answers a retransmission of a committed request with the reply first made for it, proposing nothing', () => {
    const net = walletNet();
    const r0 = net.replicas[0]!;
    const first = net.takeReplies(0).find((x) => x.client === 'alice')!;
    expect(r0.step({ kind: 'client', txn: { ...requests[1]! } })).to.deep.equal([{ kind: 'reply', reply: first }]);
    expect(r0.step({ kind: 'client', txn: transferRequest(alice, 'alice', 2, bob.id, 1) }),
      'a request not yet committed waits in the mempool').to.deep.equal([]);
  });

  it('a reply whose content was changed no longer verifies', () => {
    const net = walletNet();
    const r = net.takeReplies(1).find((x) => x.client === 'alice')!;
    for (const forged of [{ ...r, result: 'refused: insufficient funds' }, { ...r, height: r.height + 1 },
      { ...r, stateDigest: 'x' }, { ...r, sig: { ...r.sig, signer: 2 } }]) {
      expect(verifyReply(mock, forged)).to.equal(false);
    }
  });

  it('makes no replies for a service that stores none (noop)', () => {
    const net = new FifoNet(4);
    net.run(6);
    expect(net.seen[0]!.some((o) => o.type === 'commit')).to.equal(true);
    expect(net.replies).to.deep.equal([[], [], [], []]);
  });

  it('gives a re-proposed request the reply it got when it ran, at the later height', () => {
    const ledger = new Ledger([], genesis, service);
    const pay = requests[1]!;
    const b1 = block(1, 1, genesis.qc, [requests[0]!, pay]);
    const s1 = ledger.speculate(b1)!;
    const b3 = block(2, 3, qcFor(b1, s1, [0, 1, 2], genesis.state), [{ ...pay }]);
    ledger.speculate(b3);
    const made: SignedReply[] = [];
    ledger.commit(b3.id, (e: ChainEntry, h) => made.push(...repliesForCommit(service, mock, 0, e, h)), () => undefined);
    expect(made.map((r) => [r.client, r.seq, r.result, r.height])).to.deep.equal(
      [['mint', 1, 'ok', 1], ['alice', 1, 'ok', 1], ['alice', 1, 'ok', 2]]);
  });
});
