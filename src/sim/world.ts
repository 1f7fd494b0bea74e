// The deterministic world (DESIGN §4): replicas, an event queue ordered by (tick, seq), the network
// and timers. It owns time; replicas never see it. Every message one replica sends another gets its
// fate from the run's fault policy (deliver after a delay, drop, duplicate, replace). Every executed event is folded into the trace
// hash, so the same options give the same hash on any machine.
import type { Actor, ActorOutput, NodeId } from '../kernel/actor.js';
import type { CommitObservation, EnterRoundObservation, ObservationBase } from '../kernel/observation.js';
import type { ProtocolModule, ReplicaContext } from '../kernel/protocol-module.js';
import { emptyStore, type Store } from '../kernel/store.js';
import { unreachable } from '../kernel/unreachable.js';
import { EventQueue } from './event-queue.js';
import type { Fate, FaultPolicy } from '../kernel/fate.js';
import { stream, type Stream } from './rng.js';
import { TraceHash } from './trace-hash.js';
import { SimConfigError } from './errors.js';
import { ClientHost, type WorldClients } from './client-host.js';
import type { ClientObservation } from '../kernel/client.js';

export interface WorldReplicaSpec {
  readonly name: string;
  readonly identity: NodeId;
  readonly marker: string;
}

/** Why a message was not delivered: a fault policy's drop reason, or `crashed` (the receiver was down). */
export type DropReason = string;

/** Receives what happens, for oracles and readable traces. All methods are optional. */
export interface WorldObserver<M> {
  observe?(tick: number, replica: number, obs: ObservationBase): void;
  deliver?(tick: number, from: number, to: number, msg: M): void;
  drop?(tick: number, from: number, to: number, msg: M, reason: DropReason): void;
  timer?(tick: number, replica: number, round: number): void;
  control?(tick: number, what: 'crash' | 'restart' | 'heal' | 'mark', replica: number | null): void;
  /** What client `client` (an index into `WorldOptions.clients.actors`) observed. */
  client?(tick: number, client: number, obs: ClientObservation): void;
  /** A client request or reply that was not delivered. */
  clientDrop?(tick: number, what: 'request' | 'reply', replica: number, client: number, reason: DropReason,
    round: number): void;
}

export interface WorldOptions<M> {
  readonly protocol: ProtocolModule<M>;
  /** Number of identities. */
  readonly n: number;
  readonly replicas: readonly WorldReplicaSpec[];
  /** What every replica is told, apart from its own id, n and marker. */
  readonly replicaContext: Omit<ReplicaContext, 'id' | 'n' | 'marker'>;
  readonly seed: string;
  readonly delayTicks: { readonly min: number; readonly max: number };
  /** Decides the fate of every message between two distinct replicas. */
  readonly faults: FaultPolicy<M>;
  readonly budget: { readonly events: number; readonly ticks: number };
  readonly observer?: WorldObserver<M>;
  /** The run's clients (docs/services.md); none when absent. */
  readonly clients?: WorldClients;
}

export type EndReason = 'stopped' | 'quiescent' | 'budget-events' | 'budget-ticks';
export interface RunEnd {
  readonly reason: EndReason;
  readonly tick: number;
  readonly events: number;
  readonly traceHash: string;
}

const EV_DELIVER = 0;
const EV_TIMER = 1;
const EV_CONTROL = 2;

/** A queued event. Its fields are rewritten when the object is reused for a later event (see `free`). */
interface SimEvent<M> {
  tick: number;
  seq: number;
  type: number;
  to: number;
  from: number;
  msg: M | null;
  /** Timer: the round; delivery: the message round tag. */
  round: number;
  /** Timer generation, or the delivery's kind index. */
  aux: number;
  action: (() => void) | null;
}

/** The input of a delivery step, rewritten for each delivery (a replica reads its input only during `step`). */
interface DeliveryInput<M> {
  readonly kind: 'message';
  from: NodeId;
  msg: M;
}

