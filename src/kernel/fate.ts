// Message fates (DESIGN §3): what the network does with one message in flight. A host asks its fault
// policy for the fate of every message an actor sends to another, and carries the fate out. Fates are
// data: the simulator draws no randomness of its own for them (a policy that wants randomness holds a
// seeded stream), so the same policy and the same run give the same fates.
import type { Envelope } from './envelope.js';

export type Fate<M> =
  /** Delivered after `delayTicks` ticks, or after the network's own link delay when null. */
  | { readonly kind: 'deliver'; readonly delayTicks: number | null }
  /** Never delivered; `reason` names the rule that dropped it in traces ("partition", "loss", ...). */
  | { readonly kind: 'drop'; readonly reason: string }
  /** Delivered once per entry of `delaysTicks` (null: the network's own link delay for that copy). */
  | { readonly kind: 'duplicate'; readonly delaysTicks: readonly (number | null)[] }
  /** `message` is delivered instead, after `delayTicks` (null: the network's own link delay). */
  | { readonly kind: 'replace'; readonly message: M; readonly delayTicks: number | null };

/** The common fate, shared: delivery after the network's own delay. */
export const DELIVER: Fate<never> = Object.freeze({ kind: 'deliver', delayTicks: null });

/** A drop fate for `reason`, to be made once and shared by a policy. */
export function dropFate(reason: string): Fate<never> {
  return Object.freeze({ kind: 'drop', reason });
}

/**
 * Decides the fate of each message. The envelope belongs to the host, which rewrites it for the next
 * message: a policy reads it during `fate` and keeps none of it.
 */
export interface FaultPolicy<M = unknown> {
  fate(env: Envelope<M>, tick: number): Fate<M>;
}

/**
 * Policies in order: the first one that decides anything but plain delivery decides; a message every
 * policy delivers is delivered. So a drop by an earlier policy hides the message from later ones.
 */
export function composePolicies<M>(...policies: readonly FaultPolicy<M>[]): FaultPolicy<M> {
  if (policies.length === 1) return policies[0]!;
  return {
    fate(env, tick) {
      for (let i = 0; i < policies.length; i++) {
        const f = policies[i]!.fate(env, tick);
        if (f.kind !== 'deliver' || f.delayTicks !== null) return f;
      }
      return DELIVER;
    },
  };
}

/** Delivers everything: the fault-free network. */
export const NO_FAULTS: FaultPolicy<never> = Object.freeze({ fate: () => DELIVER });
