// Runs one Twins scenario on real processes, sockets and time (docs/network.md, "Network Twins"): one
// process per replica of the scenario (./twin-replica.ts; twins share their identity's node key),
// each with the scenario's leaders as its leader override and the simulator's own fault policies
// (partitions and directed drops by round tag, then failure rules) in its fault layer. The processes
// start their replicas at one instant of the machine's monotonic clock, so their ticks line up. The
// run follows the replicas' rounds as a simulated one does, on real time: it crashes and restarts
// replicas by the scenario's crash plan (the process is killed; a new process continues from the
// replica's files), heals when every honest replica that is up has passed the last scripted round or
// at the heal deadline, and ends when every honest replica has passed the last GST round or the
// liveness bound after the heal has elapsed. The oracles judge the logs afterwards.
import { fork } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PROTOCOL, protocolNamed } from '../protocols/registry.js';
import type { Scenario } from '../scenario/types.js';
import { healDeadline, livenessBound, withRunOptions, type ExecOptions, type RunOptionsInput } from '../exec/exec-options.js';
import { withScenarioTiming } from '../exec/scenario-timing.js';
import { compileScenario, type CompiledScenario } from '../exec/twins-setup.js';
import { compileRules } from '../exec/rule-setup.js';
import { CrashPlan, type CrashTarget } from '../exec/crash-plan.js';
import { loadOrCreateKey } from './keys.js';
import { RunClock } from './twin-host.js';
import type { FromReplica, ReplicaInit, ToReplica } from './twin-replica.js';
import { judgeRun, type Judgement, type RunLog } from './net-twins-judge.js';

export interface NetworkRunOptions {
  /** A folder for this run's replicas (emptied first): `replica-<i>/`, `run.jsonl`. */
  readonly dir: string;
  /** Milliseconds of real time per tick. */
  readonly tickMs: number;
  /**
   * Where each identity's node key is kept (`identity-<j>/node-key.json`, created when missing): a
   * run of many scenarios generates its keys once. Default: `<dir>/keys`.
   */
  readonly keysDir?: string;
  /** Starts the replica processes and keeps track of them. */
  readonly processes: ReplicaProcesses;
}

export interface NetworkRunResult extends Judgement {
  readonly run: RunLog;
  readonly error?: string;
  readonly durationMs: number;
}

/** Why network Twins cannot run `s`: the JSON path of the first feature it does not support, and why. */
export function networkUnsupported(s: Scenario): { path: string; message: string } | null {
  const no = (field: string, what: string): { path: string; message: string } =>
    ({ path: `$.${field}`, message: `network Twins does not run ${what}; run this scenario in the simulator` });
  if (s.setAttrs !== undefined && s.setAttrs.length > 0) return no('setAttrs', 'attribute sets');
  if (s.workloads !== undefined && s.workloads.length > 0) return no('workloads', 'client workloads');
  if (s.clients !== undefined) return no('clients', 'clients');
  if (s.replyFaults !== undefined) return no('replyFaults', 'reply faults');
  return null;
}

/** How long the replica processes may take to start, listen and authenticate every link. */
const CONNECT_MS = 60_000;
/** How far ahead of the `start` message the start instant lies, so every process gets it in time. */
const START_AHEAD_NS = 50_000_000n;
/** How long a replica process may take to stop when asked before it is killed. */
const STOP_MS = 5_000;

/** One replica process: its IPC channel, its stderr (kept for an error message) and its exit. */
export class ReplicaProcess {
  readonly pid: number;
  /** Resolves once the process listens to its channel (its modules are loaded). */
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  /** Where the process's messages after `ready` go. */
  onMessage: (msg: FromReplica) => void = () => undefined;
  /** True once the run killed it (a scenario crash, or the run's own stop). */
  killed = false;
  private stderr = '';
  private exitCode: number | null = null;
  private exitSignal: string | null = null;

  constructor(private readonly child: ReturnType<typeof fork>) {
    this.pid = child.pid!;
    let isReady!: () => void;
    this.ready = new Promise((resolve) => { isReady = resolve; });
    child.on('message', (msg: FromReplica) => {
      if (msg.t === 'ready') isReady();
      else this.onMessage(msg);
    });
    child.stderr!.setEncoding('utf8').on('data', (text: string) => { this.stderr = (this.stderr + text).slice(-2000); });
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      this.exitCode = code;
      this.exitSignal = signal;
      resolve();
    }));
  }

  get running(): boolean {
    return this.exitCode === null && this.exitSignal === null;
  }

  send(msg: ToReplica): void {
    if (this.running && this.child.connected) this.child.send(msg);
  }

  /** Kills the process at once (SIGKILL: a crash, nothing of it runs after). */
  kill(): void {
    this.killed = true;
    if (this.running) this.child.kill('SIGKILL');
  }

  /** Asks the process to stop; kills it when it has not exited within STOP_MS. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.send({ t: 'stop' });
    const timer = setTimeout(() => this.kill(), STOP_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** How the process ended, for an error message. */
  exitText(): string {
    const how = this.exitSignal !== null ? `was killed by ${this.exitSignal}` : `exited with code ${this.exitCode ?? 'null'}`;
    const err = this.stderr.trim();
    return err === '' ? how : `${how}: ${err}`;
  }
}

