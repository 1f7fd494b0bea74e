// PBFT's trace view (DESIGN §9): each observation as a readable trace event for replays and reports.
// Rounds are views plus one (./module.ts); commit heights are sequence numbers.
import type { TraceViewContext } from '../../kernel/protocol-module.js';
import type { TraceEvent } from '../../kernel/trace-event.js';
import { unreachable } from '../../kernel/unreachable.js';
import type { PbftObservation } from './observations.js';

export function traceView(tick: number, obs: PbftObservation, replica: string, _ctx: TraceViewContext): TraceEvent | null {
  switch (obs.type) {
    case 'enter-round':
      return { tick, type: 'enter-round', replica, round: obs.round, via: obs.via };
    case 'propose':
      return { tick, type: 'propose', replica, round: obs.round, blockId: obs.blockId, parentId: obs.parentId,
        qcRound: obs.round - 1, tcRound: null };
    case 'commit':
      return { tick, type: 'commit', replica, round: obs.round, height: obs.height, blockId: obs.blockId };
    case 'reject':
      return { tick, type: 'reject', replica, detail: `${obs.what}: ${obs.detail}` };
    case 'alarm':
      return { tick, type: 'alarm', replica, detail: obs.detail };
    case 'checkpoint-stable':
    case 'view-change':
    case 'cert-accepted':
      return null;
    default:
      return unreachable(obs);
  }
}
