// DiemBFT v4 data types (diembft-v4 §3). Field names follow the paper, camelCased. Every message is
// immutable once built: replicas share messages by reference, and the memo tables in ./hash.ts and
// ./validation.ts key on object identity.
import type { Digest, Sig } from '../../kernel/hash.js';
import type { NodeId } from './protocol.js';
import { unreachable } from '../../kernel/unreachable.js';

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

/** The messages consensus handlers read (§4); Twins scripts partitions for their kinds. */
export type ConsensusMessage = ProposalMsg | VoteMsg | TimeoutMsg;

/**
 * §11 sync, as messages: a replica that received a message referencing blocks it lacks asks the
 * message's sender for them, and handles the message once they arrive.
 */
export interface SyncRequestMsg {
  readonly kind: 'sync-request';
  /** The round tag of the message that needs the blocks; the network partitions sync by it. */
  readonly round: Round;
  /** The blocks asked for. */
  readonly ids: readonly Digest[];
  /** The asker's committed tip: the responder walks each branch down to it, not further. */
  readonly tipId: Digest;
}

export interface SyncResponseMsg {
  readonly kind: 'sync-response';
  readonly round: Round;
  /** The ids of the request this answers. */
  readonly ids: readonly Digest[];
  /** The blocks asked for that the responder holds, each followed by its ancestors; untrusted. */
  readonly blocks: readonly Block[];
}

export type SyncMessage = SyncRequestMsg | SyncResponseMsg;

export type DiemMessage = ConsensusMessage | SyncMessage;

/** The round a message is tagged with (§16.2): block.round, voteInfo.round, tmoInfo.round, or a sync message's round. */
export function roundOf(msg: DiemMessage): Round {
  switch (msg.kind) {
    case 'proposal': return msg.block.round;
    case 'vote': return msg.voteInfo.round;
    case 'timeout': return msg.tmoInfo.round;
    case 'sync-request': return msg.round;
    case 'sync-response': return msg.round;
    default: return unreachable(msg);
  }
}

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