/**
 * Starts replica processes (`entry`, the CLI's replica entry, with this process's node binary) and
 * knows every one still running, so a signal to the CLI can end them all before it exits.
 */
export class ReplicaProcesses {
  private readonly live = new Set<ReplicaProcess>();
  private closed = false;

  constructor(private readonly entry: string) {}

  start(): ReplicaProcess {
    if (this.closed) throw new Error('network Twins: the run is stopping; no replica process starts');
    const child = fork(this.entry, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const p = new ReplicaProcess(child);
    this.live.add(p);
    void p.exited.then(() => this.live.delete(p));
    return p;
  }

  /** Kills every replica process still running and resolves once all have exited; none starts after. */
  async killAll(): Promise<void> {
    this.closed = true;
    const all = [...this.live];
    for (const p of all) p.kill();
    await Promise.all(all.map((p) => p.exited));
  }
}

export async function runNetworkScenario(scenario: Scenario, options: RunOptionsInput, o: NetworkRunOptions):
  Promise<NetworkRunResult> {
  const started = performance.now();
  const opts = withScenarioTiming(withRunOptions(options), scenario);
  const protocol = protocolNamed(opts.protocol ?? scenario.protocol ?? DEFAULT_PROTOCOL);
  const c = compileScenario(scenario, protocol);
  rmSync(o.dir, { recursive: true, force: true });
  mkdirSync(o.dir, { recursive: true });
  const keysDir = o.keysDir ?? join(o.dir, 'keys');
  const publicKeys = scenario.nodes.map((_, j) => loadOrCreateKey(join(keysDir, `identity-${j}`)).publicKey);
  const run = new NetworkRun(c, opts, { ...o, keysDir }, publicKeys, { scenario, options });
  try {
    await run.setUp();
    run.begin();
    await run.whenEnded();
  } finally {
    await run.stopAll();
  }
  const log = run.log();
  writeFileSync(join(o.dir, 'run.jsonl'), [{ event: 'run', ...log, error: run.error }, ...run.controls]
    .map((e) => `${JSON.stringify(e)}\n`).join(''));
  const judged = judgeRun(c, protocol, opts, log, c.replicas.map((r) => join(o.dir, `replica-${r.index}`, 'events.jsonl')));
  const durationMs = Math.round(performance.now() - started);
  if (run.error === undefined) return { ...judged, run: log, durationMs };
  return { ...judged, verdict: 'crash', run: log, error: run.error, durationMs };
}

/** A promise and its resolve and reject, settled from outside. */
class Deferred<T = void> {
  readonly promise: Promise<T>;
  resolve!: (v: T) => void;
  reject!: (e: Error) => void;
  constructor() {
    this.promise = new Promise<T>((res, rej) => { this.resolve = res; this.reject = rej; });
  }
}

/**
 * The replica processes of one scenario and the run's phases on real time: the scripted phase, the
 * crashes and restarts, the heal, the GST tail, the end.
 */
class NetworkRun {
  error: string | undefined;
  /** The crashes and restarts of the run's processes, for `run.jsonl`. */
  readonly controls: Record<string, unknown>[] = [];
  private readonly finished = new Deferred();
  /** Rejected when the run cannot go on: a replica process died or failed, or the processes did not connect. */
  private readonly broken = new Deferred();
  private readonly clock: RunClock;
  /** The process of each replica; null while the replica is crashed. */
  private readonly procs: (ReplicaProcess | null)[];
  private readonly spawned: ReplicaProcess[] = [];
  /** The latest process of each replica, up or killed. */
  private readonly latest: ReplicaProcess[] = [];
  /** A process started ahead, loaded and waiting, for each replica the scenario restarts. */
  private readonly spares = new Map<number, ReplicaProcess>();
  private readonly ports: number[];
  private readonly roundOf: number[];
  private readonly honest: number[];
  private readonly crashes: CrashPlan;
  private readonly target: CrashTarget;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly listening = new Deferred();
  private readonly linked = new Deferred();
  private pending = 0;
  private t0 = 0n;
  private healed = false;
  /** Restarts under way: each resolves once the new process has started its replica. */
  private readonly restarting = new Set<Promise<void>>();
  private readonly started: ((() => void) | undefined)[] = [];
  private healTick: number | null = null;
  private healT: number | null = null;
  private done = false;
  private endTick = 0;
  private endReason = 'stopped';
  private tailCompleted = false;
  private readonly livenessTicks: number;
  private readonly healDeadline: number;
  private maxStall = 0;

