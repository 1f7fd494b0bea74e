// Runs one scenario on the deterministic world and judges it with every oracle (DESIGN §7).
// A scenario whose replica code throws is a `crash` verdict, not a crashed batch.
import type { Observation, Protocol } from '../core/protocol.js';
import { diemProtocol } from '../core/diem-protocol.js';
import { World, type RunEnd, type WorldObserver } from '../sim/world.js';
import type { Scenario } from '../scenario/types.js';
import { DEFAULT_EXEC_OPTIONS, delayRange, healDeadline, livenessBound, type ExecOptions } from './exec-options.js';
import { ORACLES, type OracleContext, type OracleDef, type OracleInstance, type ReplicaInfo, type RunState } from './oracles/index.js';
import { observationIndex, OBSERVATION_TYPES, type ObservationReader } from './oracles/oracle.js';
import type { TraceEvent, Verdict, Violation } from './report-types.js';
import { compileScenario, type CompiledScenario } from './twins-setup.js';
import { TraceRecorder } from './trace-recorder.js';

export interface RunResult {
  readonly ok: boolean;
  readonly verdict: Verdict;
  readonly violations: readonly Violation[];
  readonly traceHash: string;
  readonly endReason: RunEnd['reason'] | 'crash';
  readonly ticks: number;
  readonly events: number;
  readonly healTick: number | null;
  /** Highest committed height over honest replicas. */
  readonly height: number;
  readonly error?: string;
  readonly trace?: readonly TraceEvent[];
}

export interface RunExtras {
  /** Record a readable trace (slower; for replay and reports). */
  readonly trace?: boolean;
  readonly protocol?: Protocol<unknown>;
}

/** Runs `scenario` under `options` (defaults filled in) and returns the verdict as data. */
export function runScenario(scenario: Scenario, options: Partial<ExecOptions> = {}, extras: RunExtras = {}): RunResult {
  const opts: ExecOptions = { ...DEFAULT_EXEC_OPTIONS, ...options };
  const protocol = extras.protocol ?? (diemProtocol as Protocol<unknown>);
  const compiled = compileScenario(scenario);
  const run = new ScenarioRun(scenario, compiled, opts, protocol, extras.trace === true);
  return run.execute();
}

/**
 * The oracles a run uses and, per observation type (by `observationIndex`), the positions of those
 * that read it, in registry order. There are two such lists, so they are worked out once.
 */
interface OraclePlan {
  readonly defs: readonly OracleDef[];
  readonly readersOf: readonly (readonly number[])[];
}

function planFor(defs: readonly OracleDef[]): OraclePlan {
  const readersOf = OBSERVATION_TYPES.map((type) => defs.flatMap((def, k) => (def.observes.includes(type) ? [k] : [])));
  return { defs, readersOf };
}

const WITH_GST = planFor(ORACLES);
const SAFETY_ONLY = planFor(ORACLES.filter((o) => o.needsGst !== true));
/** Stands in for an oracle with no `observe`, so every position holds a function. */
const ignore: ObservationReader = () => undefined;

/** The World calls `observe` about 380 times a run; untraced, the run itself is the World's observer. */
class ScenarioRun implements WorldObserver<unknown> {
  private readonly violations: Violation[] = [];
  private readonly oracles: OracleInstance[];
  /** Per observation type (by `observationIndex`): the positions in `observeOf` of the oracles that read it. */
  private readonly readersOf: readonly (readonly number[])[];
  /** Each oracle's `observe`, by position. */
  private readonly observeOf: readonly ObservationReader[];
  private readonly state: RunState;
  private readonly world: World<unknown>;
  private readonly recorder: TraceRecorder<unknown> | null;
  private readonly roundOf: number[];
  private readonly honest: number[];
  private height = 0;
  private stop = false;
  private tailDone = false;

  constructor(private readonly scenario: Scenario, private readonly c: CompiledScenario,
    private readonly opts: ExecOptions, private readonly protocol: Protocol<unknown>, trace: boolean) {
    const { f, quorum } = protocol.thresholds(c.n);
    this.state = { healTick: null, scriptedRounds: c.scriptedRounds, gstRounds: c.gstRounds, leaderOf: c.leaderOf };
    this.roundOf = c.replicas.map(() => 0);
    this.honest = c.replicas.filter((r) => r.honest).map((r) => r.index);
    const ctx: OracleContext = {
      scenario, replicas: c.replicas, n: c.n, f, quorum, protocol, crypto: opts.crypto, chainSeed: String(opts.seed),
      run: this.state,
      livenessTicks: livenessBound(opts, c.gstRounds),
      report: (v) => this.violations.push({ ...v, kind: v.oracle.startsWith('liveness.') ? 'liveness' : 'safety' }),
    };
    const plan = c.gstRounds > 0 ? WITH_GST : SAFETY_ONLY;
    this.oracles = plan.defs.map((o) => o.create(ctx));
    this.readersOf = plan.readersOf;
    this.observeOf = this.oracles.map((o) => o.observe ?? ignore);
    this.recorder = trace ? new TraceRecorder(protocol, c.replicas, c.n, opts.crypto, String(opts.seed)) : null;
    this.world = new World<unknown>({
      protocol, n: c.n, replicas: c.replicas, seed: String(opts.seed), delayTicks: delayRange(opts.delayTicks),
      network: c.schedule, budget: { events: opts.budget.events ?? 200_000, ticks: opts.budget.ticks ?? 100_000 },
      replicaOptions: {
        bugs: opts.bugs, crypto: opts.crypto, roundTimeoutTicks: opts.roundTimeoutTicks,
        retransmitTimeouts: opts.retransmitTimeouts, leaderOverride: c.leaderOf, leaderElection: 'round-robin',
        chainSeed: String(opts.seed),
      },
      observer: this.recorder === null ? this : this.tracingObserver(this.recorder),
    });
  }

