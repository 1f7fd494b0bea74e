// The wallet's declared invariants hold over random request sequences (docs/services.md): random
// creates by the minter and by others, transfers signed by the owner or by someone else, tampered
// signatures, replays of earlier requests and reads. Every step is also checked against a plain
// model of the rules, so a refused request must have been refusable and an accepted one allowed.
import { expect } from 'chai';
import fc from 'fast-check';
import type { ClientTxn } from '../../src/kernel/actor.js';
import { walletKeyPair } from '../../src/services/wallet/wallet-keys.js';
import { createRequest, getRequest, transferRequest } from '../../src/services/wallet/wallet-request.js';
import { balanceOf, walletService, type WalletState } from '../../src/services/wallet/wallet-service.js';
import { walletViolations } from '../../src/services/wallet/wallet-invariants.js';

const keys = ['minter', 'alice', 'bob', 'carol'].map(walletKeyPair);
const config = { minter: keys[0]!.id };
const wallet = walletService(config);

type Cmd =
  | { kind: 'create'; signer: number; to: number; amount: number; client: number; seq: number }
  | { kind: 'transfer'; signer: number; from: number; to: number; amount: number; client: number; seq: number }
  | { kind: 'tamper'; back: number }
  | { kind: 'replay'; back: number }
  | { kind: 'get'; id: number };

const who = fc.integer({ min: 0, max: 3 });
const amount = fc.integer({ min: -1, max: 25 });
const client = fc.integer({ min: 0, max: 2 });
const seq = fc.integer({ min: 1, max: 6 });
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), signer: fc.constantFrom(0, 0, 1), to: who, amount, client, seq }),
  fc.record({ kind: fc.constant('transfer' as const), signer: who, from: who, to: who, amount, client, seq }),
  fc.record({ kind: fc.constant('tamper' as const), back: fc.nat(8) }),
  fc.record({ kind: fc.constant('replay' as const), back: fc.nat(8) }),
  fc.record({ kind: fc.constant('get' as const), id: who }),
);

/** Builds the request of `c`; tampering and replays use the requests built so far. */
function requestOf(c: Cmd, earlier: readonly ClientTxn[], n: number): ClientTxn {
  switch (c.kind) {
    case 'create': return createRequest(keys[c.signer]!, `c${c.client}`, c.seq, keys[c.to]!.id, c.amount);
    case 'transfer': {
      const t = transferRequest(keys[c.signer]!, `c${c.client}`, c.seq, keys[c.to]!.id, c.amount);
      return c.signer === c.from ? t : { ...t, op: JSON.stringify({ ...JSON.parse(t.op), from: keys[c.from]!.id }) };
    }
    case 'tamper': case 'replay': {
      const t = earlier[earlier.length - 1 - (c.back % Math.max(1, earlier.length))];
      if (t === undefined) return getRequest('c0', n, keys[1]!.id);
      if (c.kind === 'replay') return t;
      const op = JSON.parse(t.op);
      return op.amount === undefined ? t : { ...t, op: JSON.stringify({ ...op, amount: op.amount + 1 }) };
    }
    case 'get': return getRequest('c0', n, keys[c.id]!.id);
  }
}

/** What a correct wallet must do with `t`, by a model that knows who signed what. */
interface Model { balances: number[]; minted: number; used: Set<string>; authentic: Map<ClientTxn['op'], number> }

function expectedOk(m: Model, t: ClientTxn): boolean {
  const op = JSON.parse(t.op);
  if (op.type === 'get' || !(Number.isSafeInteger(op.amount) && op.amount > 0)) return false;
  const signer = m.authentic.get(`${t.client}|${t.seq}|${t.op}`);
  const key = `${t.client}/${t.seq}`;
  const required = op.type === 'create' ? 0 : keys.findIndex((k) => k.id === op.from);
  if (signer !== required || m.used.has(key)) return false;
  m.used.add(key);
  if (op.type === 'create') {
    m.minted += op.amount;
    m.balances[keys.findIndex((k) => k.id === op.id)]! += op.amount;
    return true;
  }
  if (m.balances[required]! < op.amount) return false;
  m.balances[required]! -= op.amount;
  m.balances[keys.findIndex((k) => k.id === op.to)]! += op.amount;
  return true;
}

describe('wallet: invariants over random request sequences', () => {
  it('money is conserved, no balance goes negative, no unsigned step moves money, and the rules are followed', () => {
    fc.assert(fc.property(fc.array(cmdArb, { minLength: 1, maxLength: 25 }), (cmds) => {
      const m: Model = { balances: [0, 0, 0, 0], minted: 0, used: new Set(), authentic: new Map() };
      const earlier: ClientTxn[] = [];
      let state: WalletState = wallet.initial();
      cmds.forEach((c, i) => {
        const t = requestOf(c, earlier, 100 + i);
        if (c.kind === 'create' || c.kind === 'transfer') m.authentic.set(`${t.client}|${t.seq}|${t.op}`, c.signer);
        earlier.push(t);
        const r = wallet.apply(state, t);
        expect(walletViolations(config, state, t, r.state), JSON.stringify(t)).to.deep.equal([]);
        const ok = expectedOk(m, t);
        if (JSON.parse(t.op).type !== 'get') expect(r.reply === 'ok', `${JSON.stringify(t)} -> ${r.reply}`).to.equal(ok);
        state = r.state;
        expect(keys.map((k) => balanceOf(state, k.id))).to.deep.equal(m.balances);
        expect(state.minted).to.equal(m.minted);
      });
    }), { numRuns: 100, seed: 18 });
  });
});