  constructor(private readonly c: CompiledScenario, opts: ExecOptions, private readonly o: NetworkRunOptions & { keysDir: string },
    private readonly publicKeys: readonly string[], private readonly input: { scenario: Scenario; options: RunOptionsInput }) {
    this.broken.promise.catch(() => undefined);
    this.clock = new RunClock(o.tickMs);
    this.procs = c.replicas.map(() => null);
    this.ports = c.replicas.map(() => 0);
    this.roundOf = c.replicas.map(() => 0);
    this.honest = c.replicas.filter((r) => r.honest).map((r) => r.index);
    this.crashes = new CrashPlan(c.scenario, (name) => this.indexOf(name), (i) => c.replicas[i]!.honest);
    this.target = {
      now: 0, schedule: (_tick, action) => action(), isUp: (i) => this.procs[i] !== null,
      crash: (i) => this.crash(i), restart: (i) => this.restart(i),
    };
    const rules = compileRules(c.scenario, protocolNamed(opts.protocol ?? c.scenario.protocol ?? DEFAULT_PROTOCOL),
      c.replicas, c.leaderOf, opts.seed, opts.crypto);
    this.livenessTicks = livenessBound(opts, c.gstRounds) + (rules?.maxDelayTicks ?? 0);
    this.healDeadline = healDeadline(opts, c.scriptedRounds);
  }

