// DiemBFT's view of the kernel interfaces (src/kernel): its observations, its replica options, and
// the kernel types its files use, re-exported under the names the replica code reads.
import type { Actor, ActorInput, ActorOutput, NodeId } from '../../kernel/actor.js';
import type { CryptoKind } from '../../kernel/crypto.js';
import type { AlarmObservation, CommitObservation, RejectObservation } from '../../kernel/observation.js';
import type { Service } from '../../kernel/service.js';

export type { ClientTxn, NodeId } from '../../kernel/actor.js';
export type { Store } from '../../kernel/store.js';

/** Message kinds the network partitions by; `sync` is block fetching. */
export type MessageKind = 'proposal' | 'vote' | 'timeout';

/**
 * What a DiemBFT replica observed or did: the generic observations (src/kernel/observation.ts) and
 * DiemBFT's own. Ids are hex digests; `round` is the protocol round.
 */
export type Observation =
  | { readonly type: 'enter-round'; readonly round: number; readonly via: 'qc' | 'tc' | 'start' }
  | { readonly type: 'propose'; readonly round: number; readonly blockId: string; readonly parentId: string;
      readonly qcRound: number; readonly tcRound: number | null;
      /** Round of the high commit QC the proposal carries (null: none). */
      readonly highCommitQcRound: number | null }
  | { readonly type: 'vote'; readonly round: number; readonly blockId: string; readonly parentId: string;
      readonly parentRound: number; readonly qcRound: number; readonly commitStateId: string | null; readonly lciHash: string;
      readonly blockAuthor: NodeId; readonly to: NodeId;
      /** Round of the high commit QC the vote carries (null: none). */
      readonly highCommitQcRound: number | null }
  | { readonly type: 'timeout'; readonly round: number; readonly highQcRound: number }
  /** The replica's own timer for `round` fired while it was in that round. Not traced (the harness traces timers). */
  | { readonly type: 'timer-fired'; readonly round: number }
  /**
   * A timeout message of `sender` for `round` passed validation and sync, observed once the certificates
   * it carries have been processed and just before it is counted. Not traced (deliveries are).
   */
  | { readonly type: 'timeout-received'; readonly round: number; readonly sender: NodeId }
  /**
   * A vote of `sender` passed validation and sync and is about to be counted; `lciHash` is what it
   * signed (H(LedgerCommitInfo)), by which votes are aggregated. Not traced (deliveries are).
   */
  | { readonly type: 'vote-received'; readonly round: number; readonly sender: NodeId; readonly blockId: string;
      readonly lciHash: string }
  | { readonly type: 'qc-formed'; readonly round: number; readonly blockId: string; readonly cert: unknown }
  | { readonly type: 'tc-formed'; readonly round: number; readonly cert: unknown }
  /** A certificate accepted from a message (emitted once per distinct certificate per replica). */
  | { readonly type: 'cert-accepted'; readonly certKind: 'qc' | 'tc'; readonly round: number; readonly cert: unknown }
  | CommitObservation
  | RejectObservation
  | AlarmObservation;

export type ReplicaInput<M> = ActorInput<M>;
export type ReplicaOutput<M> = ActorOutput<M, Observation>;
export type Replica<M> = Actor<M, Observation>;

/** DiemBFT's leader election when the harness does not dictate leaders (diembft-v4 §9). */
export type LeaderElectionMode = 'round-robin' | 'reputation';

export interface ReplicaOptions {
  readonly id: NodeId;
  readonly n: number;
  /** Named bug switches (see ./bugs.ts). Unknown names are rejected by the factory. */
  readonly bugs: readonly string[];
  readonly crypto: CryptoKind;
  readonly roundTimeoutTicks: number;
  /** Re-broadcast a timeout when the round timer fires again (§8 [X]). */
  readonly retransmitTimeouts: boolean;
  /** Leader of a round as the harness dictates, or null to use the replica's own election. */
  readonly leaderOverride: ((round: number) => NodeId | null) | null;
  readonly leaderElection: LeaderElectionMode;
  /** Mempool marker: replicas with different markers propose different blocks (§10, Twins). */
  readonly marker: string;
  /** Chain seed for the genesis block id and the keys. Same for all replicas of a run. */
  readonly chainSeed: string;
  /** The replicated application committed blocks are applied to. */
  readonly service: Service;
}
