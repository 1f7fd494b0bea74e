// DiemBFT's trace view (DESIGN §9): each observation as a readable trace event for replays and
// reports. Certificates show their signers as checked independently of the replica (oracle O3).
import type { TraceViewContext } from '../../kernel/protocol-module.js';
import { genericTraceEvent, type CertView, type TraceEvent } from '../../kernel/trace-event.js';
import { unreachable } from '../../kernel/unreachable.js';
import { checkCert } from './offline-cert-check.js';
import type { Observation } from './protocol.js';

export function traceView(tick: number, obs: Observation, replica: string, ctx: TraceViewContext): TraceEvent | null {
  switch (obs.type) {
    case 'enter-round':
    case 'commit':
    case 'reject':
    case 'alarm':
      return genericTraceEvent(tick, obs, replica);
    case 'propose':
      return { tick, type: 'propose', replica, round: obs.round, blockId: obs.blockId,
        parentId: obs.parentId, qcRound: obs.qcRound, tcRound: obs.tcRound };
    case 'vote':
      return { tick, type: 'vote', replica, round: obs.round, blockId: obs.blockId,
        to: ctx.identityName(obs.to), commits: obs.commitStateId !== null };
    case 'timeout':
      return { tick, type: 'timeout', replica, round: obs.round, highQcRound: obs.highQcRound };
    case 'timer-fired':
    case 'timeout-received':
    case 'vote-received':
      return null;
    case 'qc-formed':
      return { tick, type: 'qc', replica, round: obs.round, formed: true,
        cert: certView(ctx, obs.cert, 'qc', obs.round, obs.blockId) };
    case 'tc-formed':
      return { tick, type: 'tc', replica, round: obs.round, formed: true, cert: certView(ctx, obs.cert, 'tc', obs.round) };
    case 'cert-accepted':
      return { tick, type: obs.certKind, replica, round: obs.round, formed: false,
        cert: certView(ctx, obs.cert, obs.certKind, obs.round) };
    default:
      return unreachable(obs);
  }
}

function certView(ctx: TraceViewContext, cert: unknown, kind: 'qc' | 'tc', round: number, blockId?: string): CertView {
  const check = checkCert(cert, kind, ctx.n, ctx.crypto, ctx.chainSeed);
  // A certificate below quorum still shows who signed it; one with a bad signature shows none.
  const signers = (check.signers ?? []).map((s) => ctx.identityName(s));
  const id = blockId ?? blockIdOf(cert);
  return id === undefined ? { kind, round, signers } : { kind, round, blockId: id, signers };
}

function blockIdOf(cert: unknown): string | undefined {
  const vi = (cert as { voteInfo?: { id?: unknown } } | null)?.voteInfo;
  return typeof vi?.id === 'string' ? vi.id : undefined;
}
