// The narrow interface between the simulator and a replica implementation (DESIGN §3, §4).
// The simulator knows nothing of DiemBFT beyond this file: a second protocol plugs in by providing
// another `Protocol`.

/** Validator identity index, 0..n-1. */
export type NodeId = number;

/** Message kinds the network partitions by. Matches scenario MessageType minus `sync`. */
export type MessageKind = 'proposal' | 'vote' | 'timeout';

/**
 * Looks up a block (or any protocol object) by id at the replica that sent the message being
 * delivered (§11 Mode A sync). Returns null when the sender cannot supply it, or when the network
 * drops sync traffic on that link.
 */
export type BlockFetcher = (id: string) => unknown | null;

/** A client request (diembft-v4 §15): opaque to consensus; its key is `client + "/" + seq`. */
export interface ClientTxn {
  readonly client: string;
  readonly seq: number;
  readonly op: string;
}

export type ReplicaInput<M> =
  | { readonly kind: 'start' }
  | { readonly kind: 'message'; readonly from: NodeId; readonly msg: M; readonly fetch: BlockFetcher }
  | { readonly kind: 'timer'; readonly round: number }
  /** A client transaction for the replica's mempool (§10, §15). Client traffic is unpartitioned. */
  | { readonly kind: 'client'; readonly txn: ClientTxn };

/**
 * What a replica observed or did, for oracles, traces and reports. Emitted as data; never read back
 * by the replica. Ids are hex digests; `round` is the protocol round.
 */
export type Observation =
  | { readonly type: 'enter-round'; readonly round: number; readonly via: 'qc' | 'tc' | 'start' }
  | { readonly type: 'propose'; readonly round: number; readonly blockId: string; readonly parentId: string;
      readonly qcRound: number; readonly tcRound: number | null }
  | { readonly type: 'vote'; readonly round: number; readonly blockId: string; readonly parentRound: number;
      readonly qcRound: number; readonly commitStateId: string | null; readonly lciHash: string;
      readonly blockAuthor: NodeId; readonly to: NodeId }
  | { readonly type: 'timeout'; readonly round: number; readonly highQcRound: number }
  | { readonly type: 'qc-formed'; readonly round: number; readonly blockId: string; readonly cert: unknown }
  | { readonly type: 'tc-formed'; readonly round: number; readonly cert: unknown }
  /** A certificate accepted from a message (emitted once per distinct certificate per replica). */
  | { readonly type: 'cert-accepted'; readonly certKind: 'qc' | 'tc'; readonly round: number; readonly cert: unknown }
  | { readonly type: 'commit'; readonly height: number; readonly blockId: string; readonly round: number;
      readonly stateId: string; readonly author: NodeId | null; readonly parentId: string }
  /** A protocol rejection, with both values compared (STYLE rule 5). Trace-only. */
  | { readonly type: 'reject'; readonly what: string; readonly detail: string }
  /** A local safety alarm: sync found a conflicting block, or a commit did not extend the tip. */
  | { readonly type: 'alarm'; readonly detail: string };

export type ReplicaOutput<M> =
  | { readonly kind: 'send'; readonly to: NodeId; readonly msg: M }
  | { readonly kind: 'broadcast'; readonly msg: M }
  /** Arms the replica's single round timer; a new one replaces the previous one. */
  | { readonly kind: 'set-timer'; readonly round: number; readonly delayTicks: number }
  | { readonly kind: 'observe'; readonly obs: Observation };

export interface Replica<M> {
  /**
   * Handles one input to completion and returns what it wants done, in order. The input object is
   * the caller's: it may be reused once `step` returns, so a replica keeps its fields, never it.
   */
  step(input: ReplicaInput<M>): readonly ReplicaOutput<M>[];
  /** Answers a sync request from a peer (§11): a block this replica holds, or null. */
  serve(id: string): unknown | null;
}

export interface ReplicaOptions {
  readonly id: NodeId;
  readonly n: number;
  /** Named bug switches (see src/core/bugs.ts). Unknown names are rejected by the factory. */
  readonly bugs: readonly string[];
  readonly crypto: 'mock' | 'ed25519';
  readonly roundTimeoutTicks: number;
  /** Re-broadcast a timeout when the round timer fires again (§8 [X]). */
  readonly retransmitTimeouts: boolean;
  /** Leader of a round as the harness dictates, or null to use the replica's own election. */
  readonly leaderOverride: ((round: number) => NodeId | null) | null;
  readonly leaderElection: 'round-robin' | 'reputation';
  /** Mempool marker: replicas with different markers propose different blocks (§10, Twins). */
  readonly marker: string;
  /** Chain seed for the genesis block id. Same for all replicas of a run. */
  readonly chainSeed: string;
}

/**
 * Persistent store of one replica (§12). The simulator keeps it across crash and restart; the
 * replica writes to it and reads it back on restart. Opaque to the simulator.
 */
export interface Store { readonly data: Map<string, unknown> }

export interface Protocol<M> {
  readonly name: string;
  /** Creates a replica; `store` is empty on first start and carries state across a restart. */
  create(options: ReplicaOptions, store: Store): Replica<M>;
  /** The round a message is tagged with (DESIGN §2). */
  roundTag(msg: M): number;
  kind(msg: M): MessageKind;
  /** Quorum and fault threshold for n identities. */
  thresholds(n: number): { readonly f: number; readonly quorum: number };
  /** Verifies a certificate's signatures independently of any replica, for oracle O3. */
  /**
   * `chainSeed` is the run's chain seed (signing keys derive from it); pass it. Without it, the
   * check uses the key set of a recent run in this process under which the certificate's first
   * signature verifies.
   */
  checkCert(cert: unknown, certKind: 'qc' | 'tc', n: number, crypto: 'mock' | 'ed25519', chainSeed?: string):
    { readonly ok: true; readonly signers: readonly NodeId[] }
    | { readonly ok: false; readonly reason: string; readonly signers?: readonly NodeId[] };
  /** Names of the bug switches this protocol understands. */
  readonly bugNames: readonly string[];
  /** A short readable description of a message for traces ("proposal r3 block 1a2b by 0"). */
  describe(msg: M): string;
}
