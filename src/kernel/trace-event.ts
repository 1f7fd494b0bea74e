// The readable trace of a run (DESIGN §9): one event per delivery, drop, timer, observation and
// harness action, in execution order. Replays and reports read it; a protocol module's trace view
// turns its observations into these events.
import type { Violation } from './oracle.js';
import type { AlarmObservation, CommitObservation, EnterRoundObservation, RejectObservation } from './observation.js';

/** A certificate as shown in traces: its round, block (for a QC) and signer replica identities. */
export interface CertView {
  readonly kind: 'qc' | 'tc';
  readonly round: number;
  readonly blockId?: string;
  readonly signers: readonly string[];
}

/** One trace event, in execution order. `tick` is simulator time; `replica` a replica name. */
export type TraceEvent =
  | { readonly tick: number; readonly type: 'deliver'; readonly from: string; readonly to: string;
      readonly kind: string; readonly round: number; readonly what: string }
  | { readonly tick: number; readonly type: 'drop'; readonly from: string; readonly to: string;
      readonly kind: string; readonly round: number; readonly reason: string }
  | { readonly tick: number; readonly type: 'timer'; readonly replica: string; readonly round: number }
  | { readonly tick: number; readonly type: 'enter-round'; readonly replica: string; readonly round: number; readonly via: string }
  | { readonly tick: number; readonly type: 'propose'; readonly replica: string; readonly round: number;
      readonly blockId: string; readonly parentId: string; readonly qcRound: number; readonly tcRound: number | null }
  | { readonly tick: number; readonly type: 'vote'; readonly replica: string; readonly round: number;
      readonly blockId: string; readonly to: string; readonly commits: boolean }
  | { readonly tick: number; readonly type: 'timeout'; readonly replica: string; readonly round: number; readonly highQcRound: number }
  | { readonly tick: number; readonly type: 'qc' | 'tc'; readonly replica: string; readonly round: number;
      readonly cert: CertView; readonly formed: boolean }
  | { readonly tick: number; readonly type: 'commit'; readonly replica: string; readonly round: number;
      readonly height: number; readonly blockId: string }
  | { readonly tick: number; readonly type: 'reject' | 'alarm'; readonly replica: string; readonly detail: string }
  | { readonly tick: number; readonly type: 'heal' }
  | { readonly tick: number; readonly type: 'crash' | 'restart'; readonly replica: string }
  | { readonly tick: number; readonly type: 'violation'; readonly violation: Violation }
  /** A client sent (`attempt` > 0: again), accepted a result for, or finished its requests. */
  | { readonly tick: number; readonly type: 'client'; readonly client: string; readonly what: 'send' | 'accept' | 'done';
      readonly seq: number; readonly detail: string };

/**
 * The trace event of a generic observation that every protocol shows the same way (`propose` is left to
 * the protocol: its event carries the rounds of the certificates the proposal extends).
 */
export function genericTraceEvent(tick: number,
  obs: EnterRoundObservation | CommitObservation | RejectObservation | AlarmObservation, replica: string): TraceEvent {
  switch (obs.type) {
    case 'enter-round': return { tick, type: 'enter-round', replica, round: obs.round, via: obs.via };
    case 'commit': return { tick, type: 'commit', replica, round: obs.round, height: obs.height, blockId: obs.blockId };
    case 'reject': return { tick, type: 'reject', replica, detail: `${obs.what}: ${obs.detail}` };
    case 'alarm': return { tick, type: 'alarm', replica, detail: obs.detail };
  }
}
