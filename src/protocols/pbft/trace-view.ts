// PBFT's trace view (DESIGN §9): each observation as a readable trace event for replays and reports.
// Rounds are views plus one (./module.ts); commit heights are sequence numbers. A prepared
// certificate formed at a replica is a `qc` event (its pre-prepare's primary and prepares as
// signers), a stable checkpoint a `tc` event (its matching CHECKPOINT senders), a VIEW-CHANGE sent a
// `timeout` event counting its prepared certificates; ./vocabulary.ts names them for reports.
import type { TraceViewContext } from '../../kernel/protocol-module.js';
import { genericTraceEvent, type TraceEvent } from '../../kernel/trace-event.js';
import { unreachable } from '../../kernel/unreachable.js';
import type { PbftObservation } from './observations.js';

export function traceView(tick: number, obs: PbftObservation, replica: string, ctx: TraceViewContext): TraceEvent | null {
  switch (obs.type) {
    case 'enter-round':
    case 'commit':
    case 'reject':
    case 'alarm':
      return genericTraceEvent(tick, obs, replica);
    case 'propose':
      return { tick, type: 'propose', replica, round: obs.round, blockId: obs.blockId, parentId: obs.parentId,
        qcRound: obs.round - 1, tcRound: null };
    case 'checkpoint-stable':
      return { tick, type: 'tc', replica, round: obs.round, formed: true,
        cert: { kind: 'tc', round: obs.round, signers: obs.signers.map((s) => ctx.identityName(s)) } };
    case 'view-change':
      return { tick, type: 'timeout', replica, round: obs.round, highQcRound: obs.certificates };
    case 'cert-accepted':
      if (obs.cert !== 'prepared') return null;
      return { tick, type: 'qc', replica, round: obs.view + 1, formed: true,
        cert: { kind: 'qc', round: obs.view + 1, blockId: obs.digest, signers: obs.signers.map((s) => ctx.identityName(s)) } };
    default:
      return unreachable(obs);
  }
}
