// BlockTree (diembft-v4 §6): pending votes, highQc / highCommitQc, and the pending block tree (held
// by the Ledger, which it maps 1:1). Votes aggregate per H(LedgerCommitInfo) and a slot fires once.
import type { Rules } from './bugs.js';
import { lciHash, makeBlock } from './hash.js';
import { insertionSort } from './insertion-sort.js';
import { internPayload, internQc, internSigs } from './intern.js';
import type { AlarmSink, CommitSink, Ledger } from './ledger.js';
import type { NodeId } from './protocol.js';
import { higher, txnKey, type Block, type Digest, type QC, type Round, type Sig, type Txn,
  type VoteMsg } from './types.js';

interface VoteSlot {
  readonly round: Round;
  readonly sigs: Sig[];
  readonly signers: Set<NodeId>;
  done: boolean;
}

const bySigner = (a: Sig, b: Sig): number => a.signer - b.signer;

export interface BlockTreeDeps {
  readonly me: NodeId;
  readonly ledger: Ledger;
  readonly rules: Rules;
  readonly qcQuorum: number;
  /** Safety's QC-author signature (§7 signQcAuthor). */
  readonly signQcAuthor: (sigs: readonly Sig[]) => Sig;
  readonly onCommit: CommitSink;
  readonly onAlarm: AlarmSink;
}

export class BlockTree {
  highQc: QC;
  highCommitQc: QC | null;
  private readonly pendingVotes = new Map<Digest, VoteSlot>();

  constructor(private readonly deps: BlockTreeDeps, highQc: QC, highCommitQc: QC | null) {
    this.highQc = highQc;
    this.highCommitQc = highCommitQc;
  }

  /**
   * §6 processQc. A commit QC commits the parent of its block and, by cascade, every uncommitted
   * ancestor (§14); `commitRule: one-chain` (B03) commits the certified block on every QC instead.
   * highQc is updated unconditionally (§18 A3).
   */
  processQc(qc: QC): void {
    const commitQc = qc.ledgerCommitInfo.commitStateId !== null;
    const { ledger, onCommit, onAlarm } = this.deps;
    if (this.deps.rules.commitRule === 'one-chain') ledger.commit(qc.voteInfo.id, onCommit, onAlarm);
    else if (commitQc) ledger.commit(qc.voteInfo.parentId, onCommit, onAlarm);
    if (commitQc) this.highCommitQc = higher(qc, this.highCommitQc);
    this.highQc = higher(qc, this.highQc);
  }

  /** §6 executeAndInsert; false when the parent is unknown or the block is off the committed chain. */
  executeAndInsert(b: Block): boolean {
    return this.deps.ledger.speculate(b) !== null;
  }

  /**
   * §6 processVote: aggregates votes that sign identical bytes, dedupes by signer (or counts every
   * message when `countDistinctSigners` is off, B06), and returns a QC exactly once per slot.
   */
  processVote(v: VoteMsg): QC | null {
    if (v.highCommitQc !== null) this.processQc(v.highCommitQc);   // BlockTree-level only: no round advance
    const key = lciHash(v.ledgerCommitInfo);
    let slot = this.pendingVotes.get(key);
    if (slot === undefined) {
      slot = { round: v.voteInfo.round, sigs: [], signers: new Set(), done: false };
      this.pendingVotes.set(key, slot);
    }
    if (slot.done) return null;
    if (this.deps.rules.countDistinctSigners && slot.signers.has(v.sender)) return null;
    slot.signers.add(v.sender);
    slot.sigs.push(v.signature);
    if (slot.sigs.length < this.deps.qcQuorum) return null;
    slot.done = true;
    // The slot is done, so its own list can be sorted in place (internSigs copies it if new).
    const signatures = internSigs(insertionSort(slot.sigs, bySigner));
    return internQc(v.voteInfo, v.ledgerCommitInfo, signatures, this.deps.me, this.deps.signQcAuthor(signatures));
  }

  /** §6 generateBlock: a new block extending highQc. */
  generateBlock(txns: readonly Txn[], round: Round): Block {
    return makeBlock(this.deps.me, round, internPayload(txns), this.highQc);
  }

  /** Keys of the transactions in uncommitted blocks from the root up to and including `tipId`. */
  branchTxnKeys(tipId: Digest): Set<string> {
    const keys = new Set<string>();
    const { ledger } = this.deps;
    for (let e = ledger.pendingEntry(tipId); e !== null && e.parentId !== null; e = ledger.pendingEntry(e.parentId)) {
      const payload = e.block.payload;
      for (let i = 0; i < payload.length; i++) keys.add(txnKey(payload[i]!));     // indexed: see Ledger.commit
    }
    return keys;
  }

  /** [C] Drops vote slots of rounds below currentRound - 1: the §13.3 #5 window admits no more votes for them. */
  gcVotes(currentRound: Round): void {
    for (const [key, slot] of this.pendingVotes) if (slot.round < currentRound - 1) this.pendingVotes.delete(key);
  }

  /** Number of open vote slots (for tests of garbage collection). */
  pendingVoteSlots(): number {
    return this.pendingVotes.size;
  }
}
