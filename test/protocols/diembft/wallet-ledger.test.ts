// A DiemBFT replica's ledger running the deduplicated wallet (docs/services.md): a transfer proposed
// in B1 and proposed again in B3 (B1 <- B3) moves money once, records "duplicate" in B3's results,
// and the committed state still holds the reply the transfer got when it ran.
import { expect } from 'chai';
import { Ledger, type ChainEntry } from '../../../src/protocols/diembft/ledger.js';
import { deduplicated, type DedupState } from '../../../src/services/dedup.js';
import { walletKeyPair } from '../../../src/services/wallet/wallet-keys.js';
import { createRequest, transferRequest } from '../../../src/services/wallet/wallet-request.js';
import { balanceOf, walletService, type WalletState } from '../../../src/services/wallet/wallet-service.js';
import { block, genesis, qcFor } from './fixtures.js';

const minter = walletKeyPair('ledger-minter');
const alice = walletKeyPair('alice');
const bob = walletKeyPair('bob');
const service = deduplicated(walletService({ minter: minter.id }));

describe('ledger: a re-proposed wallet transfer', () => {
  it('runs once; the block that carries it again records "duplicate"; the stored reply stays "ok"', () => {
    const ledger = new Ledger([], genesis, service);
    const pay = transferRequest(alice, 'alice', 1, bob.id, 7);
    const b1 = block(1, 1, genesis.qc, [createRequest(minter, 'mint', 1, alice.id, 10), pay]);
    const s1 = ledger.speculate(b1)!;
    const b3 = block(2, 3, qcFor(b1, s1, [0, 1, 2], genesis.state), [{ ...pay }]);
    const s3 = ledger.speculate(b3)!;
    const b4 = block(0, 4, qcFor(b3, s3, [0, 1, 2], null));
    ledger.speculate(b4);
    expect(ledger.pendingEntry(b1.id)!.results).to.deep.equal(['ok', 'ok']);
    expect(ledger.pendingEntry(b3.id)!.results).to.deep.equal(['duplicate']);

    const commits: ChainEntry[] = [];
    expect(ledger.commit(b3.id, (e) => commits.push(e), () => undefined)).to.equal(true);
    const app = commits[1]!.app as DedupState<WalletState>;
    expect([balanceOf(app.inner, alice.id), balanceOf(app.inner, bob.id)]).to.deep.equal([3, 7]);
    expect(service.storedReply(app, pay)).to.equal('ok');
  });
});
