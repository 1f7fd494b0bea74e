// PBFT messages (pbft.md §2, signature version). Every message a replica sends is signed over the
// digest of its fields (./digests.ts); certificates are sets of such messages. A pre-prepare carries
// its batch of client requests next to the signed part, bound by the digest `d` (pbft.md C1 [X]:
// batches; an empty batch keeps the log moving when no client request is pending, §2.1 below).
import type { ClientTxn, NodeId } from '../../kernel/actor.js';
import type { Digest, Sig } from '../../kernel/hash.js';

/**
 * What the primary orders at one sequence number: up to `B` client requests in arrival order, and the
 * primary's marker (ReplicaContext.marker), so that the replicas of a twinned primary order different
 * batches at one sequence number, as DiemBFT's twinned leaders propose different blocks.
 */
export interface Batch {
  readonly seq: number;
  readonly marker: string;
  readonly txns: readonly ClientTxn[];
}

/** ⟨PRE-PREPARE, v, n, d⟩ signed by primary(v), with the batch piggybacked (unsigned, bound by d). */
export interface PrePrepare {
  readonly kind: 'pre-prepare';
  readonly v: number;
  readonly seq: number;
  readonly d: Digest;
  readonly batch: Batch;
  readonly sig: Sig;
}

/** ⟨PREPARE, v, n, d, i⟩ and ⟨COMMIT, v, n, d, i⟩, signed by i. */
export interface Vote {
  readonly kind: 'prepare' | 'commit';
  readonly v: number;
  readonly seq: number;
  readonly d: Digest;
  readonly i: NodeId;
  readonly sig: Sig;
}

/** ⟨CHECKPOINT, n, d, i⟩ signed by i; `v` is the sender's view, for the Twins round tag. */
export interface Checkpoint {
  readonly kind: 'checkpoint';
  readonly v: number;
  readonly seq: number;
  readonly d: Digest;
  readonly i: NodeId;
  readonly sig: Sig;
}

/** A replica that fell behind the window asks one that is ahead for what it committed from `fromSeq`. */
export interface Fetch {
  readonly kind: 'fetch';
  readonly v: number;
  readonly fromSeq: number;
  readonly i: NodeId;
  readonly sig: Sig;
}

/** One committed sequence number with its proof: the batch and Q matching COMMITs of distinct replicas. */
export interface CommittedEntry {
  readonly v: number;
  readonly batch: Batch;
  readonly d: Digest;
  readonly commits: readonly Vote[];
}

/** The answer to a Fetch; each entry proves itself, so the sender need not be trusted. */
export interface Committed {
  readonly kind: 'committed';
  readonly v: number;
  readonly entries: readonly CommittedEntry[];
  readonly i: NodeId;
}

/** P_m: a pre-prepare (with its batch, C7) and Q-1 matching PREPAREs of distinct backups, sorted by sender. */
export interface PreparedCert {
  readonly pp: PrePrepare;
  readonly prepares: readonly Vote[];
}

/** A stable checkpoint's proof: Q matching CHECKPOINTs of distinct replicas; empty for the genesis seq 0. */
export interface CheckpointProof {
  readonly seq: number;
  readonly d: Digest;
  readonly msgs: readonly Checkpoint[];
}

/** ⟨VIEW-CHANGE, v, n, C, P, i⟩ signed by i: `v` is the view being moved to, `C` proves checkpoint n. */
export interface ViewChange {
  readonly kind: 'view-change';
  readonly v: number;
  readonly C: CheckpointProof;
  /** At most one certificate per seq in (C.seq, C.seq + L], sorted by seq. */
  readonly P: readonly PreparedCert[];
  readonly i: NodeId;
  readonly sig: Sig;
}

/** ⟨NEW-VIEW, v, V, O⟩ signed by primary(v): Q view-changes sorted by sender, and the re-issued pre-prepares. */
export interface NewView {
  readonly kind: 'new-view';
  readonly v: number;
  readonly V: readonly ViewChange[];
  readonly O: readonly PrePrepare[];
  readonly i: NodeId;
  readonly sig: Sig;
}

export type PbftMessage = PrePrepare | Vote | Checkpoint | Fetch | Committed | ViewChange | NewView;
