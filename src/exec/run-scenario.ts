// Runs one scenario on the deterministic world and judges it with its oracles (DESIGN §7). Everything
// protocol-specific comes from the protocol's module, found by name in the registry. A scenario whose
// replica code throws is a `crash` verdict, not a crashed batch.
import type { CommitObservation, EnterRoundObservation, ObservationBase } from '../kernel/observation.js';
import type { ProtocolModule } from '../kernel/protocol-module.js';
import { DEFAULT_PROTOCOL, protocolNamed } from '../protocols/registry.js';
import { SimConfigError } from '../sim/errors.js';
import { World, type RunEnd, type WorldObserver } from '../sim/world.js';
import { protocolOptionsValidator } from '../scenario/schemas.js';
import type { Scenario } from '../scenario/types.js';
import { delayRange, healDeadline, livenessBound, withRunOptions, type ExecOptions, type RunOptionsInput } from './exec-options.js';
import { isServiceOracle, oraclesOf, type OracleContext, type OracleDef, type OracleInstance, type ReplicaInfo, type RunState } from './oracles/index.js';
import type { ObservationReader } from './oracles/oracle.js';
import type { TraceEvent, Verdict, Violation } from './report-types.js';
import { compileScenario, type CompiledScenario } from './twins-setup.js';
import { TraceRecorder } from './trace-recorder.js';
import { CrashPlan } from './crash-plan.js';
import { linkSeed, withScenarioTiming } from './scenario-timing.js';
import type { ClientObservation } from '../kernel/client.js';
import { ClientWatch } from './client-watch.js';
import { LedgerCollector, type ReplicaLedger } from './ledgers.js';
import { compileRules, type RuleSetup } from './rule-setup.js';
import { SetAttrPlan } from './set-attr-plan.js';
import { composePolicies } from '../kernel/fate.js';
import { CommitTail } from './commit-tail.js';

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
  /** Each replica's committed entries, when `RunExtras.ledgers` asked for them (./ledgers.ts). */
  readonly ledgers?: readonly ReplicaLedger[];
}

export interface RunExtras {
  /** Record a readable trace (slower; for replay and reports). */
  readonly trace?: boolean;
  /** A protocol module to run instead of the one the options or the scenario name. */
  readonly protocol?: ProtocolModule;
  /** Collect each replica's committed entries (`RunResult.ledgers`). */
  readonly ledgers?: boolean;
}

/** The scenario's faults beyond partitions and drops, planned for one run. */
interface ProcessFaults {
  readonly crashes: CrashPlan;
  readonly setAttrs: SetAttrPlan;
  readonly rules: RuleSetup | null;
}

/** Runs `scenario` under `options` (defaults filled in) and returns the verdict as data. */
export function runScenario(scenario: Scenario, options: RunOptionsInput = {}, extras: RunExtras = {}): RunResult {
  // The scenario's own delays and round timeout, when it has them, replace the options'.
  const opts = withScenarioTiming(withRunOptions(options), scenario);
  const protocol = extras.protocol ?? protocolNamed(opts.protocol ?? scenario.protocol ?? DEFAULT_PROTOCOL);
  const compiled = compileScenario(scenario, protocol);
  const indexOf = (name: string): number => compiled.replicas.find((r) => r.name === name)!.index;
  const crashes = new CrashPlan(scenario, indexOf, (i) => compiled.replicas[i]!.honest);
  const rules = compileRules(scenario, protocol, compiled.replicas, compiled.leaderOf, opts.seed, opts.crypto);
  const faults = { crashes, setAttrs: new SetAttrPlan(scenario, indexOf), rules };
  const run = new ScenarioRun(compiled, opts, protocol, extras.trace === true, linkSeed(opts.seed, scenario), faults,
    extras.ledgers === true);
  return run.execute();
}

/**
 * The oracles a run uses and, per observation type (by the module's `observationIndex`), the
 * positions of those that read it, in order. Worked out once per module and oracle selection.
 */
interface OraclePlan {
  readonly defs: readonly OracleDef[];
  readonly readersOf: readonly (readonly number[])[];
}

function planFor(protocol: ProtocolModule, defs: readonly OracleDef[]): OraclePlan {
  const readersOf = protocol.observationTypes.map((type) =>
    defs.flatMap((def, k) => ((def.observes as readonly string[]).includes(type) ? [k] : [])));
  return { defs, readersOf };
}

/** Plans by module, then by selection key ("gst" or "safety", plus the config's oracle list). */
const plans = new WeakMap<ProtocolModule, Map<string, OraclePlan>>();

