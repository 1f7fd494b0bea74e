// Clients (docs/services.md): actors outside the replica set that send requests to every replica and
// accept a result once enough replicas vouch for it. Like a replica, a client is a pure state
// machine: the host owns time and the network, delivers the replies replicas send it, fires the
// timers it sets and carries out its outputs.
import type { ClientTxn } from './actor.js';
import type { SignedReply } from './reply.js';

export type ClientInput =
  | { readonly kind: 'start' }
  /** A reply a replica sent this client; a Byzantine replica may send anything. */
  | { readonly kind: 'reply'; readonly reply: SignedReply }
  /** The timer set with this token fired. */
  | { readonly kind: 'timer'; readonly token: number };

export type ClientOutput =
  /** Sends the request to every replica. */
  | { readonly kind: 'request'; readonly txn: ClientTxn }
  /** Fires a `timer` input with `token` after `delayTicks`; timers are never cancelled. */
  | { readonly kind: 'set-timer'; readonly token: number; readonly delayTicks: number }
  | { readonly kind: 'observe'; readonly obs: ClientObservation };

/** What a client did, for the service oracles and traces. */
export type ClientObservation =
  /** The client sent request `seq` (`attempt` 0 first, then retransmissions). */
  | { readonly type: 'client-send'; readonly client: string; readonly seq: number; readonly attempt: number }
  /** The client accepted `result` for request `seq`: `signers` (distinct identities) sent matching replies. */
  | { readonly type: 'client-accept'; readonly client: string; readonly seq: number; readonly result: string;
      readonly height: number; readonly stateDigest: string; readonly signers: readonly number[] }
  /** Every request of the client's workload was accepted. */
  | { readonly type: 'client-done'; readonly client: string; readonly workload: number };

export interface ClientActor {
  /** The client's name: the `client` of its requests, and what replies are addressed to. */
  readonly name: string;
  step(input: ClientInput): readonly ClientOutput[];
}
