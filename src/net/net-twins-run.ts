// Runs one Twins scenario on real sockets and real time (docs/network.md, "Network Twins"): one
// TwinHost per replica of the scenario (twins share their identity's node key), the scenario's
// leaders as the replicas' leader override, and the simulator's own fault policies (partitions and
// directed drops by round tag, then failure rules) in every replica's fault layer. The run then ends
// as a simulated one does, on real time: it heals when every honest replica has passed the last
// scripted round or at the heal deadline, and ends when every honest replica has passed the last GST
// round or the liveness bound after the heal has elapsed. The oracles judge the logs afterwards.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnterRoundObservation, ObservationBase } from '../kernel/observation.js';
import { composePolicies } from '../kernel/fate.js';
import { DEFAULT_PROTOCOL, protocolNamed } from '../protocols/registry.js';
import type { Scenario } from '../scenario/types.js';
import { healDeadline, livenessBound, withRunOptions, type ExecOptions, type RunOptionsInput } from '../exec/exec-options.js';
import { withScenarioTiming } from '../exec/scenario-timing.js';
import { compileScenario, type CompiledScenario } from '../exec/twins-setup.js';
import { compileRules, type RuleSetup } from '../exec/rule-setup.js';
import { ClientWatch } from '../exec/client-watch.js';
import { loadOrCreateKey } from './keys.js';
import { RunClock, TwinHost } from './twin-host.js';
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
  if (s.crashes !== undefined && s.crashes.length > 0) return no('crashes', 'crashes and restarts');
  if (s.setAttrs !== undefined && s.setAttrs.length > 0) return no('setAttrs', 'attribute sets');
  if (s.workloads !== undefined && s.workloads.length > 0) return no('workloads', 'client workloads');
  if (s.clients !== undefined) return no('clients', 'clients');
  if (s.replyFaults !== undefined) return no('replyFaults', 'reply faults');
  return null;
}

export async function runNetworkScenario(scenario: Scenario, options: RunOptionsInput, o: NetworkRunOptions):
  Promise<NetworkRunResult> {
  const started = performance.now();
  const opts = withScenarioTiming(withRunOptions(options), scenario);
  const protocol = protocolNamed(opts.protocol ?? scenario.protocol ?? DEFAULT_PROTOCOL);
  const c = compileScenario(scenario, protocol);
  const rules = compileRules(scenario, protocol, c.replicas, c.leaderOf, opts.seed, opts.crypto);
  rmSync(o.dir, { recursive: true, force: true });
  mkdirSync(o.dir, { recursive: true });
  const keys = scenario.nodes.map((_, j) => loadOrCreateKey(join(o.keysDir ?? join(o.dir, 'keys'), `identity-${j}`)));
  const clock = new RunClock(o.tickMs);
  const phases = new Phases(c, opts, rules, clock);
  const services = new ClientWatch(scenario, opts, c.replicas.map((r) => r.name), protocol.thresholds(c.n).f);
  const hosts = c.replicas.map((r) => new TwinHost<unknown>({
    module: protocol, replica: r.index, identityOf: c.replicas.map((x) => x.identity),
    context: { n: c.n, marker: r.marker, chainSeed: opts.seed, crypto: opts.crypto, bugs: services.protocolBugs,
      roundTimeoutTicks: opts.roundTimeoutTicks, leaderOverride: c.leaderOf, service: services.running,
      options: { ...protocol.options.defaults, ...opts.protocolOptions } },
    policy: rules === null ? c.schedule : composePolicies<unknown>(c.schedule, rules.policy),
    clock, dir: join(o.dir, `replica-${r.index}`), key: keys[r.identity]!, publicKeys: keys.map((k) => k.publicKey),
    onObserve: (i, obs) => phases.observe(i, obs), onCrash: (i, error) => phases.crash(i, error),
  }));
  try {
    const ports = await Promise.all(hosts.map((h) => h.listen()));
    await withinMs(CONNECT_MS, Promise.all(hosts.map((h) => h.connect(ports))),
      `the replicas did not all reach each other within ${CONNECT_MS / 1000} s`);
    clock.begin();
    phases.begin();
    for (const h of hosts) h.start();
    await phases.ended;
  } finally {
    phases.clearTimers();
    await Promise.all(hosts.map((h) => h.stop()));
  }
  const run = phases.log();
  writeFileSync(join(o.dir, 'run.jsonl'), `${JSON.stringify({ event: 'run', ...run, error: phases.error })}\n`);
  const judged = judgeRun(c, protocol, opts, run, hosts.map((_, i) => join(o.dir, `replica-${i}`, 'events.jsonl')));
  const durationMs = Math.round(performance.now() - started);
  if (phases.error === undefined) return { ...judged, run, durationMs };
  return { ...judged, verdict: 'crash', run, error: phases.error, durationMs };
}