function planOf(protocol: ProtocolModule, withGst: boolean, only: readonly string[] | undefined,
  withClients: boolean): OraclePlan {
  let byKey = plans.get(protocol);
  if (byKey === undefined) plans.set(protocol, (byKey = new Map()));
  const key = `${withGst ? 'gst' : 'safety'}${withClients ? '+clients' : ''}|${only === undefined ? '*' : only.join(',')}`;
  let plan = byKey.get(key);
  if (plan === undefined) {
    const all = oraclesOf(protocol);
    for (const id of only ?? []) {
      if (!all.some((o) => o.id === id)) throw new SimConfigError('oracles', `unknown oracle '${id}' of protocol '${protocol.name}'`);
    }
    const defs = all.filter((o) => (withGst || o.needsGst !== true) && (only === undefined || only.includes(o.id))
      && (withClients || !isServiceOracle(o.id)));
    byKey.set(key, (plan = planFor(protocol, defs)));
  }
  return plan;
}

/**
 * Liveness is judged only while the honest identities that never crash for good still form a quorum;
 * otherwise nothing promises progress and only the safety oracles run.
 */
export function liveQuorumRemains(c: CompiledScenario, quorum: number): boolean {
  const live = new Set(c.replicas.filter((r) => r.honest && r.permanentlyCrashed !== true).map((r) => r.identity));
  return live.size >= quorum;
}

/** Stands in for an oracle with no `observe`, so every position holds a function. */
const ignore: ObservationReader = () => undefined;

/** The module's options bag, checked against its schema and filled with its defaults. */
function protocolOptionsOf(protocol: ProtocolModule, bag: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const validate = protocolOptionsValidator(protocol.options.schema);
  if (!validate(bag)) {
    const e = validate.errors?.[0];
    throw new SimConfigError('protocolOptions', `${e?.instancePath ?? ''} ${e?.message ?? 'invalid'} (protocol '${protocol.name}')`);
  }
  return { ...protocol.options.defaults, ...bag };
}

/** The World calls `observe` hundreds of times a run; untraced, the run itself is the World's observer. */
class ScenarioRun implements WorldObserver<unknown> {
  private readonly observationIndex: (type: string) => number;
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
  private readonly crashes: CrashPlan;
  private readonly setAttrs: SetAttrPlan;
  private readonly rules: RuleSetup | null;
  private height = 0;
  private stop = false;
  private tailDone = false;
  /** The GST tail of a protocol whose tail counts commits (./commit-tail.ts); null when it counts rounds. */
  private readonly commitTail: CommitTail | null;
  /** The run's clients and service (./client-watch.ts). */
  private readonly clients: ClientWatch;
  private readonly ledger: LedgerCollector | null;

  constructor(private readonly c: CompiledScenario, private readonly opts: ExecOptions, protocol: ProtocolModule,
    trace: boolean, networkSeed: string, faults: ProcessFaults, ledgers: boolean) {
    this.crashes = faults.crashes;
    this.setAttrs = faults.setAttrs;
    this.rules = faults.rules;
    this.ledger = ledgers ? new LedgerCollector(c.replicas.map((r) => r.name)) : null;
    const { f, quorum } = protocol.thresholds(c.n);
    this.observationIndex = protocol.observationIndex;
    this.state = { healTick: null, scriptedRounds: c.scriptedRounds, gstRounds: c.gstRounds, leaderOf: c.leaderOf };
    this.roundOf = c.replicas.map(() => 0);
    this.honest = c.replicas.filter((r) => r.honest).map((r) => r.index);
    this.clients = new ClientWatch(c.scenario, opts, c.replicas.map((r) => r.name), f);
    this.commitTail = protocol.tailUnit === 'commit' && c.gstRounds > 0 ? new CommitTail(c.replicas, c.gstRounds) : null;
    const ctx: OracleContext = {
      replicas: c.replicas, n: c.n, f, quorum, crypto: opts.crypto, chainSeed: opts.seed,
      run: this.state,
      livenessTicks: this.livenessTicks(),
      partitionOf: c.partitionOf,
      report: (v) => this.violations.push({ ...v, kind: v.oracle.startsWith('liveness.') ? 'liveness' : 'safety' }),
      clients: this.clients.info,
    };
    const plan = planOf(protocol, c.gstRounds > 0 && liveQuorumRemains(c, quorum), opts.oracles, this.clients.info !== null);
    this.oracles = plan.defs.map((o) => o.create(ctx));
    this.readersOf = plan.readersOf;
    this.observeOf = this.oracles.map((o) => o.observe ?? ignore);
    this.recorder = trace ? new TraceRecorder(protocol, c.replicas, c.n, opts.crypto, opts.seed) : null;
    this.world = new World<unknown>({
      protocol, n: c.n, replicas: c.replicas, seed: networkSeed, delayTicks: delayRange(opts.delayTicks),
      faults: faults.rules === null ? c.schedule : composePolicies<unknown>(c.schedule, faults.rules.policy), budget: opts.budget,
      replicaContext: {
        bugs: this.clients.protocolBugs, crypto: opts.crypto, roundTimeoutTicks: opts.roundTimeoutTicks, leaderOverride: c.leaderOf,
        chainSeed: opts.seed, service: this.clients.running, options: protocolOptionsOf(protocol, opts.protocolOptions),
      },
      observer: this.recorder === null ? this : this.tracingObserver(this.recorder),
      ...this.clients.worldOptions(),
    });
  }

