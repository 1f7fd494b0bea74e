// The network code's Ed25519 through Node's crypto (src/net/ed25519-native.ts) makes and accepts
// exactly tweetnacl's signatures, and the load test's requests are byte for byte the wallet's own.
import { expect } from 'chai';
import nacl from 'tweetnacl';
import { ed25519KeyPair, ed25519Sign, ed25519Verify } from '../../src/net/ed25519-native.js';
import { fastWalletKey, signedRequest } from '../../src/net/load-client.js';
import { createRequest, parseOp, transferRequest } from '../../src/services/wallet/wallet-request.js';
import { verifyText, walletKeyPair } from '../../src/services/wallet/wallet-keys.js';

const utf8 = new TextEncoder();

describe('net: Ed25519 through Node crypto', () => {
  it('signs exactly as tweetnacl does, and each accepts the other\'s signatures', () => {
    for (let i = 0; i < 5; i++) {
      const k = nacl.sign.keyPair();
      const msg = utf8.encode(`message ${i}`);
      const sig = ed25519Sign(k.secretKey, msg);
      expect(Buffer.from(sig).toString('hex')).to.equal(Buffer.from(nacl.sign.detached(msg, k.secretKey)).toString('hex'));
      expect(ed25519Verify(k.publicKey, msg, sig)).to.equal(true);
      const mine = ed25519KeyPair();
      expect(nacl.sign.detached.verify(msg, ed25519Sign(mine.secretKey, msg), mine.publicKey)).to.equal(true);
      expect(Buffer.from(nacl.sign.keyPair.fromSecretKey(mine.secretKey).publicKey)).to.deep.equal(Buffer.from(mine.publicKey));
    }
  });

  it('rejects a changed message, a changed signature and malformed input', () => {
    const k = ed25519KeyPair();
    const msg = utf8.encode('pay 5');
    const sig = ed25519Sign(k.secretKey, msg);
    expect(ed25519Verify(k.publicKey, utf8.encode('pay 6'), sig)).to.equal(false);
    const bad = Uint8Array.from(sig);
    bad[0] = bad[0]! ^ 1;
    expect(ed25519Verify(k.publicKey, msg, bad)).to.equal(false);
    expect(ed25519Verify(k.publicKey.subarray(0, 31), msg, sig)).to.equal(false);
    expect(ed25519Verify(k.publicKey, msg, sig.subarray(0, 63))).to.equal(false);
  });

  it('the load test\'s create and transfer requests equal the wallet\'s, and the wallet accepts them', () => {
    const minter = walletKeyPair('wallet-minter');
    const a = fastWalletKey();
    const b = fastWalletKey();
    expect(signedRequest(minter, 'c', 1, { type: 'create', id: a.id, amount: 9, sig: '' }))
      .to.deep.equal(createRequest(minter, 'c', 1, a.id, 9));
    const t = signedRequest(a, 'c', 2, { type: 'transfer', from: a.id, to: b.id, amount: 3, sig: '' });
    expect(t).to.deep.equal(transferRequest(a, 'c', 2, b.id, 3));
    expect(parseOp(t.op)).to.include({ type: 'transfer', from: a.id, to: b.id, amount: 3 });
  });

  it('a fresh wallet key signs what the wallet service verifies', () => {
    const a = fastWalletKey();
    const sig = Buffer.from(ed25519Sign(a.secretKey, utf8.encode('x'))).toString('hex');
    expect(verifyText(a.id, 'x', sig)).to.equal(true);
  });
});
