// The network client (docs/network.md): keeps its own wallet key, signs its requests, sends each
// request to every node, and returns a result only when f+1 distinct nodes sent matching replies
// (same result, height and state digest) vouched for by their node keys: the acceptance rule of the
// simulated clients (docs/services.md), with node keys in place of the simulation's identity keys.
import { createConnection } from 'node:net';
import type { ClientTxn } from '../kernel/actor.js';
import type { SignedReply } from '../kernel/reply.js';
import { Conn, jsonFrame } from './conn.js';
import { DEFAULT_MAX_FRAME_BYTES } from './framing.js';
import { handshake } from './handshake.js';
import { verify } from './keys.js';
import { replyVouchText, type PeerAddress } from './node-host.js';

export interface AcceptedReply {
  readonly seq: number;
  readonly result: string;
  readonly height: number;
  readonly stateDigest: string;
  /** The nodes whose vouched replies matched, ascending. */
  readonly vouchedBy: readonly number[];
}

export class ClientTimeoutError extends Error {}

interface Pending {
  readonly votes: Map<string, Set<number>>;
  /** Nodes whose vouched reply counted; a node's later replies to the same request do not. */
  readonly voted: Set<number>;
  readonly resolve: (r: AcceptedReply) => void;
}

export class NetClient {
  private readonly conns: (Conn | null)[] = [];
  private readonly ready: boolean[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  /**
   * `accept` is the number of matching replies needed: f+1 for the cluster's protocol. The client's
   * name is the `client` of its requests; it must be unique among the cluster's clients.
   */
  constructor(readonly name: string, private readonly nodes: readonly PeerAddress[],
    private readonly publicKeys: readonly string[], readonly accept: number, private readonly resendMs = 1000) {
    nodes.forEach((_, i) => this.dial(i));
  }

  /** Resolves once a node of each address has completed the handshake, or rejects after `ms`. */
  async connected(ms = 10_000): Promise<void> {
    const until = Date.now() + ms;
    while (this.ready.filter(Boolean).length < this.nodes.length) {
      if (Date.now() > until) throw new ClientTimeoutError(`${this.name}: nodes not reachable within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Sends `txn` (whose client must be this client) to every node until f+1 matching replies arrive. */
  async submit(txn: ClientTxn, timeoutMs = 30_000): Promise<AcceptedReply> {
    if (txn.client !== this.name) throw new Error(`request of ${txn.client} given to client ${this.name}`);
    const result = new Promise<AcceptedReply>((resolve) => this.pending.set(txn.seq, { votes: new Map(), voted: new Set(), resolve }));
    const frame = { t: 'request', seq: txn.seq, op: txn.op };
    const send = (): void => this.conns.forEach((c, i) => { if (this.ready[i]) c?.sendJson(frame); });
    send();
    const resend = setInterval(send, this.resendMs);
    let timeout: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => reject(new ClientTimeoutError(
        `${this.name}: request ${txn.seq} got no ${this.accept} matching replies within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([result, expired]);
    } finally {
      clearInterval(resend);
      clearTimeout(timeout);
      this.pending.delete(txn.seq);
    }
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    for (const c of this.conns) c?.close('client closing');
  }

  private dial(i: number): void {
    if (this.closed) return;
    const socket = createConnection(this.nodes[i]!);
    let up = false;
    let onHandshake: ((m: Record<string, unknown>) => void) | null = null;
    const conn = new Conn(socket, DEFAULT_MAX_FRAME_BYTES, (frame) => {
      const msg = jsonFrame(frame);
      if (msg === null) return conn.close('a frame that is not a JSON object');
      if (up) return this.onMessage(i, msg);
      onHandshake!(msg);
    }, () => {
      this.ready[i] = false;
      this.conns[i] = null;
      if (this.closed) return;
      const t = setTimeout(() => { this.timers.delete(t); this.dial(i); }, 200);
      this.timers.add(t);
    });
    this.conns[i] = conn;
    onHandshake = handshake(conn, { me: { role: 'client', name: this.name }, publicKeys: this.publicKeys,
      expect: i, acceptClients: false }, () => { up = true; this.ready[i] = true; });
  }

  private onMessage(node: number, msg: Record<string, unknown>): void {
    if (msg['t'] !== 'reply' || msg['node'] !== node) return;
    const r = msg['reply'] as SignedReply | undefined;
    if (typeof r !== 'object' || r === null || r.client !== this.name || typeof r.seq !== 'number') return;
    const p = this.pending.get(r.seq);
    if (p === undefined || p.voted.has(node) || !verify(this.publicKeys[node]!, replyVouchText(node, r), msg['vouch'])) return;
    p.voted.add(node);
    const key = JSON.stringify([r.result, r.height, r.stateDigest]);
    let signers = p.votes.get(key);
    if (signers === undefined) p.votes.set(key, (signers = new Set()));
    signers.add(node);
    if (signers.size < this.accept) return;
    p.resolve({ seq: r.seq, result: String(r.result), height: Number(r.height), stateDigest: String(r.stateDigest),
      vouchedBy: [...signers].sort((a, b) => a - b) });
  }
}