  /** The liveness bound after the heal; a message a rule delayed before the heal may arrive that much later. */
  private livenessTicks(): number {
    return livenessBound(this.opts, this.c.gstRounds) + (this.rules?.maxDelayTicks ?? 0);
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
        this.crashOn(i, obs);
        if (this.commitTail?.observe(tick, replica, obs) === true) this.endTail();
        if (replica.honest) this.follow(i, obs);
      },
      deliver: (t, f, to, m) => rec.deliver(t, f, to, m),
      drop: (t, f, to, m, why) => rec.drop(t, f, to, m, why),
      timer: (t, r, round) => rec.timer(t, r, round),
      control: (t, what, r) => rec.control(t, what, r),
      client: (t, c, obs) => {
        rec.client(t, c, obs);
        this.client(t, c, obs);
      },
      clientDrop: (t, what, r, c, why, round) => rec.recordClientDrop(t, what, r, this.clients.info?.names[c] ?? `c${c + 1}`, why, round),
    };
  }

  /** WorldObserver: what a client observed goes to the oracles that read clients. */
  client(tick: number, _client: number, obs: ClientObservation): void {
    for (const o of this.oracles) o.client?.(tick, obs);
    if (this.clients.observe(obs) && this.tailDone) this.stop = true;
  }

  /** WorldObserver, for an untraced run. */
  observe(tick: number, i: number, obs: ObservationBase): void {
    const replica = this.c.replicas[i]!;
    this.judge(tick, replica, obs);
    this.crashOn(i, obs);
    if (this.commitTail?.observe(tick, replica, obs) === true) this.endTail();
    if (replica.honest) this.follow(i, obs);
  }

  /** Round entries trigger the scenario's crashes, restarts and attribute sets (none in most scenarios). */
  private crashOn(i: number, obs: ObservationBase): void {
    if ((this.crashes.empty && this.setAttrs.empty) || obs.type !== 'enter-round') return;
    const round = (obs as EnterRoundObservation).round;
    this.crashes.onEnterRound(this.world, i, round);
    this.setAttrs.onEnterRound(this.world, i, round);
  }

  /** Hands the observation to the oracles that read its type, in registry order. */
  private judge(tick: number, replica: ReplicaInfo, obs: ObservationBase): void {
    if (this.ledger !== null && obs.type === 'commit') this.ledger.commit(replica.index, obs as CommitObservation);
    const readers = this.readersOf[this.observationIndex(obs.type)];
    if (readers === undefined) return;
    for (let k = 0; k < readers.length; k++) this.observeOf[readers[k]!]!(tick, replica, obs);
  }

  /**
   * An honest replica's progress: committed height, and the rounds that end the scripted phase and,
   * for a tail counted in rounds, the tail.
   */
  private follow(i: number, obs: ObservationBase): void {
    if (obs.type === 'commit') this.height = Math.max(this.height, (obs as CommitObservation).height);
    if (obs.type !== 'enter-round') return;
    const round = (obs as EnterRoundObservation).round;
    if (round <= this.roundOf[i]!) return;
    this.roundOf[i] = round;
    const slowest = this.slowestHonestRound();
    if (this.state.healTick === null && slowest > this.c.scriptedRounds) this.endScriptedPhase();
    if (this.commitTail === null && this.c.gstRounds > 0 && slowest > this.c.scriptedRounds + this.c.gstRounds) this.endTail();
  }

  /** The GST tail is complete: the run ends now, or once every client has finished. */
  private endTail(): void {
    this.tailDone = true;
    if (this.clients.done()) this.stop = true;
  }

  /** The lowest round any honest replica that is up has entered (a crashed one holds no phase back). */
  private slowestHonestRound(): number {
    let slowest = Infinity;
    for (const h of this.honest) if (this.world.isUp(h)) slowest = Math.min(slowest, this.roundOf[h]!);
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
    this.clients.heal();
    this.rules?.policy.heal();
    this.world.mark('heal');
    this.crashes.onHeal(this.world);
    this.setAttrs.onHeal();
    for (const o of this.oracles) o.heal?.(tick);
    this.commitTail?.heal(tick);
    if (this.commitTail?.complete === true) this.endTail();
    const bound = Math.max(this.livenessTicks(), this.clients.longestTimeout());
    this.world.schedule(tick + bound, () => { this.stop = true; });
  }

  private result(end: RunEnd): RunResult {
    const violations = this.violations;
    const verdict: Verdict = violations.some((v) => v.kind === 'safety') ? 'safety-violation'
      : violations.length > 0 ? 'liveness-violation' : 'pass';
    return {
      ok: verdict === 'pass', verdict, violations, traceHash: end.traceHash, endReason: end.reason, ticks: end.tick,
      events: end.events, healTick: this.state.healTick, height: this.height,
      ...(this.recorder ? { trace: this.recorder.events } : {}),
      ...(this.ledger ? { ledgers: this.ledger.ledgers() } : {}),
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
