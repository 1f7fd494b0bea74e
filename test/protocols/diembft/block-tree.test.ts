// BlockTree (diembft-v4 §6): votes aggregate per H(LedgerCommitInfo), count distinct signers, and
// a QC fires exactly once per slot. A twin's byte-identical vote counts once, or twice under
// count_messages_not_signers (B06).
import { noopService } from '../../../src/services/noop/noop-service.js';
import { expect } from 'chai';
import { BlockTree } from '../../../src/protocols/diembft/block-tree.js';
import { quorumSize, rulesFor } from '../../../src/protocols/diembft/bugs.js';
import { lciHash, voteInfoHash } from '../../../src/protocols/diembft/hash.js';
import { Ledger } from '../../../src/protocols/diembft/ledger.js';
import type { NodeId } from '../../../src/protocols/diembft/protocol.js';
import type { LedgerCommitInfo, QC, StateId, VoteInfo, VoteMsg } from '../../../src/protocols/diembft/types.js';
import { block, genesis, mock, qcFor } from './fixtures.js';

const N = 4;

function tree(bugs: string[] = []): { tree: BlockTree; ledger: Ledger; commits: string[] } {
  const rules = rulesFor(bugs);
  const ledger = new Ledger([], genesis, noopService);
  const commits: string[] = [];
  const t = new BlockTree({ me: 1, ledger, rules, qcQuorum: quorumSize(rules.qcQuorum, N),
    signQcAuthor: (sigs) => mock.sign(1, `qcsigs-${sigs.length}`),
    onCommit: (e) => commits.push(e.block.id), onAlarm: () => undefined }, genesis.qc, null);
  return { tree: t, ledger, commits };
}

function voteContent(commitStateId: StateId | null, execStateId = 'exec'): { vi: VoteInfo; lci: LedgerCommitInfo } {
  const vi = { id: 'b1', round: 1, parentId: genesis.block.id, parentRound: 0, execStateId };
  return { vi, lci: { commitStateId, voteInfoHash: voteInfoHash(vi) } };
}

function vote(sender: NodeId, c = voteContent(genesis.state)): VoteMsg {
  return { kind: 'vote', voteInfo: c.vi, ledgerCommitInfo: c.lci, highCommitQc: null, sender,
    signature: mock.sign(sender, lciHash(c.lci)) };
}

describe('blocktree: processVote', () => {
  it('forms a QC at the third distinct signer, exactly once', () => {
    const { tree: t } = tree();
    expect(t.processVote(vote(0))).to.equal(null);
    expect(t.processVote(vote(2))).to.equal(null);
    const qc = t.processVote(vote(3));
    expect(qc).to.not.equal(null);
    expect(qc!.signatures.map((s) => s.signer)).to.deep.equal([0, 2, 3]);
    expect(qc!.author).to.equal(1);
    expect(t.processVote(vote(1))).to.equal(null);
  });

  it('ignores a duplicate vote from the same signer', () => {
    const { tree: t } = tree();
    t.processVote(vote(0));
    expect(t.processVote(vote(0))).to.equal(null);
    expect(t.processVote(vote(2))).to.equal(null);
    expect(t.processVote(vote(3))).to.not.equal(null);
  });

  it('counts a twin\'s byte-identical vote once', () => {
    const { tree: t } = tree();
    const c = voteContent(genesis.state);
    const [a, twin] = [vote(0, c), vote(0, c)];
    expect(twin.signature.value).to.equal(a.signature.value);
    t.processVote(a);
    t.processVote(twin);
    expect(t.processVote(vote(2, c))).to.equal(null);
  });

  it('with count_messages_not_signers, counts the twin\'s vote twice and forms a QC with a repeated signer', () => {
    const { tree: t } = tree(['count_messages_not_signers']);
    const c = voteContent(genesis.state);
    t.processVote(vote(0, c));
    t.processVote(vote(0, c));
    const qc = t.processVote(vote(2, c));
    expect(qc!.signatures.map((s) => s.signer)).to.deep.equal([0, 0, 2]);
  });

  it('keeps votes that sign different commit decisions apart', () => {
    const { tree: t } = tree();
    t.processVote(vote(0, voteContent(genesis.state)));
    t.processVote(vote(2, voteContent(null)));
    expect(t.processVote(vote(3, voteContent('other')))).to.equal(null);
    expect(t.pendingVoteSlots()).to.equal(3);
  });

  it('with small_quorum, forms a QC from two signers', () => {
    const { tree: t } = tree(['small_quorum']);
    t.processVote(vote(0));
    expect(t.processVote(vote(2))).to.not.equal(null);
  });

  it('drops vote slots two rounds behind', () => {
    const { tree: t } = tree();
    t.processVote(vote(0));
    t.gcVotes(2);
    expect(t.pendingVoteSlots()).to.equal(1);
    t.gcVotes(3);
    expect(t.pendingVoteSlots()).to.equal(0);
  });
});

describe('blocktree: processQc', () => {
  /** genesis <- B1 (r1) <- B2 (r2); QC(B2) is a commit QC for B1. */
  function chain(bugs: string[] = []): { t: ReturnType<typeof tree>; qc1: QC; qc2: QC; b1: string; b2: string } {
    const t = tree(bugs);
    const b1 = block(0, 1, genesis.qc);
    const s1 = t.ledger.speculate(b1)!;
    const qc1 = qcFor(b1, s1, [0, 1, 2], genesis.state);
    const b2 = block(1, 2, qc1);
    const qc2 = qcFor(b2, t.ledger.speculate(b2)!, [0, 1, 2], s1);
    return { t, qc1, qc2, b1: b1.id, b2: b2.id };
  }

  it('raises highQc on every QC and highCommitQc only on commit QCs, committing the parent', () => {
    const { t, qc1, qc2, b1 } = chain();
    t.tree.processQc(qc2);
    expect(t.tree.highQc).to.equal(qc2);
    expect(t.tree.highCommitQc).to.equal(qc2);
    expect(t.commits).to.deep.equal([b1]);
    t.tree.processQc(qc1);
    expect(t.tree.highQc).to.equal(qc2);
  });

  it('with commit_one_chain, commits the certified block itself', () => {
    const { t, qc1, b1 } = chain(['commit_one_chain']);
    t.tree.processQc(qc1);
    expect(t.commits).to.deep.equal([b1]);
  });

  it('without commit_one_chain, QC(B1) commits only genesis (a no-op)', () => {
    const { t, qc1 } = chain();
    t.tree.processQc(qc1);
    expect(t.commits).to.deep.equal([]);
    expect(t.tree.highCommitQc).to.equal(qc1);
  });

  it('lists the transaction keys of the uncommitted branch', () => {
    const t = tree();
    const b1 = block(0, 1, genesis.qc, [{ client: 'c', seq: 1, op: 'x' }]);
    const s1 = t.ledger.speculate(b1)!;
    const b2 = block(1, 2, qcFor(b1, s1, [0, 1, 2], genesis.state), [{ client: 'c', seq: 2, op: 'x' }]);
    t.ledger.speculate(b2);
    expect([...t.tree.branchTxnKeys(b2.id)]).to.deep.equal(['c/2', 'c/1']);
  });
});
