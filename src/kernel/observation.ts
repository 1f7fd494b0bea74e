// What an actor observed or did, for oracles, traces and reports (DESIGN §3). Emitted as data, never
// read back by the actor. Every protocol emits the generic observations below, which the generic
// oracles read; a protocol adds its own types (DiemBFT: votes, timeouts, certificates).

import type { ClientTxn } from './actor.js';

/** Every observation has a type; a protocol's own observation types extend this. */
export interface ObservationBase { readonly type: string }

/** The actor entered round (or view) `round`; `via` names what moved it there ("qc", "tc", "start"). */
export interface EnterRoundObservation {
  readonly type: 'enter-round';
  readonly round: number;
  readonly via: string;
}

/** The actor proposed entry `blockId` for round `round`, extending `parentId`. */
export interface ProposeObservation {
  readonly type: 'propose';
  readonly round: number;
  readonly blockId: string;
  readonly parentId: string;
}

/**
 * The actor committed entry `blockId` at log height `height` (1, 2, ...), extending `parentId`;
 * `stateId` is the digest of the replicated state after it.
 */
export interface CommitObservation {
  readonly type: 'commit';
  readonly height: number;
  readonly blockId: string;
  readonly round: number;
  readonly stateId: string;
  readonly author: number | null;
  readonly parentId: string;
  /** The entry's requests in order, what the service replied to each, and its state digest after. */
  readonly requests?: readonly ClientTxn[];
  readonly results?: readonly string[];
  readonly serviceDigest?: string;
}

/** A protocol rejection, with both values compared (STYLE rule 5). Trace-only. */
export interface RejectObservation { readonly type: 'reject'; readonly what: string; readonly detail: string }

/** A local safety alarm: the actor found evidence that safety broke. */
export interface AlarmObservation { readonly type: 'alarm'; readonly detail: string }

export type GenericObservation =
  | EnterRoundObservation | ProposeObservation | CommitObservation | RejectObservation | AlarmObservation;

/** The generic observation types, which every protocol lists first in its `observationTypes`. */
export const GENERIC_OBSERVATION_TYPES = ['enter-round', 'propose', 'commit', 'reject', 'alarm'] as const;
