// The node host (docs/network.md): runs one replica of a registered protocol module and its service
// on real sockets and a real clock. It is the network counterpart of the simulator's world: the
// replica is the very actor the simulator runs; the host turns `tickMs` of real time into a tick,
// carries its outputs over TCP (frames of the module's codec), persists its Store before any output
// of a step leaves, appends commits to the node's ledger file and logs every event as a JSON line.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { Actor, ActorInput, ActorOutput, ClientTxn } from '../kernel/actor.js';
import type { CommitObservation, ObservationBase } from '../kernel/observation.js';
import type { ProtocolModule } from '../kernel/protocol-module.js';
import type { Store } from '../kernel/store.js';
import type { CryptoKind } from '../kernel/crypto.js';
import { canonicalJson } from '../kernel/hash.js';
import { replyDigest, type SignedReply } from '../kernel/reply.js';
import { protocolNamed } from '../protocols/registry.js';
import { runningService } from '../services/registry.js';
import { ledgerEntryOf } from '../exec/ledgers.js';
import { Conn, jsonFrame } from './conn.js';
import { DEFAULT_MAX_FRAME_BYTES } from './framing.js';
import { handshake, type Party } from './handshake.js';
import { sign, type NodeKey } from './keys.js';
import { NodeFiles } from './node-files.js';
import { DEFAULT_NODE_LIMITS, emptyStats, OutboundQueue, RequestAdmission, type NodeLimits, type NodeStats } from './node-limits.js';
import { ByzantineBehaviour, type ByzantineMode } from './byzantine.js';

export interface PeerAddress { readonly host: string; readonly port: number }

export interface NodeOptions {
  readonly id: number;
  readonly protocol: string;
  readonly service: string;
  readonly chainSeed: string;
  /** Milliseconds of real time per protocol tick. */
  readonly tickMs: number;
  readonly roundTimeoutTicks: number;
  /**
   * The replica's signature scheme (src/kernel/crypto.ts). Its keys derive from the chain seed, so
   * it guards against nothing the cluster's members cannot forge; what authenticates nodes to each
   * other and to clients is the node key. `mock` saves the Ed25519 cost of every vote.
   */
  readonly crypto: CryptoKind;
  /** This node's data folder. */
  readonly dir: string;
  readonly key: NodeKey;
  /** Every node's public key, by id; its length is n. */
  readonly publicKeys: readonly string[];
  readonly maxFrameBytes?: number;
  /** Milliseconds between attempts to reach a peer that is down. */
  readonly reconnectMs?: number;
  /** Bounds on what the node holds for others (./node-limits.ts). */
  readonly limits?: Partial<NodeLimits>;
  /** How this node misbehaves on purpose (./byzantine.ts); default `none`. */
  readonly byzantine?: ByzantineMode;
  /** Seeds a Byzantine node's draws; default: its public key. */
  readonly byzantineSeed?: string;
}

/** The text a node signs to vouch for a reply: the reply's digest under its node key. */
export function replyVouchText(node: number, reply: SignedReply): string {
  return canonicalJson(['twins-net/reply', node, replyDigest(reply)]);
}

const MAX_OP_CHARS = 64 * 1024;

interface Outbound { conn: Conn | null; ready: boolean; queue: OutboundQueue; timer: NodeJS.Timeout | null }

export class NodeHost<M = unknown> {
  private readonly module: ProtocolModule<M, ObservationBase>;
  private readonly files: NodeFiles;
  private store: Store;
  private replica: Actor<M, ObservationBase> | null = null;
  private server: Server | null = null;
  private peers: readonly PeerAddress[] = [];
  private readonly outbound: Outbound[] = [];
  private readonly inbound = new Set<Conn>();
  private readonly clients = new Map<string, Set<Conn>>();
  private readonly ledgerHeights: Set<number>;
  private roundTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly maxFrameBytes: number;
  private readonly limits: NodeLimits;
  private readonly counters: NodeStats = emptyStats();
  private readonly admission: RequestAdmission;
  private readonly byzantine: ByzantineBehaviour;

  constructor(private readonly o: NodeOptions) {
    this.byzantine = new ByzantineBehaviour(o.byzantine ?? 'none', o.byzantineSeed ?? o.key.publicKey);
    this.module = protocolNamed(o.protocol) as unknown as ProtocolModule<M, ObservationBase>;
    this.maxFrameBytes = o.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.limits = { ...DEFAULT_NODE_LIMITS, ...o.limits };
    this.admission = new RequestAdmission(this.limits, this.counters);
    this.files = new NodeFiles(o.dir);
    this.store = this.files.loadStore();
    this.ledgerHeights = this.files.ledgerHeights();
  }

  get n(): number {
    return this.o.publicKeys.length;
  }

