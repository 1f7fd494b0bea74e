// One replica of a network Twins run (docs/network.md, "Network Twins"): the replica the simulator
// runs, created by the protocol module, on its own TCP listener with real timers. Unlike a cluster
// node, a Twins replica is addressed by its replica index, not its identity: a message the replica
// sends to identity j goes to every replica of j (both twins), and a twin holds its identity's node
// key like the other twin does. Every message to another replica passes the run's fault layer
// (./fault-layer.ts) before it is framed with the module's codec; every observation is logged to
// `events.jsonl` in the replica's folder with the run's tick and sequence number, and commits are
// appended to `ledger.jsonl`.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { Actor, ActorInput, ActorOutput, NodeId } from '../kernel/actor.js';
import type { CommitObservation, ObservationBase } from '../kernel/observation.js';
import type { ProtocolModule, ReplicaContext } from '../kernel/protocol-module.js';
import type { FaultPolicy } from '../kernel/fate.js';
import { emptyStore } from '../kernel/store.js';
import { ledgerEntryOf } from '../exec/ledgers.js';
import { Conn, jsonFrame } from './conn.js';
import { DEFAULT_MAX_FRAME_BYTES } from './framing.js';
import { FaultLayer } from './fault-layer.js';
import { NodeFiles } from './node-files.js';
import type { NodeKey } from './keys.js';
import { twinHandshake } from './twin-handshake.js';

/** Real time as ticks since the run started, and one sequence that orders every replica's events. */
export class RunClock {
  private t0 = performance.now();
  private next = 0;

  constructor(readonly tickMs: number) {}

  /** Tick 0 is now: the run starts once every replica has reached every other. */
  begin(): void {
    this.t0 = performance.now();
  }

  tick(): number {
    return Math.floor((performance.now() - this.t0) / this.tickMs);
  }

  seq(): number {
    return this.next++;
  }
}

export interface TwinHostOptions<M> {
  readonly module: ProtocolModule<M>;
  readonly replica: number;
  /** Each replica's identity, by replica index. */
  readonly identityOf: readonly NodeId[];
  /** The replica context, without the identity (taken from `identityOf`). */
  readonly context: Omit<ReplicaContext, 'id'>;
  readonly policy: FaultPolicy<M>;
  readonly clock: RunClock;
  readonly dir: string;
  /** The node key of this replica's identity (./keys.ts). */
  readonly key: NodeKey;
  /** Each identity's public key, by identity. */
  readonly publicKeys: readonly string[];
  /** Called after each observation is logged (the run follows rounds with it). */
  readonly onObserve: (replica: number, obs: ObservationBase) => void;
  /** Called when the replica's code throws: the replica stops stepping and the run ends as a crash. */
  readonly onCrash: (replica: number, error: string) => void;
  readonly reconnectMs?: number;
}

/** Frames held for a replica whose link is down; older ones are dropped beyond this, as on a node. */
const MAX_QUEUED = 4096;

interface Link { conn: Conn | null; ready: boolean; queue: Uint8Array[]; timer: NodeJS.Timeout | null }

export class TwinHost<M = unknown> {
  private readonly files: NodeFiles;
  private readonly faults: FaultLayer<M>;
  private readonly links: Link[] = [];
  private readonly inbound = new Set<Conn>();
  private readonly byIdentity: number[][] = [];
  private replica: Actor<M, ObservationBase> | null = null;
  private server: Server | null = null;
  private addrs: readonly number[] = [];
  private roundTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private onLinked: (() => void) | null = null;

  constructor(private readonly o: TwinHostOptions<M>) {
    this.files = new NodeFiles(o.dir);
    o.identityOf.forEach((id, r) => (this.byIdentity[id] ??= []).push(r));
    this.faults = new FaultLayer<M>({ module: o.module, policy: o.policy, tickMs: o.clock.tickMs,
      now: () => o.clock.tick(), transmit: (to, msg) => this.transmit(to, msg), log: (e) => this.log(e) });
  }

