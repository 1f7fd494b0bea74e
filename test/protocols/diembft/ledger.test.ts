// Ledger (diembft-v4 §5, §14): speculative execution, cascading commits, idempotence, and the alarm
// on a commit that does not extend the committed tip.
//
//   genesis <- B1 (r1) <- B3 (r3) <- B4 (r4)      QC(B4) commits B3 and, by cascade, B1
//                     \- X2 (r2)                  sibling branch, pruned by that commit
import { noopService } from '../../../src/services/noop/noop-service.js';
import { expect } from 'chai';
import { Ledger, type ChainEntry } from '../../../src/protocols/diembft/ledger.js';
import type { Block } from '../../../src/protocols/diembft/types.js';
import { block, genesis, qcFor } from './fixtures.js';

interface Fixture {
  ledger: Ledger;
  b1: Block; x2: Block; b3: Block; b4: Block;
  commits: [string, number][];
  alarms: string[];
  sinks: [(e: ChainEntry, h: number) => void, (d: string) => void];
}

function setup(): Fixture {
  const ledger = new Ledger([], genesis, noopService);
  const txn = { client: 'alice', seq: 1, op: 'pay' };
  const b1 = block(1, 1, genesis.qc, [txn]);
  const s1 = ledger.speculate(b1)!;
  const qc1 = qcFor(b1, s1, [0, 1, 2], genesis.state);
  const x2 = block(2, 2, qc1);
  ledger.speculate(x2);
  const b3 = block(1, 3, qc1, [txn]);
  const s3 = ledger.speculate(b3)!;
  const b4 = block(2, 4, qcFor(b3, s3, [0, 1, 2], null));
  ledger.speculate(b4);
  const commits: [string, number][] = [];
  const alarms: string[] = [];
  return { ledger, b1, x2, b3, b4, commits, alarms,
    sinks: [(e, h) => commits.push([e.block.id, h]), (d) => alarms.push(d)] };
}

describe('ledger: speculation', () => {
  it('executes a block only on a known parent', () => {
    const { ledger, b4 } = setup();
    const orphan = block(3, 9, { ...b4.qc!, voteInfo: { ...b4.qc!.voteInfo, id: 'unknown' } });
    expect(ledger.speculate(orphan)).to.equal(null);
    expect(ledger.pendingState(b4.id)).to.be.a('string');
  });

  it('records a transaction already on the branch as a duplicate, so the state differs', () => {
    const { ledger, b1, b3 } = setup();
    expect(ledger.pendingEntry(b1.id)!.results).to.deep.equal(['ok']);
    expect(ledger.pendingEntry(b3.id)!.results).to.deep.equal(['duplicate']);
  });
});

describe('ledger: commit', () => {
  it('cascades B1 <- B3: commits B1 then B3, oldest first, at heights 1 and 2', () => {
    const f = setup();
    expect(f.ledger.commit(f.b3.id, ...f.sinks)).to.equal(true);
    expect(f.commits).to.deep.equal([[f.b1.id, 1], [f.b3.id, 2]]);
    expect(f.ledger.committedChain().map((e) => e.block.id)).to.deep.equal([genesis.block.id, f.b1.id, f.b3.id]);
    expect(f.alarms).to.deep.equal([]);
  });

  it('is idempotent: committing B3 or its ancestor B1 again changes nothing', () => {
    const f = setup();
    f.ledger.commit(f.b3.id, ...f.sinks);
    expect(f.ledger.commit(f.b3.id, ...f.sinks)).to.equal(false);
    expect(f.ledger.commit(f.b1.id, ...f.sinks)).to.equal(false);
    expect(f.commits).to.have.length(2);
  });

  it('prunes the sibling branch X2 and keeps the descendant B4', () => {
    const f = setup();
    f.ledger.commit(f.b3.id, ...f.sinks);
    expect(f.ledger.pendingIds()).to.deep.equal([f.b3.id, f.b4.id]);
    expect(f.ledger.knows(f.x2.id)).to.equal(false);
  });

  it('raises one alarm, and commits nothing, when asked to commit the pruned sibling X2', () => {
    const f = setup();
    f.ledger.commit(f.b3.id, ...f.sinks);
    expect(f.ledger.commit(f.x2.id, ...f.sinks)).to.equal(false);
    expect(f.ledger.commit(f.x2.id, ...f.sinks)).to.equal(false);
    expect(f.alarms).to.have.length(1);
    expect(f.alarms[0]).to.match(/does not extend committed tip .* \(height 2\): block .* was pruned/);
    expect(f.ledger.height()).to.equal(2);
  });

  it('commits B4 later on top of B3', () => {
    const f = setup();
    f.ledger.commit(f.b3.id, ...f.sinks);
    f.ledger.commit(f.b4.id, ...f.sinks);
    expect(f.commits.map(([, h]) => h)).to.deep.equal([1, 2, 3]);
  });
});

describe('ledger: the persisted log of pending blocks (§12)', () => {
  const txn = { client: 'alice', seq: 1, op: 'pay' };

  it('logs every block it speculates, and a ledger built on the same store holds them again', () => {
    const chain: ChainEntry[] = [];
    const log: Block[] = [];
    const ledger = new Ledger(chain, genesis, noopService, log);
    const b1 = block(1, 1, genesis.qc, [txn]);
    const s1 = ledger.speculate(b1)!;
    const x2 = block(2, 2, qcFor(b1, s1, [0, 1, 2], genesis.state));
    const s2 = ledger.speculate(x2)!;
    expect(log.map((b) => b.id)).to.deep.equal([b1.id, x2.id]);
    const restarted = new Ledger(chain, genesis, noopService, log);
    expect(restarted.pendingState(b1.id)).to.equal(s1);
    expect(restarted.pendingState(x2.id)).to.equal(s2);
    expect(log.map((b) => b.id), 'restoring logs each block once').to.deep.equal([b1.id, x2.id]);
  });

  it('drops from the log what a commit prunes or commits, keeping the pending descendants', () => {
    const chain: ChainEntry[] = [];
    const log: Block[] = [];
    const ledger = new Ledger(chain, genesis, noopService, log);
    const b1 = block(1, 1, genesis.qc, [txn]);
    const qc1 = qcFor(b1, ledger.speculate(b1)!, [0, 1, 2], genesis.state);
    const x2 = block(2, 2, qc1);
    ledger.speculate(x2);
    const b3 = block(1, 3, qc1);
    const b4 = block(2, 4, qcFor(b3, ledger.speculate(b3)!, [0, 1, 2], null));
    ledger.speculate(b4);
    ledger.commit(b3.id, () => undefined, () => undefined);
    expect(log.map((b) => b.id).filter((id) => id !== b3.id)).to.deep.equal([b4.id]);
    const restarted = new Ledger(chain, genesis, noopService, log);
    expect(restarted.pendingBlock(b4.id)).to.not.equal(null);
    expect(restarted.pendingBlock(x2.id)).to.equal(null);
  });
});