  /** The node's counters of what it holds for others and what it refused (./node-limits.ts). */
  stats(): Readonly<NodeStats> {
    return { ...this.counters, openConnections: this.inbound.size };
  }

  /** Listens on `port` (0: any free port) and returns the port bound. */
  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    const server = createServer((s) => this.accept(s));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const bound = (server.address() as { port: number }).port;
    this.files.logEvent({ event: 'listen', node: this.o.id, host, port: bound });
    return bound;
  }

  /** Connects to the peers at `peers` (indexed by id) and starts the replica. */
  start(peers: readonly PeerAddress[]): void {
    this.peers = peers;
    for (let j = 0; j < this.n; j++) {
      this.outbound[j] = { conn: null, ready: false, queue: new OutboundQueue(this.limits, this.counters), timer: null };
      if (j !== this.o.id) this.dial(j);
    }
    const restart = this.store.data.size > 0;
    this.replica = this.newReplica();
    this.files.logEvent({ event: 'start', node: this.o.id, restart, byzantine: this.byzantine.mode });
    this.step({ kind: 'start' });
  }

  private newReplica(): Actor<M, ObservationBase> {
    const m = this.module;
    return m.createReplica({
      id: this.o.id, n: this.n, marker: `node${this.o.id}`, chainSeed: this.o.chainSeed, crypto: this.o.crypto,
      bugs: [], roundTimeoutTicks: this.o.roundTimeoutTicks, leaderOverride: null,
      service: runningService(this.o.service, []), options: { ...m.options.defaults },
    }, this.store);
  }

  /**
   * Steps the replica with a peer's message. A message the replica fails on (throws) costs the peer its
   * connection, and the replica is made again from its persisted Store, as after a crash and restart,
   * so nothing half-applied survives.
   */
  private stepPeer(conn: Conn, from: number, msg: M): void {
    try {
      this.step({ kind: 'message', from, msg });
    } catch (err) {
      conn.close(`malformed message from node ${from}: the replica failed on it (${(err as Error).message})`);
      this.files.logEvent({ event: 'replica-reload', node: this.o.id, from });
      this.store = this.files.loadStore();
      this.replica = this.newReplica();
      this.step({ kind: 'start' });
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.roundTimer !== null) clearTimeout(this.roundTimer);
    for (const out of this.outbound) {
      if (out.timer !== null) clearTimeout(out.timer);
      out.conn?.close('node stopping');
    }
    for (const c of [...this.inbound]) c.close('node stopping');
    const server = this.server;
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.files.logEvent({ event: 'stop', node: this.o.id });
    this.files.close();
  }

  private step(input: ActorInput<M>): void {
    if (this.stopped || this.replica === null) return;
    const outputs = this.replica.step(input);
    this.files.saveStore(this.store);
    for (const out of outputs) this.carryOut(out);
  }

  private carryOut(out: ActorOutput<M, ObservationBase>): void {
    switch (out.kind) {
      case 'send': this.sendTo(out.to, out.msg); break;
      case 'broadcast': for (let j = 0; j < this.n; j++) this.sendTo(j, out.msg); break;
      case 'set-timer': {
        if (this.roundTimer !== null) clearTimeout(this.roundTimer);
        const round = out.round;
        this.roundTimer = setTimeout(() => {
          this.roundTimer = null;
          this.files.logEvent({ event: 'timer', round });
          this.step({ kind: 'timer', round });
        }, out.delayTicks * this.o.tickMs);
        break;
      }
      case 'observe': this.observe(out.obs); break;
      case 'reply': this.reply(out.reply); break;
    }
  }

  private observe(obs: ObservationBase): void {
    this.files.logEvent({ event: 'observe', ...obs });
    if (obs.type !== 'commit') return;
    const c = obs as CommitObservation;
    for (const r of c.requests ?? []) this.admission.done(r.client, r.seq);
    if (this.ledgerHeights.has(c.height)) return;
    this.ledgerHeights.add(c.height);
    this.files.appendLedger(ledgerEntryOf(c));
  }

  private reply(honest: SignedReply): void {
    this.admission.done(honest.client, honest.seq);
    const conns = this.clients.get(honest.client);
    if (conns === undefined) return;
    const reply = this.byzantine.replyFor(honest);
    if (reply === null) return;
    if (reply !== honest) {
      this.files.logEvent({ event: 'byzantine-reply', client: reply.client, seq: reply.seq, honest: honest.result, sent: reply.result });
    }
    const vouch = sign(this.o.key, replyVouchText(this.o.id, reply));
    for (const c of conns) c.sendJson({ t: 'reply', node: this.o.id, reply, vouch });
  }

  private sendTo(to: number, msg: M): void {
    if (to === this.o.id) {
      setImmediate(() => this.step({ kind: 'message', from: this.o.id, msg }));
      return;
    }
    if (this.byzantine.silent) return;
    const out = this.outbound[to];
    if (out === undefined) return;
    const bytes = this.module.codec.encode(msg);
    if (out.ready && out.conn !== null) {
      out.conn.sendBytes(bytes);
      return;
    }
    out.queue.push(bytes);
  }

  /** Opens (and keeps reopening) the connection this node sends to peer `j` on. */
  private dial(j: number): void {
    const out = this.outbound[j]!;
    out.timer = null;
    if (this.stopped) return;
    const addr = this.peers[j]!;
    const socket = createConnection({ host: addr.host, port: addr.port });
    this.wire(socket, j, (other) => {
      out.ready = true;
      this.files.logEvent({ event: 'peer-up', peer: other.role === 'peer' ? other.id : -1 });
      for (const b of out.queue.drain()) out.conn!.sendBytes(b);
    }, (reason) => {
      const wasReady = out.ready;
      out.conn = null;
      out.ready = false;
      if (wasReady) this.files.logEvent({ event: 'peer-down', peer: j, reason });
      if (!this.stopped) out.timer = setTimeout(() => this.dial(j), this.o.reconnectMs ?? 200);
    }, (conn) => { out.conn = conn; });
  }

  private accept(socket: Socket): void {
    if (this.inbound.size >= this.limits.connections) {
      socket.destroy();
      this.counters.rejectedConnections++;
      this.files.logEvent({ event: 'rejected', reason: `more than ${this.limits.connections} connections` });
      return;
    }
    this.wire(socket, null, () => undefined, () => undefined, (conn) => this.inbound.add(conn));
  }

  /** Runs the handshake on a new socket, then routes its frames by who is at the other end. */
  private wire(socket: Socket, expect: number | null, up: (other: Party) => void, down: (reason: string) => void,
    made: (conn: Conn) => void): void {
    let other: Party | null = null;
    let onHandshake: ((msg: Record<string, unknown>) => void) | null = null;
    const conn = new Conn(socket, this.maxFrameBytes, (frame) => {
      if (other !== null) return this.onFrame(conn, other, frame);
      const msg = jsonFrame(frame);
      if (msg === null) return conn.close('handshake: a frame that is not a JSON object');
      onHandshake!(msg);
    }, (reason) => {
      clearTimeout(deadline);
      this.inbound.delete(conn);
      if (other?.role === 'client') this.clients.get(other.name)?.delete(conn);
      if (/^(malformed|handshake|the other end does not read)/.test(reason)) {
        this.counters.rejectedConnections++;
        this.files.logEvent({ event: 'rejected', reason });
      }
      down(reason);
    }, this.limits.writeQueueBytes);
    const deadline = setTimeout(() => {
      if (other === null) conn.close(`handshake: not completed within ${this.limits.handshakeMs} ms`);
    }, this.limits.handshakeMs);
    made(conn);
    onHandshake = handshake(conn, { me: { role: 'peer', id: this.o.id, key: this.o.key },
      publicKeys: this.o.publicKeys, expect, acceptClients: expect === null }, (p) => {
      other = p;
      clearTimeout(deadline);
      if (p.role === 'client') {
        let set = this.clients.get(p.name);
        if (set === undefined) this.clients.set(p.name, (set = new Set()));
        set.add(conn);
      }
      up(p);
    });
  }

  private onFrame(conn: Conn, other: Party, frame: Buffer): void {
    if (other.role === 'peer') {
      let msg: M;
      try {
        msg = this.module.codec.decode(frame);
      } catch (err) {
        conn.close(`malformed message from node ${other.id}: ${(err as Error).message}`);
        return;
      }
      this.stepPeer(conn, other.id, msg);
      return;
    }
    const txn = requestOf(jsonFrame(frame), other.name);
    if (typeof txn === 'string') {
      if (!this.byzantine.silent) conn.sendJson({ t: 'error', error: txn });
      return;
    }
    const refusal = this.admission.admit(txn.client, txn.seq, txn.op);
    if (refusal !== null) {
      conn.sendJson({ t: 'error', seq: txn.seq, error: refusal });
      return;
    }
    this.files.logEvent({ event: 'request', client: txn.client, seq: txn.seq });
    this.step({ kind: 'client', txn });
  }
}

/** The request a client frame carries, or what is wrong with it. */
function requestOf(msg: Record<string, unknown> | null, client: string): ClientTxn | string {
  if (msg === null || msg['t'] !== 'request') return 'expected {"t":"request","seq":...,"op":...}';
  const { seq, op } = msg;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return 'seq must be a positive integer';
  if (typeof op !== 'string' || op.length > MAX_OP_CHARS) return `op must be a string of at most ${MAX_OP_CHARS} characters`;
  return Object.freeze({ client, seq, op });
}
