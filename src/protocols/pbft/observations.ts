// What a PBFT replica observes (src/kernel/observation.ts): the generic observations, then PBFT's own.
import type { GenericObservation } from '../../kernel/observation.js';

/** A checkpoint became stable at this replica with these matching signers. */
export interface CheckpointStableObservation {
  readonly type: 'checkpoint-stable';
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

export type PbftObservation = GenericObservation | CheckpointStableObservation | ViewChangeObservation;

export const PBFT_OBSERVATION_TYPES: readonly PbftObservation['type'][] = [
  'enter-round', 'propose', 'commit', 'reject', 'alarm', 'checkpoint-stable', 'view-change',
];

export function observationIndex(type: string): number {
  return (PBFT_OBSERVATION_TYPES as readonly string[]).indexOf(type);
}
