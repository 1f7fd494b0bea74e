// The replicated application behind consensus (DESIGN §3): a deterministic state machine that a
// protocol applies committed requests to, in commit order. `apply` is pure: the same state and
// request give the same next state and reply on every replica.
import type { ClientTxn } from './actor.js';

export interface ServiceResult<S> {
  readonly state: S;
  /** The reply a client gets for the request; part of the replicated execution result. */
  readonly reply: string;
}

export interface Service<S = unknown> {
  readonly name: string;
  /** The state before any request. */
  initial(): S;
  apply(state: S, request: ClientTxn): ServiceResult<S>;
  /** A canonical digest of a state, equal on every replica that holds an equal state. */
  digest(state: S): string;
  /**
   * The reply stored for the request's (client, request number) in `state`, or undefined if it never
   * ran. Only a service that deduplicates requests keeps stored replies (src/services/dedup.ts); a
   * replica sends clients signed replies only for such a service.
   */
  storedReply?(state: S, request: ClientTxn): string | undefined;
  /**
   * The service's declared invariants over one step (state before, request, state after): what is
   * wrong, or an empty list when all hold. The service oracles check them at every commit.
   */
  invariants?(before: S, request: ClientTxn, after: S): readonly string[];
}