export class World<M> {
  private readonly queue = new EventQueue<SimEvent<M>>();
  /**
   * Executed events, reused for new ones: a run executes hundreds of events but holds a few dozen at
   * once, so reusing them keeps the simulator's allocation per run small.
   */
  private readonly free: SimEvent<M>[] = [];
  private readonly replicas: (Actor<M, ObservationBase> | null)[];
  private readonly stores: Store[];
  private readonly timerGen: number[];
  private readonly byIdentity: number[][];
  private readonly links = new Map<number, Stream>();
  private readonly hash = new TraceHash();
  private readonly delivery: DeliveryInput<M> = { kind: 'message', from: 0, msg: null as M };
  /** The envelope a fate is asked for, rewritten for each message (policies keep none of it). */
  private readonly envelope: { from: number; to: number; message: M; kind: number; tag: number } =
    { from: 0, to: 0, message: null as M, kind: 0, tag: 0 };
  private seq = 0;
  private tick = 0;
  private events = 0;
  private started = false;
  private readonly clients: ClientHost | null;

  constructor(private readonly opts: WorldOptions<M>) {
    checkOptions(opts);
    const count = opts.replicas.length;
    this.replicas = new Array<Actor<M, ObservationBase> | null>(count).fill(null);
    this.stores = opts.replicas.map(() => emptyStore());
    this.timerGen = new Array<number>(count).fill(0);
    this.byIdentity = Array.from({ length: opts.n }, () => [] as number[]);
    opts.replicas.forEach((r, i) => {
      this.byIdentity[r.identity]!.push(i);
    });
    this.clients = opts.clients === undefined || opts.clients.actors.length === 0 ? null
      : new ClientHost(this.clientHooks(), opts.clients, count);
  }

  /** What the client host reaches of the world. */
  private clientHooks(): ConstructorParameters<typeof ClientHost>[0] {
    return {
      hash: this.hash, seed: this.opts.seed, delayTicks: this.opts.delayTicks,
      now: () => this.tick,
      schedule: (at, action) => this.schedule(at, action),
      identity: (i) => this.opts.replicas[i]!.identity,
      deliverRequest: (i, txn) => {
        const replica = this.replicas[i];
        if (replica === null || replica === undefined) return false;
        this.apply(i, replica.step({ kind: 'client', txn }));
        return true;
      },
      observe: (c, obs) => this.opts.observer?.client?.(this.tick, c, obs),
      dropped: (what, r, c, why, round) => this.opts.observer?.clientDrop?.(this.tick, what, r, c, why, round),
    };
  }

  get now(): number {
    return this.tick;
  }

  /** Schedules a harness action (crash, restart, heal, ...) at an absolute tick. */
  schedule(atTick: number, action: () => void): void {
    this.push(Math.max(atTick, this.tick), EV_CONTROL, -1, -1, null, 0, 0, action);
  }

  /** Runs until `stop()` holds, the queue empties, or the budget runs out. */
  run(stop: () => boolean = () => false): RunEnd {
    if (!this.started) this.startAll();
    const { events: maxEvents, ticks: maxTicks } = this.opts.budget;
    for (;;) {
      if (stop()) return this.end('stopped');
      const e = this.queue.pop();
      if (e === undefined) return this.end('quiescent');
      if (e.tick > maxTicks) return this.end('budget-ticks');
      if (this.events >= maxEvents) return this.end('budget-events');
      this.tick = e.tick;
      this.events++;
      this.execute(e);
      e.msg = null;
      e.action = null;
      this.free.push(e);
    }
  }

  crash(replica: number): void {
    this.replicas[replica] = null;
    this.timerGen[replica] = (this.timerGen[replica] ?? 0) + 1;
    this.hash.int(900 + replica);
    this.opts.observer?.control?.(this.tick, 'crash', replica);
  }

  /** Restarts a crashed replica from its store (§12). */
  restart(replica: number): void {
    if (this.replicas[replica] !== null) return;
    this.hash.int(1900 + replica);
    this.opts.observer?.control?.(this.tick, 'restart', replica);
    this.boot(replica);
  }

