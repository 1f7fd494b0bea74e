// PBFT's trace view (DESIGN §9): each observation as a readable trace event for replays and reports.
// Rounds are views plus one (./module.ts); commit heights are sequence numbers.
import type { TraceViewContext } from '../../kernel/protocol-module.js';
import { genericTraceEvent, type TraceEvent } from '../../kernel/trace-event.js';
import { unreachable } from '../../kernel/unreachable.js';
import type { PbftObservation } from './observations.js';

export function traceView(tick: number, obs: PbftObservation, replica: string, _ctx: TraceViewContext): TraceEvent | null {
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
    case 'view-change':
    case 'cert-accepted':
      return null;
    default:
      return unreachable(obs);
  }
}
