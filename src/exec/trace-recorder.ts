// Builds a readable trace (TraceEvent[]) of one run, for `twins replay` and the HTML report. Only
// used when a trace is asked for; bulk runs keep just the trace hash. Observations are rendered by
// the protocol module's trace view.
import type { ObservationBase } from '../kernel/observation.js';
import type { ProtocolModule, TraceViewContext } from '../kernel/protocol-module.js';
import type { DropReason, WorldObserver } from '../sim/world.js';
import type { TraceEvent } from './report-types.js';
import type { ReplicaInfo } from './oracles/oracle.js';
import type { ClientObservation } from '../kernel/client.js';
import { unreachable } from '../kernel/unreachable.js';

export class TraceRecorder<M> implements WorldObserver<M> {
  readonly events: TraceEvent[] = [];
  private readonly view: TraceViewContext;

  constructor(
    private readonly protocol: ProtocolModule<M>,
    private readonly replicas: readonly ReplicaInfo[],
    n: number,
    crypto: 'mock' | 'ed25519',
    chainSeed: string,
  ) {
    const identityNames: string[] = [];
    for (const r of replicas) identityNames[r.identity] = r.identityName;
    this.view = {
      n, crypto, chainSeed,
      replicaName: (i) => this.name(i),
      identityName: (id) => identityNames[id] ?? String(id),
    };
  }

  deliver(tick: number, from: number, to: number, msg: M): void {
    this.events.push({ tick, type: 'deliver', from: this.name(from), to: this.name(to), kind: this.kindName(msg),
      round: this.protocol.roundTag(msg), what: this.protocol.describe(msg) });
  }

  drop(tick: number, from: number, to: number, msg: M, reason: DropReason): void {
    this.events.push({ tick, type: 'drop', from: this.name(from), to: this.name(to), kind: this.kindName(msg),
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

  client(tick: number, _client: number, obs: ClientObservation): void {
    switch (obs.type) {
      case 'client-send':
        this.events.push({ tick, type: 'client', client: obs.client, what: 'send', seq: obs.seq,
          detail: obs.attempt === 0 ? '' : `retransmission ${obs.attempt}` });
        break;
      case 'client-accept':
        this.events.push({ tick, type: 'client', client: obs.client, what: 'accept', seq: obs.seq,
          detail: `'${obs.result}' at height ${obs.height} from identities ${obs.signers.join(', ')}` });
        break;
      case 'client-done':
        this.events.push({ tick, type: 'client', client: obs.client, what: 'done', seq: 0, detail: `workload ${obs.workload}` });
        break;
      default:
        unreachable(obs);
    }
  }

  /** A client request or reply that was not delivered, as a drop between a client and a replica. */
  recordClientDrop(tick: number, what: 'request' | 'reply', replica: number, client: string, reason: DropReason, round: number): void {
    const [from, to] = what === 'request' ? [client, this.name(replica)] : [this.name(replica), client];
    this.events.push({ tick, type: 'drop', from, to, kind: what, round, reason });
  }

  observe(tick: number, i: number, obs: ObservationBase): void {
    const event = this.protocol.traceView(tick, obs, this.name(i), this.view);
    if (event !== null) this.events.push(event);
  }

  private kindName(msg: M): string {
    return this.protocol.kinds[this.protocol.kindOf(msg)] ?? 'unknown';
  }

  private name(i: number): string {
    return this.replicas[i]?.name ?? String(i);
  }
}