  /** A process fault: sets a protocol-declared attribute of a replica that is up (the module's `attributes`). */
  setAttribute(replica: number, name: string, value: number): void {
    const actor = this.replicas[replica];
    const spec = this.opts.protocol.attributes;
    if (actor === null || actor === undefined || spec === undefined) return;
    this.hash.int(3900 + replica);
    this.hash.str(name);
    this.hash.int(value);
    spec.set(actor, name, value);
  }

  /** Records a harness milestone (e.g. heal) in the trace hash. */
  mark(what: 'heal'): void {
    this.hash.int(2900);
    this.opts.observer?.control?.(this.tick, what, null);
  }

  isUp(replica: number): boolean {
    return this.replicas[replica] !== null;
  }

  private startAll(): void {
    this.started = true;
    for (let i = 0; i < this.replicas.length; i++) this.boot(i);
    this.clients?.start();
  }

  private boot(i: number): void {
    const spec = this.opts.replicas[i]!;
    // The per-replica fields come first: adding properties after an object spread sends V8 down a
    // slow path; replicaContext has none of them (Omit<>).
    const ctx: ReplicaContext = { id: spec.identity, n: this.opts.n, marker: spec.marker, ...this.opts.replicaContext };
    const replica = this.opts.protocol.createReplica(ctx, this.stores[i]!);
    this.replicas[i] = replica;
    this.apply(i, replica.step({ kind: 'start' }));
  }

  private execute(e: SimEvent<M>): void {
    const h = this.hash;
    h.int(e.tick);
    h.int(e.type);
    if (e.type === EV_CONTROL) {
      e.action!();
      return;
    }
    h.int(e.to);
    h.int(e.round);
    const replica = this.replicas[e.to];
    if (e.type === EV_TIMER) {
      if (replica === null || replica === undefined || e.aux !== this.timerGen[e.to]) return;
      this.opts.observer?.timer?.(e.tick, e.to, e.round);
      this.apply(e.to, replica.step({ kind: 'timer', round: e.round }));
      return;
    }
    h.int(e.from);
    h.int(e.aux);
    const msg = e.msg!;
    if (replica === null || replica === undefined) {
      this.opts.observer?.drop?.(e.tick, e.from, e.to, msg, 'crashed');
      return;
    }
    this.opts.observer?.deliver?.(e.tick, e.from, e.to, msg);
    const input = this.delivery;
    input.from = this.opts.replicas[e.from]!.identity;
    input.msg = msg;
    this.apply(e.to, replica.step(input));
  }

  private apply(i: number, outputs: readonly ActorOutput<M, ObservationBase>[]): void {
    // Indexed: a step that wants nothing done returns a shared frozen list, and V8 iterates a frozen
    // array with for-of through an iterator object.
    for (let k = 0; k < outputs.length; k++) {
      const out = outputs[k]!;
      switch (out.kind) {
        case 'send':
          this.sendTo(i, this.byIdentity[out.to] ?? [], out.msg, this.kindOf(out.msg), this.opts.protocol.roundTag(out.msg));
          break;
        case 'broadcast': {
          const kind = this.kindOf(out.msg);
          const round = this.opts.protocol.roundTag(out.msg);
          for (const targets of this.byIdentity) this.sendTo(i, targets, out.msg, kind, round);
          break;
        }
        case 'set-timer': {
          const gen = ++this.timerGen[i]!;
          this.push(this.tick + out.delayTicks, EV_TIMER, i, i, null, out.round, gen, null);
          break;
        }
        case 'observe':
          this.observe(i, out.obs);
          break;
        case 'reply':
          this.clients?.reply(i, out.reply);
          break;
        default:
          unreachable(out);
      }
    }
  }

  private observe(i: number, obs: ObservationBase): void {
    if (obs.type === 'commit') {
      const commit = obs as CommitObservation;
      this.hash.int(7000 + i);
      this.hash.int(commit.height);
      this.hash.str(commit.blockId);
    } else if (this.clients !== null && obs.type === 'enter-round') {
      this.clients.enterRound(i, (obs as EnterRoundObservation).round);
    }
    this.opts.observer?.observe?.(this.tick, i, obs);
  }