const WATCHDOG_MS = 10;
/** How long the replicas may take to open and authenticate every link before the run gives up. */
const CONNECT_MS = 60_000;

/** `p`, or an Error with `message` when it has not settled within `ms`. */
async function withinMs<T>(ms: number, p: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Follows the honest replicas' rounds on real time: the scripted phase, the heal, the GST tail, the end. */
class Phases {
  readonly ended: Promise<void>;
  error: string | undefined;
  private finish!: () => void;
  private readonly roundOf: number[];
  private readonly honest: number[];
  private readonly timers: NodeJS.Timeout[] = [];
  private healTick: number | null = null;
  private healSeq: number | null = null;
  private healed = false;
  private done = false;
  private endTick = 0;
  private endReason = 'stopped';
  private tailCompleted = false;
  private readonly livenessTicks: number;
  private readonly healDeadline: number;
  private watchdog: NodeJS.Timeout | null = null;
  private maxStall = 0;

  constructor(private readonly c: CompiledScenario, opts: ExecOptions, private readonly rules: RuleSetup | null,
    private readonly clock: RunClock) {
    this.ended = new Promise((resolve) => { this.finish = resolve; });
    this.roundOf = c.replicas.map(() => 0);
    this.honest = c.replicas.filter((r) => r.honest).map((r) => r.index);
    this.livenessTicks = livenessBound(opts, c.gstRounds) + (rules?.maxDelayTicks ?? 0);
    this.healDeadline = healDeadline(opts, c.scriptedRounds);
  }

  /** Tick 0: the heal deadline starts counting. */
  begin(): void {
    this.watch();
    this.after(this.healDeadline, () => this.heal());
  }

  observe(i: number, obs: ObservationBase): void {
    if (obs.type !== 'enter-round' || !this.c.replicas[i]!.honest) return;
    this.roundOf[i] = Math.max(this.roundOf[i]!, (obs as EnterRoundObservation).round);
    const slowest = Math.min(...this.honest.map((h) => this.roundOf[h]!));
    if (!this.healed && slowest > this.c.scriptedRounds) this.heal();
    if (this.healed && this.c.gstRounds > 0 && slowest > this.c.scriptedRounds + this.c.gstRounds) {
      this.tailCompleted = true;
      this.end('stopped');
    }
  }

  crash(i: number, error: string): void {
    this.error ??= `replica ${this.c.replicas[i]!.name}: ${error}`;
    this.end('crash');
  }

  log(): RunLog {
    return { healTick: this.healTick, healSeq: this.healSeq, endTick: this.endTick, endReason: this.endReason,
      tailCompleted: this.tailCompleted, livenessTicks: this.livenessTicks, maxStallMs: Math.round(this.maxStall) };
  }

  clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    if (this.watchdog !== null) clearInterval(this.watchdog);
  }

  /** Measures how late a 10 ms interval fires: how long the event loop was held up. */
  private watch(): void {
    let last = performance.now();
    this.watchdog = setInterval(() => {
      const now = performance.now();
      this.maxStall = Math.max(this.maxStall, now - last - WATCHDOG_MS);
      last = now;
    }, WATCHDOG_MS);
  }

  /** The heal: from now on nothing is dropped; a scenario with no GST tail ends here, as in simulation. */
  private heal(): void {
    if (this.healed || this.done) return;
    this.healed = true;
    if (this.c.gstRounds === 0) return this.end('stopped');
    this.healTick = this.clock.tick();
    this.healSeq = this.clock.seq();
    this.c.schedule.heal();
    this.rules?.policy.heal();
    this.after(this.livenessTicks, () => this.end('liveness bound reached'));
  }

  private end(reason: string): void {
    if (this.done) return;
    this.done = true;
    this.endTick = this.clock.tick();
    this.endReason = reason;
    this.finish();
  }

  private after(ticks: number, then: () => void): void {
    this.timers.push(setTimeout(then, ticks * this.clock.tickMs));
  }
}
