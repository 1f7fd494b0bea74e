// Builds a readable trace (TraceEvent[]) of one run, for `twins replay` and the HTML report. Only
// used when a trace is asked for; bulk runs keep just the trace hash.
import type { Observation, Protocol } from '../core/protocol.js';
import type { DropReason, WorldObserver } from '../sim/world.js';
import type { CertView, TraceEvent } from './report-types.js';
import type { ReplicaInfo } from './oracles/oracle.js';

export class TraceRecorder<M> implements WorldObserver<M> {
  readonly events: TraceEvent[] = [];
  private readonly identityNames: string[];

  constructor(
    private readonly protocol: Protocol<M>,
    private readonly replicas: readonly ReplicaInfo[],
    private readonly n: number,
    private readonly crypto: 'mock' | 'ed25519',
    private readonly chainSeed: string,
  ) {
    this.identityNames = [];
    for (const r of replicas) this.identityNames[r.identity] = r.identityName;
  }

  deliver(tick: number, from: number, to: number, msg: M): void {
    this.events.push({ tick, type: 'deliver', from: this.name(from), to: this.name(to), kind: this.protocol.kind(msg),
      round: this.protocol.roundTag(msg), what: this.protocol.describe(msg) });
  }

  drop(tick: number, from: number, to: number, msg: M, reason: DropReason): void {
    this.events.push({ tick, type: 'drop', from: this.name(from), to: this.name(to), kind: this.protocol.kind(msg),
      round: this.protocol.roundTag(msg), reason });
  }

  timer(tick: number, replica: number, round: number): void {
    this.events.push({ tick, type: 'timer', replica: this.name(replica), round });
  }

  control(tick: number, what: 'crash' | 'restart' | 'heal' | 'mark', replica: number | null): void {
    if (what === 'heal') this.events.push({ tick, type: 'heal' });
    else if ((what === 'crash' || what === 'restart') && replica !== null) {
      this.events.push({ tick, type: what, replica: this.name(replica) });
    }
  }

  observe(tick: number, i: number, obs: Observation): void {
    const replica = this.name(i);
    switch (obs.type) {
      case 'enter-round':
        this.events.push({ tick, type: 'enter-round', replica, round: obs.round, via: obs.via });
        return;
      case 'propose':
        this.events.push({ tick, type: 'propose', replica, round: obs.round, blockId: obs.blockId,
          parentId: obs.parentId, qcRound: obs.qcRound, tcRound: obs.tcRound });
        return;
      case 'vote':
        this.events.push({ tick, type: 'vote', replica, round: obs.round, blockId: obs.blockId,
          to: this.identityNames[obs.to] ?? String(obs.to), commits: obs.commitStateId !== null });
        return;
      case 'timeout':
        this.events.push({ tick, type: 'timeout', replica, round: obs.round, highQcRound: obs.highQcRound });
        return;
      case 'qc-formed':
        this.events.push({ tick, type: 'qc', replica, round: obs.round, formed: true,
          cert: this.view(obs.cert, 'qc', obs.round, obs.blockId) });
        return;
      case 'tc-formed':
        this.events.push({ tick, type: 'tc', replica, round: obs.round, formed: true, cert: this.view(obs.cert, 'tc', obs.round) });
        return;
      case 'cert-accepted':
        this.events.push({ tick, type: obs.certKind, replica, round: obs.round, formed: false,
          cert: this.view(obs.cert, obs.certKind, obs.round) });
        return;
      case 'commit':
        this.events.push({ tick, type: 'commit', replica, round: obs.round, height: obs.height, blockId: obs.blockId });
        return;
      case 'reject':
        this.events.push({ tick, type: 'reject', replica, detail: `${obs.what}: ${obs.detail}` });
        return;
      case 'alarm':
        this.events.push({ tick, type: 'alarm', replica, detail: obs.detail });
        return;
      default:
        unreachable(obs);
    }
  }

  private view(cert: unknown, kind: 'qc' | 'tc', round: number, blockId?: string): CertView {
    const check = this.protocol.checkCert(cert, kind, this.n, this.crypto, this.chainSeed);
    // A certificate below quorum still shows who signed it; one with a bad signature shows none.
    const signers = (check.signers ?? []).map((s) => this.identityNames[s] ?? String(s));
    const id = blockId ?? blockIdOf(cert);
    return id === undefined ? { kind, round, signers } : { kind, round, blockId: id, signers };
  }

  private name(i: number): string {
    return this.replicas[i]?.name ?? String(i);
  }
}

function blockIdOf(cert: unknown): string | undefined {
  const vi = (cert as { voteInfo?: { id?: unknown } } | null)?.voteInfo;
  return typeof vi?.id === 'string' ? vi.id : undefined;
}

function unreachable(x: never): never {
  throw new Error(`unreachable: ${JSON.stringify(x)}`);
}