  /** The message's kind: an index into the protocol's `kinds`. */
  private kindOf(msg: M): number {
    return this.opts.protocol.kindOf(msg);
  }

  private sendTo(from: number, targets: readonly number[], msg: M, kind: number, round: number): void {
    for (const to of targets) {
      if (to === from) {
        this.pushDelivery(from, to, msg, kind, round, 0);
        continue;
      }
      const fate = this.fateOf(from, to, msg, kind, round);
      switch (fate.kind) {
        case 'deliver':
          this.pushDelivery(from, to, msg, kind, round, fate.delayTicks ?? this.delay(from, to));
          break;
        case 'drop':
          this.opts.observer?.drop?.(this.tick, from, to, msg, fate.reason);
          break;
        case 'duplicate':
          for (const d of fate.delaysTicks) this.pushDelivery(from, to, msg, kind, round, d ?? this.delay(from, to));
          break;
        case 'replace': {
          const m = fate.message;
          this.pushDelivery(from, to, m, this.kindOf(m), this.opts.protocol.roundTag(m), fate.delayTicks ?? this.delay(from, to));
          break;
        }
        default:
          unreachable(fate);
      }
    }
  }

  /** Asks the fault policy for the fate of one message, through the reused envelope. */
  private fateOf(from: number, to: number, msg: M, kind: number, tag: number): Fate<M> {
    const env = this.envelope;
    env.from = from;
    env.to = to;
    env.message = msg;
    env.kind = kind;
    env.tag = tag;
    return this.opts.faults.fate(env, this.tick);
  }

  private pushDelivery(from: number, to: number, msg: M, kind: number, round: number, delay: number): void {
    this.push(this.tick + delay, EV_DELIVER, to, from, msg, round, kind, null);
  }

  /** Per-link delay: fixed, or drawn from the link's own seeded stream. */
  private delay(from: number, to: number): number {
    const { min, max } = this.opts.delayTicks;
    if (min === max) return min;
    const key = from * this.replicas.length + to;
    let s = this.links.get(key);
    if (s === undefined) {
      s = stream(this.opts.seed, `network:${from}->${to}`);
      this.links.set(key, s);
    }
    return s.int(min, max);
  }

  private push(tick: number, type: number, to: number, from: number, msg: M | null, round: number, aux: number,
    action: (() => void) | null): void {
    const seq = this.seq++;
    let e = this.free.pop();
    if (e === undefined) {
      e = { tick, seq, type, to, from, msg, round, aux, action };
    } else {
      e.tick = tick;
      e.seq = seq;
      e.type = type;
      e.to = to;
      e.from = from;
      e.msg = msg;
      e.round = round;
      e.aux = aux;
      e.action = action;
    }
    this.queue.push(e);
  }

  private end(reason: EndReason): RunEnd {
    return { reason, tick: this.tick, events: this.events, traceHash: this.hash.hex() };
  }
}

function checkOptions<M>(o: WorldOptions<M>): void {
  if (!Number.isInteger(o.n) || o.n < 1) throw new SimConfigError('n', `must be an integer >= 1, got ${o.n}`);
  if (o.replicas.length < 1) throw new SimConfigError('replicas', 'at least one replica is needed');
  o.replicas.forEach((r, i) => {
    if (!Number.isInteger(r.identity) || r.identity < 0 || r.identity >= o.n) {
      throw new SimConfigError(`replicas[${i}]`, `replica ${r.name} has identity ${r.identity} outside 0..${o.n - 1}`);
    }
  });
  const known = o.protocol.bugs.map((b) => b.name);
  for (const b of o.replicaContext.bugs) {
    if (!known.includes(b)) throw new SimConfigError('bugs', `unknown bug '${b}'; known: ${known.join(', ')}`);
  }
  const { min, max } = o.delayTicks;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) {
    throw new SimConfigError('delayTicks', `needs integers 1 <= min <= max, got ${min}..${max}`);
  }
  if (!(o.replicaContext.roundTimeoutTicks >= 1)) {
    throw new SimConfigError('roundTimeoutTicks', `must be >= 1, got ${o.replicaContext.roundTimeoutTicks}`);
  }
}