  /** Listens on a free loopback port and returns it. */
  async listen(): Promise<number> {
    const server = createServer((s) => this.wire(s, null));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as { port: number }).port;
    this.log({ event: 'listen', port });
    return port;
  }

  /**
   * Dials every other replica (ports by replica index); resolves once every link has passed its
   * handshake, so the handshakes' signatures are done before the replicas' clocks start.
   */
  connect(ports: readonly number[]): Promise<void> {
    this.addrs = ports;
    for (let r = 0; r < this.o.identityOf.length; r++) {
      this.links[r] = { conn: null, ready: r === this.o.replica, queue: [], timer: null };
      if (r !== this.o.replica) this.dial(r);
    }
    return new Promise((resolve) => {
      this.onLinked = resolve;
      this.checkLinked();
    });
  }

  /** Starts the replica. */
  start(): void {
    this.replica = this.o.module.createReplica({ ...this.o.context, id: this.o.identityOf[this.o.replica]! }, emptyStore());
    this.log({ event: 'start' });
    this.step({ kind: 'start' });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.faults.stop();
    if (this.roundTimer !== null) clearTimeout(this.roundTimer);
    for (const l of this.links) {
      if (l.timer !== null) clearTimeout(l.timer);
      l.conn?.close('run over');
    }
    for (const c of [...this.inbound]) c.close('run over');
    const server = this.server;
    if (server !== null) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.log({ event: 'stop' });
    this.files.close();
  }

  private log(event: Record<string, unknown>): void {
    if (this.stopped && event['event'] !== 'stop') return;
    this.files.logEvent({ seq: this.o.clock.seq(), tick: this.o.clock.tick(), ...event });
  }

  private step(input: ActorInput<M>): void {
    if (this.stopped || this.replica === null) return;
    let outputs: readonly ActorOutput<M, ObservationBase>[];
    try {
      outputs = this.replica.step(input);
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      this.log({ event: 'crash', error });
      this.replica = null;
      this.o.onCrash(this.o.replica, error);
      return;
    }
    for (const out of outputs) this.carryOut(out);
  }

  private carryOut(out: ActorOutput<M, ObservationBase>): void {
    switch (out.kind) {
      case 'send': for (const r of this.byIdentity[out.to] ?? []) this.sendTo(r, out.msg); break;
      case 'broadcast': for (let r = 0; r < this.o.identityOf.length; r++) this.sendTo(r, out.msg); break;
      case 'set-timer': {
        if (this.roundTimer !== null) clearTimeout(this.roundTimer);
        const round = out.round;
        this.roundTimer = setTimeout(() => {
          this.roundTimer = null;
          this.log({ event: 'timer', round });
          this.step({ kind: 'timer', round });
        }, out.delayTicks * this.o.clock.tickMs);
        break;
      }
      case 'observe': this.observe(out.obs); break;
      case 'reply': break;
    }
  }

  private observe(obs: ObservationBase): void {
    this.log({ event: 'observe', obs });
    if (obs.type === 'commit') this.files.appendLedger(ledgerEntryOf(obs as CommitObservation));
    this.o.onObserve(this.o.replica, obs);
  }

  /** A message to itself is delivered on the next turn, past the faults, as in simulation. */
  private sendTo(to: number, msg: M): void {
    const me = this.o.replica;
    if (to === me) {
      const from = this.o.identityOf[me]!;
      setImmediate(() => this.step({ kind: 'message', from, msg }));
      return;
    }
    this.faults.send(me, to, msg);
  }

  private transmit(to: number, msg: M): void {
    const link = this.links[to];
    if (link === undefined || this.stopped) return;
    const bytes = this.o.module.codec.encode(msg);
    if (link.ready && link.conn !== null) {
      link.conn.sendBytes(bytes);
      return;
    }
    if (link.queue.length >= MAX_QUEUED) link.queue.shift();
    link.queue.push(bytes);
  }

  /** Opens (and keeps reopening) the connection this replica sends to replica `r` on. */
  private dial(r: number): void {
    const link = this.links[r]!;
    link.timer = null;
    if (this.stopped) return;
    const socket = createConnection({ host: '127.0.0.1', port: this.addrs[r]! });
    link.conn = this.wire(socket, r, () => {
      link.ready = true;
      for (const b of link.queue.splice(0)) link.conn!.sendBytes(b);
      this.checkLinked();
    }, (reason) => {
      link.conn = null;
      link.ready = false;
      if (!this.stopped) {
        this.log({ event: 'peer-down', peer: r, reason });
        link.timer = setTimeout(() => this.dial(r), this.o.reconnectMs ?? 50);
      }
    });
  }

  private checkLinked(): void {
    if (this.onLinked === null || !this.links.every((l) => l.ready)) return;
    const done = this.onLinked;
    this.onLinked = null;
    done();
  }

  /** Runs the handshake on a socket, then hands a peer replica's frames to the replica. */
  private wire(socket: Socket, expect: number | null, up: () => void = () => undefined,
    down: (reason: string) => void = () => undefined): Conn {
    let other: number | null = null;
    let onHandshake: ((msg: Record<string, unknown>) => void) | null = null;
    const conn = new Conn(socket, DEFAULT_MAX_FRAME_BYTES, (frame) => {
      if (other !== null) return this.onFrame(conn, other, frame);
      const msg = jsonFrame(frame);
      if (msg === null) return conn.close('handshake: a frame that is not a JSON object');
      onHandshake!(msg);
    }, (reason) => {
      this.inbound.delete(conn);
      if (reason.startsWith('malformed') || reason.startsWith('handshake')) this.log({ event: 'rejected', reason });
      down(reason);
    });
    if (expect === null) this.inbound.add(conn);
    onHandshake = twinHandshake(conn, { replica: this.o.replica, key: this.o.key, identityOf: this.o.identityOf,
      publicKeys: this.o.publicKeys, expect }, (r) => {
      other = r;
      up();
    });
    return conn;
  }

  private onFrame(conn: Conn, from: number, frame: Buffer): void {
    let msg: M;
    try {
      msg = this.o.module.codec.decode(frame);
    } catch (err) {
      conn.close(`malformed message from replica ${from}: ${(err as Error).message}`);
      return;
    }
    this.step({ kind: 'message', from: this.o.identityOf[from]!, msg });
  }
}
