// DiemBFT v4 data types (diembft-v4 §3). Field names follow the paper, camelCased. Every message is
// immutable once built: replicas share messages by reference, and the memo tables in ./hash.ts and
// ./validation.ts key on object identity.
import type { Digest, Sig } from '../../kernel/hash.js';
import type { NodeId } from './protocol.js';

export type Round = number;
/** A hex digest and a signature with its signer (§18 A19: TC entries need signer ids). */
export type { Digest, Sig } from '../../kernel/hash.js';
export type StateId = Digest;

/** A client transaction; opaque to consensus. Its key is `client + "/" + seq` (§10). */
export interface Txn {
  readonly client: string;
  readonly seq: number;
  readonly op: string;
}

export interface Block {
  /** H(["block", author, round, H(payload), qc.voteInfo.id, H(qcsigs)]) (§2); recomputed by receivers. */
  readonly id: Digest;
  /** Proposer; null only for genesis. */
  readonly author: NodeId | null;
  readonly round: Round;
  readonly payload: readonly Txn[];
  /** Certificate for the parent block; null only for genesis. */
  readonly qc: QC | null;
}

export interface VoteInfo {
  readonly id: Digest;
  readonly round: Round;
  readonly parentId: Digest;
  readonly parentRound: Round;
  readonly execStateId: StateId;
}

/** What a vote actually signs (§3). */
export interface LedgerCommitInfo {
  /** State of the block this vote would commit, or null when no commit follows. */
  readonly commitStateId: StateId | null;
  readonly voteInfoHash: Digest;
}

export interface QC {
  readonly voteInfo: VoteInfo;
  readonly ledgerCommitInfo: LedgerCommitInfo;
  /** At least a quorum of distinct signers, sorted by signer, all over H(ledgerCommitInfo). */
  readonly signatures: readonly Sig[];
  /** Replica identity that assembled it; null for genesis. */
  readonly author: NodeId | null;
  /** Over H(["qcsigs", ...signatures]); null for genesis. */
  readonly authorSignature: Sig | null;
}

export interface TimeoutInfo {
  readonly round: Round;
  readonly highQc: QC;
  readonly sender: NodeId;
  /** Over H(["tmo", round, highQc.voteInfo.round]). */
  readonly signature: Sig;
}

export interface TC {
  readonly round: Round;
  /** Aligned with tmoSignatures. */
  readonly tmoHighQcRounds: readonly Round[];
  /** Sorted by signer. */
  readonly tmoSignatures: readonly Sig[];
}

export interface ProposalMsg {
  readonly kind: 'proposal';
  readonly block: Block;
  /** TC(block.round - 1) when block.qc is not from round - 1; else null. */
  readonly lastRoundTc: TC | null;
  readonly highCommitQc: QC | null;
  /** The proposer's signature over block.id. */
  readonly signature: Sig;
}

export interface VoteMsg {
  readonly kind: 'vote';
  readonly voteInfo: VoteInfo;
  readonly ledgerCommitInfo: LedgerCommitInfo;
  readonly highCommitQc: QC | null;
  readonly sender: NodeId;
  /** Over H(ledgerCommitInfo). */
  readonly signature: Sig;
}

export interface TimeoutMsg {
  readonly kind: 'timeout';
  readonly tmoInfo: TimeoutInfo;
  /** TC(tmoInfo.round - 1) when highQc is not from round - 1; else null. */
  readonly lastRoundTc: TC | null;
  readonly highCommitQc: QC | null;
}

export type DiemMessage = ProposalMsg | VoteMsg | TimeoutMsg;

/** The round of a QC: the round of the block it certifies (§3 `rnd`). */
export function rnd(qc: QC): Round {
  return qc.voteInfo.round;
}

/** §3 `higher`: the QC of the higher round; ties keep the one already held (§18 A22). */
export function higher(a: QC, b: QC | null): QC {
  return b === null || rnd(a) > rnd(b) ? a : b;
}

/** A QC whose votes agreed to commit the certified block's parent (§14). */
export function isCommitQc(qc: QC): boolean {
  return qc.ledgerCommitInfo.commitStateId !== null;
}

export function txnKey(t: Txn): string {
  return `${t.client}/${t.seq}`;
}