  /** Starts every replica's process and waits until all listen and every link has passed its handshake. */
  async setUp(): Promise<void> {
    const timer = setTimeout(() => this.abort(
      `the replica processes did not all start and reach each other within ${CONNECT_MS / 1000} s`), CONNECT_MS);
    try {
      this.pending = this.c.replicas.length;
      for (const r of this.c.replicas) void this.spawn(r.index, this.crashRoundOf(r.name), null);
      for (const x of this.c.scenario.crashes ?? []) {
        if (x.permanent !== true) this.spares.set(this.indexOf(x.replica), this.launch());
      }
      await Promise.race([this.listening.promise, this.broken.promise]);
      await Promise.race([Promise.all([...this.spares.values()].map((p) => p.ready)), this.broken.promise]);
      this.pending = this.c.replicas.length;
      for (const p of this.procs) p!.send({ t: 'connect', ports: this.ports });
      await Promise.race([this.linked.promise, this.broken.promise]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Tick 0: a moment from now, on the machine's monotonic clock, in every process at once. */
  begin(): void {
    this.t0 = RunClock.now() + START_AHEAD_NS;
    this.clock.begin(this.t0);
    for (const p of this.procs) p!.send({ t: 'start', t0: String(this.t0) });
    this.after(this.healDeadline, () => this.heal());
  }

  /** Resolves when the run has ended; rejects when it broke down. */
  async whenEnded(): Promise<void> {
    await Promise.race([this.finished.promise, this.broken.promise]);
  }

  /** Stops every process of the run still running: asked first, killed when it does not stop. */
  async stopAll(): Promise<void> {
    this.done = true;
    for (const t of this.timers) clearTimeout(t);
    await Promise.all(this.spawned.map((p) => p.stop()));
  }

  log(): RunLog {
    return { healTick: this.healTick, healT: this.healT, endTick: this.endTick, endReason: this.endReason,
      tailCompleted: this.tailCompleted, livenessTicks: this.livenessTicks, maxStallMs: Math.round(this.maxStall) };
  }

  private indexOf(name: string): number {
    return this.c.replicas.find((r) => r.name === name)!.index;
  }

  private crashRoundOf(name: string): number | null {
    return this.c.scenario.crashes?.find((x) => x.replica === name)?.round ?? null;
  }

  /** A new process of the run, not yet any replica's. */
  private launch(): ReplicaProcess {
    const p = this.o.processes.start();
    this.spawned.push(p);
    void p.exited.then(() => {
      if (!p.killed && !this.done) this.abort(`a replica process ${p.exitText()}`);
    });
    return p;
  }

  /** Makes `p` (a new process by default) replica `i`'s process and sends it its replica once it is ready. */
  private async spawn(i: number, crashAt: number | null, resume: ReplicaInit['resume'], p = this.launch()): Promise<void> {
    this.procs[i] = p;
    this.latest[i] = p;
    p.onMessage = (msg) => this.onMessage(i, p, msg);
    await Promise.race([p.ready, p.exited]);
    p.send({
      t: 'init', scenario: this.input.scenario, options: this.input.options, replica: i, tickMs: this.o.tickMs,
      dir: join(this.o.dir, `replica-${i}`), keysDir: this.o.keysDir, publicKeys: this.publicKeys, port: this.ports[i]!,
      crashAt, healed: this.healT !== null, resume,
    });
  }

  private onMessage(i: number, p: ReplicaProcess, msg: FromReplica): void {
    if (this.procs[i] !== p) return;
    switch (msg.t) {
      case 'listening':
        this.ports[i] = msg.port;
        if (--this.pending === 0) this.listening.resolve();
        return;
      case 'linked':
        if (--this.pending === 0) this.linked.resolve();
        return;
      case 'round': return this.round(i, msg.round);
      case 'started': return this.started[i]?.();
      case 'crash': return this.fail(`replica ${this.c.replicas[i]!.name}: ${msg.error}`);
      case 'failed': return this.abort(`replica ${this.c.replicas[i]!.name}'s process failed: ${msg.error}`);
      case 'stopped':
        this.maxStall = Math.max(this.maxStall, msg.maxStallMs);
        return;
    }
  }

  /** Replica `i` entered `round`: the crash plan, then (an honest replica's) progress through the phases. */
  private round(i: number, round: number): void {
    if (this.done) return;
    this.crashes.onEnterRound(this.target, i, round);
    if (!this.c.replicas[i]!.honest || round <= this.roundOf[i]!) return;
    this.roundOf[i] = round;
    const slowest = this.slowestHonestRound();
    if (!this.healed && slowest > this.c.scriptedRounds) this.heal();
    if (this.healT !== null && this.c.gstRounds > 0 && slowest > this.c.scriptedRounds + this.c.gstRounds) {
      this.tailCompleted = true;
      this.end('stopped');
    }
  }

  /** The lowest round an honest replica that is up has entered (a crashed one holds no phase back). */
  private slowestHonestRound(): number {
    let slowest = Infinity;
    for (const h of this.honest) if (this.procs[h] !== null) slowest = Math.min(slowest, this.roundOf[h]!);
    return slowest;
  }

  /** The scenario crashes replica `i`: its process is killed. */
  private crash(i: number): void {
    const p = this.procs[i];
    if (p === null || p === undefined) return;
    this.procs[i] = null;
    p.kill();
    this.controls.push({ event: 'crash', replica: i, pid: p.pid, tick: this.clock.tick() });
  }

  /**
   * The scenario restarts replica `i`: once the killed process is gone, a new one (the spare started
   * for it, already loaded) continues from the replica's folder on the same port.
   */
  private restart(i: number): void {
    const done = this.restartNow(i).finally(() => this.restarting.delete(done));
    this.restarting.add(done);
  }

  private async restartNow(i: number): Promise<void> {
    await this.latest[i]?.exited;
    if (this.done || this.procs[i] !== null) return;
    const spare = this.spares.get(i);
    this.spares.delete(i);
    const p = spare !== undefined && spare.running ? spare : this.launch();
    this.controls.push({ event: 'restart', replica: i, pid: p.pid, tick: this.clock.tick() });
    const started = new Promise<void>((resolve) => { this.started[i] = resolve; });
    await this.spawn(i, null, { t0: String(this.t0), ports: this.ports }, p);
    await Promise.race([started, p.exited]);
  }

  /**
   * The heal: no crash happens from now on and crashed replicas restart; a scenario with no GST tail
   * ends here, as in simulation. Once every restart has started its replica (in simulation they
   * restart within the heal's tick; every replica is up for the GST tail), every process stops
   * dropping. The heal's time is that moment, before any process has applied it: every message that
   * crosses a partition afterwards, and all it causes, is logged later than that.
   */
  private heal(): void {
    if (this.healed || this.done) return;
    this.healed = true;
    if (this.c.gstRounds === 0) return this.end('stopped');
    this.crashes.onHeal(this.target);
    void Promise.all([...this.restarting]).then(() => {
      if (this.done) return;
      this.healT = this.clock.t();
      this.healTick = this.clock.tickAt(this.healT);
      for (const p of this.procs) p?.send({ t: 'heal' });
      this.after(this.healTick + this.livenessTicks, () => this.end('liveness bound reached'));
    });
  }

  /** The replica's code threw: the run ends with a crash verdict, as in simulation. */
  private fail(error: string): void {
    if (this.done) return;
    this.error = error;
    this.end('crash');
  }

  /** The run cannot go on (not the replicas' doing): it ends with an error, not a verdict. */
  private abort(error: string): void {
    if (this.done) return;
    this.done = true;
    this.broken.reject(new Error(`network Twins: ${error}`));
  }

  private end(reason: string): void {
    if (this.done) return;
    this.done = true;
    this.endTick = this.clock.tick();
    this.endReason = reason;
    this.finished.resolve();
  }

  /** Runs `then` at tick `tick` of the run. */
  private after(tick: number, then: () => void): void {
    this.timers.push(setTimeout(then, this.clock.msUntil(tick * this.o.tickMs * 1e6)));
  }
}
