// One replica of a network Twins run (docs/network.md, "Network Twins"), the only replica of its
// process (./twin-replica.ts): the replica the simulator runs, created by the protocol module, on its
// own TCP listener with real timers. Unlike a cluster node, a Twins replica is addressed by its
// replica index, not its identity: a message the replica sends to identity j goes to every replica of
// j (both twins), and a twin holds its identity's node key like the other twin does. Every message to
// another replica passes the fault layer (./fault-layer.ts) before it is framed with the module's
// codec. The Store is written to `store.json` after every step, before any of the step's outputs
// leaves, so a process started again on the same folder continues from it. Every event is logged to
// `events.jsonl` with its time on the run's clock (every observation of a step with the time the step
// began, so a message's effects are always logged after its sending), and commits are appended to
// `ledger.jsonl`.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { Actor, ActorInput, ActorOutput, NodeId } from '../kernel/actor.js';
import type { CommitObservation, EnterRoundObservation, ObservationBase } from '../kernel/observation.js';
import type { ProtocolModule, ReplicaContext } from '../kernel/protocol-module.js';
import type { FaultPolicy } from '../kernel/fate.js';
import type { Store } from '../kernel/store.js';
import { ledgerEntryOf } from '../exec/ledgers.js';
import { Conn, jsonFrame } from './conn.js';
import { DEFAULT_MAX_FRAME_BYTES } from './framing.js';
import { FaultLayer } from './fault-layer.js';
import { NodeFiles } from './node-files.js';
import type { NodeKey } from './keys.js';
import { twinHandshake } from './twin-handshake.js';

/**
 * The run's clock, shared by the processes of a run: the system's monotonic clock (the same in every
 * process of the machine) in nanoseconds since the run's start instant `t0`, and ticks of `tickMs`.
 */
export class RunClock {
  private t0: bigint | null = null;

  constructor(readonly tickMs: number) {}

  /** The monotonic clock now, in nanoseconds. */
  static now(): bigint {
    return process.hrtime.bigint();
  }

  /** Tick 0 begins at `t0` (RunClock.now() of some process of the run). */
  begin(t0: bigint): void {
    this.t0 = t0;
  }

  get started(): boolean {
    return this.t0 !== null;
  }

  /** Nanoseconds since the start instant (negative before it). */
  t(): number {
    return this.t0 === null ? 0 : Number(RunClock.now() - this.t0);
  }

  tick(): number {
    return this.tickAt(this.t());
  }

  tickAt(t: number): number {
    return Math.floor(t / (this.tickMs * 1e6));
  }

  /** Milliseconds from now until `t` nanoseconds after the start (0 when past). */
  msUntil(t: number): number {
    return Math.max(0, (t - this.t()) / 1e6);
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
  /**
   * The round at which the scenario crashes this replica (null: never). When the replica enters it
   * or a later one, it takes no further input until `heal()`; the run kills the process meanwhile.
   */
  readonly crashAt: number | null;
  /** Called after the replica entered `round` (the run follows rounds and crashes with it). */
  readonly onRound: (round: number) => void;
  /** Called when the replica's code throws: the replica stops stepping and the run ends as a crash. */
  readonly onCrash: (error: string) => void;
  readonly reconnectMs?: number;
}

/** Frames held for a replica whose link is not up yet; older ones are dropped beyond this, as on a node. */
const MAX_QUEUED = 4096;

/**
 * A link to another replica. Until it is first up, frames wait in `queue`; once it has been up, a
 * link that goes down means the other replica's process is gone (crashed), and frames for it are
 * lost, as the simulator drops messages to a crashed replica, until the restarted process is reached.
 */
interface Link { conn: Conn | null; ready: boolean; wasUp: boolean; queue: Uint8Array[]; lost: number; timer: NodeJS.Timeout | null }

export class TwinHost<M = unknown> {
  private readonly files: NodeFiles;
  private readonly faults: FaultLayer<M>;
  private readonly links: Link[] = [];
  private readonly inbound = new Set<Conn>();
  private readonly byIdentity: number[][] = [];
  private readonly store: Store;
  private readonly ledgerHeights: Set<number>;
  private replica: Actor<M, ObservationBase> | null = null;
  private server: Server | null = null;
  private addrs: readonly number[] = [];
  private roundTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Inputs taken before the replica starts, or while it is held at its crash round. */
  private readonly inbox: ActorInput<M>[] = [];
  private held = false;
  private crashAt: number | null;
  /** The time the step in progress began (null between steps). */
  private stepT: number | null = null;
  private onLinked: (() => void) | null = null;

  constructor(private readonly o: TwinHostOptions<M>) {
    this.files = new NodeFiles(o.dir);
    this.store = this.files.loadStore();
    this.ledgerHeights = this.files.ledgerHeights();
    this.crashAt = o.crashAt;
    o.identityOf.forEach((id, r) => (this.byIdentity[id] ??= []).push(r));
    this.faults = new FaultLayer<M>({ module: o.module, policy: o.policy, tickMs: o.clock.tickMs,
      now: () => o.clock.tick(), transmit: (to, msg) => this.transmit(to, msg), log: (e) => this.log(e) });
  }

  /** Listens on loopback `port` (0: any free port) and returns the port bound. */
  async listen(port: number): Promise<number> {
    const server = createServer((s) => this.wire(s, null));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const bound = (server.address() as { port: number }).port;
    this.log({ event: 'listen', port: bound, pid: process.pid });
    return bound;
  }

