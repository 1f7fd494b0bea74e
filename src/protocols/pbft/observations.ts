// What a PBFT replica observes (src/kernel/observation.ts): the generic observations, then PBFT's own.
import type { GenericObservation } from '../../kernel/observation.js';

/** A checkpoint became stable at this replica with these matching signers. */
export interface CheckpointStableObservation {
  readonly type: 'checkpoint-stable';
  /** The replica's round (its view plus one) when the checkpoint became stable. */
  readonly round: number;
  readonly seq: number;
  readonly digest: string;
  readonly signers: readonly number[];
}

/** The replica multicast VIEW-CHANGE to the view of round `round`, with this many prepared certificates. */
export interface ViewChangeObservation {
  readonly type: 'view-change';
  readonly round: number;
  readonly certificates: number;
}

/**
 * The replica accepted a certificate: prepared (the pre-prepare's primary and the prepares),
 * committed-local (the commits, or a fetched entry's), or a NEW-VIEW (the senders of V).
 */
export interface CertAcceptedObservation {
  readonly type: 'cert-accepted';
  readonly cert: 'prepared' | 'committed' | 'new-view';
  readonly view: number;
  readonly seq: number;
  readonly digest: string;
  readonly signers: readonly number[];
}

export type PbftObservation = GenericObservation | CheckpointStableObservation | ViewChangeObservation | CertAcceptedObservation;

export const PBFT_OBSERVATION_TYPES: readonly PbftObservation['type'][] = [
  'enter-round', 'propose', 'commit', 'reject', 'alarm', 'checkpoint-stable', 'view-change', 'cert-accepted',
];

export function observationIndex(type: string): number {
  return (PBFT_OBSERVATION_TYPES as readonly string[]).indexOf(type);
}