  execute(): RunResult {
    this.world.schedule(healDeadline(this.opts, this.c.scriptedRounds), () => this.endScriptedPhase());
    let end: RunEnd;
    try {
      end = this.world.run(() => this.stop);
    } catch (err) {
      return this.crashed(err);
    }
    for (const o of this.oracles) o.finish?.({ tick: end.tick, tailCompleted: this.tailDone, endReason: end.reason });
    return this.result(end);
  }

  /** A traced run records each observation, and the violations it caused, between judging and following it. */
  private tracingObserver(rec: TraceRecorder<unknown>): WorldObserver<unknown> {
    return {
      observe: (tick, i, obs) => {
        const before = this.violations.length;
        const replica = this.c.replicas[i]!;
        this.judge(tick, replica, obs);
        rec.observe(tick, i, obs);
        for (const v of this.violations.slice(before)) rec.events.push({ tick, type: 'violation', violation: v });
        if (replica.honest) this.follow(i, obs);
      },
      deliver: (t, f, to, m) => rec.deliver(t, f, to, m),
      drop: (t, f, to, m, why) => rec.drop(t, f, to, m, why),
      timer: (t, r, round) => rec.timer(t, r, round),
      control: (t, what, r) => rec.control(t, what, r),
    };
  }

  /** WorldObserver, for an untraced run. */
  observe(tick: number, i: number, obs: Observation): void {
    const replica = this.c.replicas[i]!;
    this.judge(tick, replica, obs);
    if (replica.honest) this.follow(i, obs);
  }

  /** Hands the observation to the oracles that read its type, in registry order. */
  private judge(tick: number, replica: ReplicaInfo, obs: Observation): void {
    const readers = this.readersOf[observationIndex(obs.type)]!;
    for (let k = 0; k < readers.length; k++) this.observeOf[readers[k]!]!(tick, replica, obs);
  }

  /** An honest replica's progress: committed height, and the rounds that end the scripted phase and the tail. */
  private follow(i: number, obs: Observation): void {
    if (obs.type === 'commit') this.height = Math.max(this.height, obs.height);
    if (obs.type !== 'enter-round' || obs.round <= this.roundOf[i]!) return;
    this.roundOf[i] = obs.round;
    const slowest = this.slowestHonestRound();
    if (this.state.healTick === null && slowest > this.c.scriptedRounds) this.endScriptedPhase();
    if (this.c.gstRounds > 0 && slowest > this.c.scriptedRounds + this.c.gstRounds) {
      this.tailDone = true;
      this.stop = true;
    }
  }

  /** The lowest round any honest replica has entered. */
  private slowestHonestRound(): number {
    let slowest = Infinity;
    for (const h of this.honest) slowest = Math.min(slowest, this.roundOf[h]!);
    return slowest;
  }

  /** Heal (DESIGN §5): from now on nothing is dropped; a safety-only scenario simply ends here. */
  private endScriptedPhase(): void {
    if (this.state.healTick !== null || this.stop) return;
    if (this.c.gstRounds === 0) {
      this.stop = true;
      return;
    }
    const tick = this.world.now;
    this.state.healTick = tick;
    this.c.schedule.heal();
    this.world.mark('heal');
    for (const o of this.oracles) o.heal?.(tick);
    this.world.schedule(tick + livenessBound(this.opts, this.c.gstRounds), () => { this.stop = true; });
  }

  private result(end: RunEnd): RunResult {
    const violations = this.violations;
    const verdict: Verdict = violations.some((v) => v.kind === 'safety') ? 'safety-violation'
      : violations.length > 0 ? 'liveness-violation' : 'pass';
    return {
      ok: verdict === 'pass', verdict, violations, traceHash: end.traceHash, endReason: end.reason, ticks: end.tick,
      events: end.events, healTick: this.state.healTick, height: this.height,
      ...(this.recorder ? { trace: this.recorder.events } : {}),
    };
  }

  private crashed(err: unknown): RunResult {
    const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return {
      ok: false, verdict: 'crash', violations: this.violations, traceHash: '', endReason: 'crash', ticks: this.world.now,
      events: 0, healTick: this.state.healTick, height: this.height, error,
      ...(this.recorder ? { trace: this.recorder.events } : {}),
    };
  }
}