  /**
   * Dials every other replica (ports by replica index); resolves once every link has passed its
   * handshake, so the handshakes' signatures are done before the run's clock starts.
   */
  connect(ports: readonly number[]): Promise<void> {
    this.addrs = ports;
    for (let r = 0; r < this.o.identityOf.length; r++) {
      const self = r === this.o.replica;
      this.links[r] = { conn: null, ready: self, wasUp: self, queue: [], lost: 0, timer: null };
      if (!self) this.dial(r);
    }
    return new Promise((resolve) => {
      this.onLinked = resolve;
      this.checkLinked();
    });
  }

  /** Starts the replica from its Store (empty on a first start), then steps what arrived before. */
  start(): void {
    if (this.stopped) return;
    const restart = this.store.data.size > 0;
    this.replica = this.o.module.createReplica({ ...this.o.context, id: this.o.identityOf[this.o.replica]! }, this.store);
    this.log({ event: 'start', restart });
    this.step({ kind: 'start' });
    this.drain();
  }

  /** The heal (the run's policies are healed already): no crash from now on; a replica held at its crash round goes on. */
  heal(): void {
    this.crashAt = null;
    this.log({ event: 'heal' });
    this.held = false;
    this.drain();
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
    const clock = this.o.clock;
    if (!clock.started) return this.files.logEvent(event);
    const t = this.stepT ?? clock.t();
    this.files.logEvent({ tick: clock.tickAt(t), t, ...event });
  }

  private get running(): boolean {
    return this.replica !== null && !this.held && !this.stopped;
  }

  private deliver(input: ActorInput<M>): void {
    if (this.running) this.step(input);
    else if (!this.stopped) this.inbox.push(input);
  }

  private drain(): void {
    while (this.running && this.inbox.length > 0) this.step(this.inbox.shift()!);
  }

  private step(input: ActorInput<M>): void {
    if (!this.running) return;
    this.stepT = this.o.clock.t();
    try {
      let outputs: readonly ActorOutput<M, ObservationBase>[];
      try {
        outputs = this.replica!.step(input);
      } catch (err) {
        const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        this.log({ event: 'crash', error });
        this.replica = null;
        this.o.onCrash(error);
        return;
      }
      this.files.saveStore(this.store, false);
      for (const out of outputs) this.carryOut(out);
    } finally {
      this.stepT = null;
    }
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
          this.deliver({ kind: 'timer', round });
        }, out.delayTicks * this.o.clock.tickMs);
        break;
      }
      case 'observe': this.observe(out.obs); break;
      case 'reply': break;
    }
  }

  private observe(obs: ObservationBase): void {
    this.log({ event: 'observe', obs });
    if (obs.type === 'commit') {
      const entry = ledgerEntryOf(obs as CommitObservation);
      // A restarted replica may commit a height again; its ledger file keeps one line per height.
      if (!this.ledgerHeights.has(entry.height)) {
        this.ledgerHeights.add(entry.height);
        this.files.appendLedger(entry);
      }
    }
    if (obs.type !== 'enter-round') return;
    const round = (obs as EnterRoundObservation).round;
    if (this.crashAt !== null && round >= this.crashAt) {
      // The rest of this step's outputs still leave, as in simulation; nothing is stepped after it.
      this.crashAt = null;
      this.held = true;
      this.log({ event: 'crash-point', round });
    }
    this.o.onRound(round);
  }

  /** A message to itself is delivered on the next turn, past the faults, as in simulation. */
  private sendTo(to: number, msg: M): void {
    const me = this.o.replica;
    if (to === me) {
      const from = this.o.identityOf[me]!;
      setImmediate(() => this.deliver({ kind: 'message', from, msg }));
      return;
    }
    this.faults.send(me, to, msg);
  }

  private transmit(to: number, msg: M): void {
    const link = this.links[to];
    if (link === undefined || this.stopped) return;
    if (link.ready && link.conn !== null) {
      link.conn.sendBytes(this.o.module.codec.encode(msg));
      return;
    }
    if (link.wasUp) {
      link.lost++;
      return;
    }
    if (link.queue.length >= MAX_QUEUED) link.queue.shift();
    link.queue.push(this.o.module.codec.encode(msg));
  }

  /** Opens (and keeps reopening) the connection this replica sends to replica `r` on. */
  private dial(r: number): void {
    const link = this.links[r]!;
    link.timer = null;
    if (this.stopped) return;
    const socket = createConnection({ host: '127.0.0.1', port: this.addrs[r]! });
    link.conn = this.wire(socket, r, () => {
      link.ready = true;
      link.wasUp = true;
      if (link.lost > 0) this.log({ event: 'peer-up', peer: r, lostWhileDown: link.lost });
      link.lost = 0;
      for (const b of link.queue.splice(0)) link.conn!.sendBytes(b);
      this.checkLinked();
    }, (reason) => {
      link.conn = null;
      const wasReady = link.ready;
      link.ready = false;
      if (this.stopped) return;
      if (wasReady) this.log({ event: 'peer-down', peer: r, reason });
      link.timer = setTimeout(() => this.dial(r), this.o.reconnectMs ?? 50);
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
    this.deliver({ kind: 'message', from: this.o.identityOf[from]!, msg });
  }
}
