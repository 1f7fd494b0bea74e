// Client traffic in the world (docs/services.md, "Client traffic and faults"): the host of a run's
// clients. A client's request goes to every replica; a replica's reply goes to the client it names.
// Each such message gets its fate from the client fault policy, tagged with the round its replica end
// last entered, and is delivered after the network's link delay. Byzantine reply modes act here, on
// the replies a replica sends, so they work alike for every protocol.
import type { ClientTxn, NodeId } from '../kernel/actor.js';
import type { ClientActor, ClientObservation, ClientOutput } from '../kernel/client.js';
import type { Crypto } from '../kernel/crypto.js';
import type { Fate } from '../kernel/fate.js';
import { signReply, type SignedReply } from '../kernel/reply.js';
import { unreachable } from '../kernel/unreachable.js';
import type { ReplyFault } from '../scenario/types.js';
import { stream, type Stream } from './rng.js';
import type { TraceHash } from './trace-hash.js';

/** Decides the fate of one client message: `replica` and `client` are indexes, `round` the replica's. */
export interface ClientFaultPolicy {
  fate(kind: 'request' | 'reply', replica: number, client: number, round: number): Fate<never>;
}

export interface WorldClients {
  readonly actors: readonly ClientActor[];
  readonly faults: ClientFaultPolicy;
  /** Per replica index: how it lies in its replies, or null for none. */
  readonly replyFaults: readonly (ReplyFault | null)[];
  /** Signs the replies a lying replica makes up (with its identity's key). */
  readonly crypto: Crypto;
}

/** What the host needs from the world. */
export interface ClientHostHooks {
  readonly hash: TraceHash;
  readonly seed: string;
  readonly delayTicks: { readonly min: number; readonly max: number };
  now(): number;
  schedule(atTick: number, action: () => void): void;
  identity(replica: number): NodeId;
  /** Hands the request to the replica; false when it is down. */
  deliverRequest(replica: number, txn: ClientTxn): boolean;
  observe(client: number, obs: ClientObservation): void;
  /** `round` is the round the replica end was in. */
  dropped(what: 'request' | 'reply', replica: number, client: number, reason: string, round: number): void;
}

export class ClientHost {
  private readonly byName = new Map<string, number>();
  private readonly roundOf: number[];
  private readonly lies = new Map<string, boolean>();
  private readonly links = new Map<string, Stream>();

  constructor(private readonly w: ClientHostHooks, private readonly c: WorldClients, replicaCount: number) {
    c.actors.forEach((a, i) => this.byName.set(a.name, i));
    this.roundOf = new Array<number>(replicaCount).fill(0);
  }

  start(): void {
    for (let i = 0; i < this.c.actors.length; i++) this.apply(i, this.c.actors[i]!.step({ kind: 'start' }));
  }

  enterRound(replica: number, round: number): void {
    if (round > this.roundOf[replica]!) this.roundOf[replica] = round;
  }

  /** A reply replica `from` sent: routed to its client, after any lie of the replica's reply mode. */
  reply(from: number, reply: SignedReply): void {
    const mode = this.c.replyFaults[from] ?? null;
    const sent = mode === 'wrong-replies' && this.liesAbout(reply) ? this.wrong(from, reply) : reply;
    const client = this.byName.get(sent.client);
    if (client === undefined) return;
    const fate = this.c.faults.fate('reply', from, client, this.roundOf[from]!);
    if (fate.kind === 'drop') return this.w.dropped('reply', from, client, fate.reason, this.roundOf[from]!);
    this.w.schedule(this.w.now() + this.delay(`reply:${from}->${client}`), () => {
      this.w.hash.int(5000 + client);
      this.w.hash.int(from);
      this.w.hash.int(sent.seq);
      this.apply(client, this.c.actors[client]!.step({ kind: 'reply', reply: sent }));
    });
  }

  private apply(client: number, outputs: readonly ClientOutput[]): void {
    for (const out of outputs) {
      switch (out.kind) {
        case 'request':
          for (let r = 0; r < this.roundOf.length; r++) this.request(client, r, out.txn);
          break;
        case 'set-timer':
          this.w.schedule(this.w.now() + out.delayTicks, () => {
            this.w.hash.int(6000 + client);
            this.apply(client, this.c.actors[client]!.step({ kind: 'timer', token: out.token }));
          });
          break;
        case 'observe':
          this.w.observe(client, out.obs);
          break;
        default:
          unreachable(out);
      }
    }
  }

  private request(client: number, replica: number, txn: ClientTxn): void {
    const fate = this.c.faults.fate('request', replica, client, this.roundOf[replica]!);
    if (fate.kind === 'drop') return this.w.dropped('request', replica, client, fate.reason, this.roundOf[replica]!);
    this.w.schedule(this.w.now() + this.delay(`request:${client}->${replica}`), () => {
      this.w.hash.int(4000 + replica);
      this.w.hash.int(client);
      this.w.hash.int(txn.seq);
      if (!this.w.deliverRequest(replica, txn)) {
        return this.w.dropped('request', replica, client, 'crashed', this.roundOf[replica]!);
      }
      if (this.c.replyFaults[replica] === 'forged-replies') this.reply(replica, this.forged(replica, txn));
    });
  }

  /** Delay of a client link (named by `key`), from its own seeded stream. */
  private delay(key: string): number {
    const { min, max } = this.w.delayTicks;
    if (min === max) return min;
    let s = this.links.get(key);
    if (s === undefined) this.links.set(key, (s = stream(this.w.seed, `client-network:${key}`)));
    return s.int(min, max);
  }

  /**
   * Whether liars lie about this request: drawn from a stream of the run's seed and the request, so
   * every lying replica lies about the same requests, the same way, and a retransmission alike.
   */
  private liesAbout(r: SignedReply): boolean {
    const key = `${r.client}/${r.seq}`;
    let lie = this.lies.get(key);
    if (lie === undefined) this.lies.set(key, (lie = stream(this.w.seed, `wrong-replies/${key}`).next() < 0.5));
    return lie;
  }

  /** The reply with its result swapped for a wrong one, signed again by the replica's identity. */
  private wrong(from: number, r: SignedReply): SignedReply {
    const result = r.result === 'ok' ? 'refused: insufficient funds' : 'ok';
    return signReply(this.c.crypto, this.w.identity(from), { ...r, result });
  }

  /** A reply for a request the replica has not executed: a plausible result, height and digest, signed. */
  private forged(replica: number, t: ClientTxn): SignedReply {
    return signReply(this.c.crypto, this.w.identity(replica),
      { client: t.client, seq: t.seq, result: 'ok', height: 1, stateDigest: 'forged' });
  }
}
