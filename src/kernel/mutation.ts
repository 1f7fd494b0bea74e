// Byzantine message mutations (docs/file-formats.md, "Failure rules"): what a protocol module declares
// over its own message fields, in the small scope that finds real bugs (a round moved by one, a value
// taken from an earlier message of the same sender, an older certificate, a vote for another block).
// A mutation is applied by the network to a message a Byzantine identity sent; it holds that
// identity's key, so the module re-signs what it changes.
import type { NodeId } from './actor.js';
import type { Crypto } from './crypto.js';

export interface MutationContext<M> {
  /** Signs as any identity of the run (the chain seed's keys). */
  readonly crypto: Crypto;
  /** The identity that sent the message. */
  readonly sender: NodeId;
  /** Distinct messages the same sending replica sent to other replicas before this one, oldest first. */
  readonly earlier: readonly M[];
}

export interface MutationSpec<M> {
  /** Mutation names, as failure rules write them in `mutation`. */
  readonly names: readonly string[];
  /** The mutated message, or null when `name` does not apply to `msg` (the message then goes as sent). */
  mutate(name: string, msg: M, ctx: MutationContext<M>): M | null;
}

/**
 * Process faults on a Byzantine replica (a scenario's `setAttrs`): named integer attributes of the
 * replica's state (DiemBFT: its current round, highest voted round, highest QC round) that the
 * harness may set to any value at a trigger round.
 */
export interface AttributeSpec<A = unknown> {
  readonly names: readonly string[];
  /** Sets attribute `name` of `replica` (an actor the module created) to `value`. */
  set(replica: A, name: string, value: number): void;
}
