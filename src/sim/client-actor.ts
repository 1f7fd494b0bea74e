// A simulated client (docs/services.md, "The client protocol"). It sends each request to every
// replica and accepts a result once `accept` distinct replica identities sent matching replies
// (same result, height and state digest) with valid signatures; twins share an identity and count
// once. Its workload decides when requests go out: `retransmit` one at a time, sending again after
// `retransmitTicks`, then twice that, and so on; `flood` all at once; `timed` at listed ticks.
import type { ClientTxn } from '../kernel/actor.js';
import type { ClientActor, ClientInput, ClientObservation, ClientOutput } from '../kernel/client.js';
import type { Crypto } from '../kernel/crypto.js';
import { verifyReply, type SignedReply } from '../kernel/reply.js';
import { unreachable } from '../kernel/unreachable.js';
import type { WorkloadSpec } from '../scenario/types.js';

export interface ClientSetup {
  readonly name: string;
  /** The workload's position in the scenario's `workloads`. */
  readonly workload: number;
  readonly spec: WorkloadSpec;
  /** Its requests, request number 1, 2, ... */
  readonly requests: readonly ClientTxn[];
  /** Matching replies from distinct identities needed to accept (f+1). */
  readonly accept: number;
  readonly retransmitTicks: number;
  readonly crypto: Crypto;
}

/** Retransmission intervals stop doubling after this many doublings. */
const MAX_DOUBLINGS = 6;

interface Pending {
  /** Content key (result, height, digest) -> the distinct signer identities that sent it. */
  readonly votes: Map<string, Set<number>>;
  attempt: number;
}

export class SimClient implements ClientActor {
  readonly name: string;
  private readonly pending = new Map<number, Pending>();
  private accepted = 0;
  /** `retransmit`: the request in flight (1-based); the others send everything up front or by timer. */
  private current = 0;
  private out: ClientOutput[] = [];

  constructor(private readonly c: ClientSetup) {
    this.name = c.name;
  }

  step(input: ClientInput): readonly ClientOutput[] {
    this.out = [];
    switch (input.kind) {
      case 'start': this.start(); break;
      case 'reply': this.onReply(input.reply); break;
      case 'timer': this.onTimer(input.token); break;
      default: unreachable(input);
    }
    return this.out;
  }

  private start(): void {
    const { spec, requests } = this.c;
    switch (spec.type) {
      case 'retransmit': if (requests.length > 0) this.send(1, 0); break;
      case 'flood': for (let seq = 1; seq <= requests.length; seq++) this.send(seq, 0); break;
      case 'timed':
        requests.forEach((_, i) => this.out.push({ kind: 'set-timer', token: i + 1, delayTicks: spec.delays?.[i] ?? 0 }));
        break;
      default: unreachable(spec.type);
    }
    if (requests.length === 0) this.observe({ type: 'client-done', client: this.name, workload: this.c.workload });
  }

  /** Sends request `seq`; a retransmitting client also arms the timer of this attempt. */
  private send(seq: number, attempt: number): void {
    let p = this.pending.get(seq);
    if (p === undefined) this.pending.set(seq, (p = { votes: new Map(), attempt }));
    p.attempt = attempt;
    this.current = seq;
    this.out.push({ kind: 'request', txn: this.c.requests[seq - 1]! });
    this.observe({ type: 'client-send', client: this.name, seq, attempt });
    if (this.c.spec.type === 'retransmit') {
      const delayTicks = this.c.retransmitTicks * 2 ** Math.min(attempt, MAX_DOUBLINGS);
      this.out.push({ kind: 'set-timer', token: seq * 1024 + Math.min(attempt, 1023), delayTicks });
    }
  }

  private onTimer(token: number): void {
    if (this.c.spec.type === 'timed') {
      this.send(token, 0);
      return;
    }
    const seq = Math.floor(token / 1024);
    const p = this.pending.get(seq);
    if (p === undefined || seq !== this.current || token % 1024 !== Math.min(p.attempt, 1023)) return;
    this.send(seq, p.attempt + 1);
  }

  private onReply(r: SignedReply): void {
    if (r.client !== this.name) return;
    const p = this.pending.get(r.seq);
    if (p === undefined || !verifyReply(this.c.crypto, r)) return;
    const key = `${r.result}\u0000${r.height}\u0000${r.stateDigest}`;
    let signers = p.votes.get(key);
    if (signers === undefined) p.votes.set(key, (signers = new Set()));
    signers.add(r.sig.signer);
    if (signers.size < this.c.accept) return;
    this.pending.delete(r.seq);
    this.accepted++;
    this.observe({ type: 'client-accept', client: this.name, seq: r.seq, result: r.result, height: r.height,
      stateDigest: r.stateDigest, signers: [...signers].sort((a, b) => a - b) });
    if (this.accepted === this.c.requests.length) {
      this.observe({ type: 'client-done', client: this.name, workload: this.c.workload });
    } else if (this.c.spec.type === 'retransmit' && r.seq === this.current) {
      this.send(r.seq + 1, 0);
    }
  }

  private observe(obs: ClientObservation): void {
    this.out.push({ kind: 'observe', obs });
  }
}
