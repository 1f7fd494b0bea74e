// Actors (DESIGN §3, §4): every participant of a simulated or real run is a pure state machine with
// one synchronous `step(input) -> outputs`. Replicas and clients (./client.ts) are actors. An actor
// never calls the network or reads a clock: the host (the simulator, or later a network host) owns
// time, order and faults, and carries out the outputs. Actors talk only through messages: one that
// needs another's data (a replica missing blocks) asks for it in a message and gets it in one.
import type { ObservationBase } from './observation.js';
import type { SignedReply } from './reply.js';

/** Validator identity index, 0..n-1. */
export type NodeId = number;

/** A client request for the replicated service (diembft-v4 §15): its key is `client + "/" + seq`. */
export interface ClientTxn {
  readonly client: string;
  readonly seq: number;
  readonly op: string;
}

export type ActorInput<M> =
  | { readonly kind: 'start' }
  | { readonly kind: 'message'; readonly from: NodeId; readonly msg: M }
  | { readonly kind: 'timer'; readonly round: number }
  /** A client request for the replica's mempool (docs/services.md: how client traffic meets faults). */
  | { readonly kind: 'client'; readonly txn: ClientTxn };

export type ActorOutput<M, O extends ObservationBase> =
  | { readonly kind: 'send'; readonly to: NodeId; readonly msg: M }
  | { readonly kind: 'broadcast'; readonly msg: M }
  /** Arms the actor's single round timer; a new one replaces the previous one. */
  | { readonly kind: 'set-timer'; readonly round: number; readonly delayTicks: number }
  | { readonly kind: 'observe'; readonly obs: O }
  /** A signed reply to the client `reply.client` names (docs/services.md); the host routes it. */
  | { readonly kind: 'reply'; readonly reply: SignedReply };

export interface Actor<M, O extends ObservationBase> {
  /**
   * Handles one input to completion and returns what it wants done, in order. The input object is
   * the caller's: it may be reused once `step` returns, so an actor keeps its fields, never it.
   */
  step(input: ActorInput<M>): readonly ActorOutput<M, O>[];
}
