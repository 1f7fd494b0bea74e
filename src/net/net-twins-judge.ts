// Judges a network Twins run from what its replicas logged (docs/network.md, "Network Twins"): the
// observations in each replica's `events.jsonl` (every process the replica had, one after another)
// and the heal and end the run logged in `run.jsonl` are read back, put in the order of their times
// on the run's clock (the machine's monotonic clock, which every process of the run reads), and
// handed to the very oracles the simulator runs, with real-time ticks where the simulator has
// simulated ones.
import type { CommitObservation, ObservationBase } from '../kernel/observation.js';
import type { ProtocolModule } from '../kernel/protocol-module.js';
import type { Verdict, Violation } from '../exec/report-types.js';
import type { CompiledScenario } from '../exec/twins-setup.js';
import { isServiceOracle, oraclesOf, type OracleDef, type OracleInstance, type RunState } from '../exec/oracles/index.js';
import type { ExecOptions } from '../exec/exec-options.js';
import { liveQuorumRemains } from '../exec/run-scenario.js';
import { readLines } from './node-files.js';

/** What the run logged about itself in `run.jsonl`. */
export interface RunLog {
  readonly healTick: number | null;
  /** When the run decided the heal, before any replica process applied it (nanoseconds on the run's clock). */
  readonly healT: number | null;
  readonly endTick: number;
  readonly endReason: string;
  readonly tailCompleted: boolean;
  readonly livenessTicks: number;
  /**
   * The longest time a replica process's event loop was held up beyond its 10 ms watchdog (ms): a
   * stall longer than a round timeout lets timers fire before messages that arrived are read.
   */
  readonly maxStallMs: number;
}

export interface Judgement {
  readonly verdict: Verdict;
  readonly violations: readonly Violation[];
  /** Highest committed height over honest replicas. */
  readonly height: number;
  readonly observations: number;
}

interface Logged { readonly t: number; readonly tick: number; readonly replica: number; readonly obs: ObservationBase }

/**
 * Every `observe` event of the replicas' event logs (by replica index), in the order of their times;
 * a replica's own events keep their order in its file, and equal times of two replicas go by replica.
 */
function readObservations(eventFiles: readonly string[]): Logged[] {
  const all: Logged[] = [];
  eventFiles.forEach((file, replica) => {
    for (const line of readLines(file)) {
      const e = JSON.parse(line) as { event?: string; t: number; tick: number; obs?: ObservationBase };
      if (e.event === 'observe' && e.obs !== undefined) all.push({ t: e.t, tick: e.tick, replica, obs: e.obs });
    }
  });
  return all.sort((a, b) => a.t - b.t || a.replica - b.replica);
}

/** The oracles of a run: as in simulation, liveness ones only with a GST tail, service ones only with clients. */
function oracleDefs(protocol: ProtocolModule, withGst: boolean, only: readonly string[] | undefined): OracleDef[] {
  return oraclesOf(protocol).filter((o) => (withGst || o.needsGst !== true) && !isServiceOracle(o.id)
    && (only === undefined || only.includes(o.id)));
}

export function judgeRun(c: CompiledScenario, protocol: ProtocolModule, opts: ExecOptions, run: RunLog,
  eventFiles: readonly string[]): Judgement {
  const violations: Violation[] = [];
  const { f, quorum } = protocol.thresholds(c.n);
  const state: RunState = { healTick: null, scriptedRounds: c.scriptedRounds, gstRounds: c.gstRounds, leaderOf: c.leaderOf };
  // As in simulation: liveness only while the honest identities not crashed for good form a quorum.
  const withGst = c.gstRounds > 0 && liveQuorumRemains(c, quorum);
  const defs = oracleDefs(protocol, withGst, opts.oracles);
  const oracles: OracleInstance[] = defs.map((o) => o.create({
    replicas: c.replicas, n: c.n, f, quorum, crypto: opts.crypto, chainSeed: opts.seed, run: state,
    livenessTicks: run.livenessTicks, partitionOf: c.partitionOf, clients: null,
    report: (v) => violations.push({ ...v, kind: v.oracle.startsWith('liveness.') ? 'liveness' : 'safety' }),
  }));
  const readers = defs.map((d) => new Set<string>(d.observes));
  const heal = (): void => {
    state.healTick = run.healTick;
    for (const o of oracles) o.heal?.(run.healTick!);
  };
  let height = 0;
  const logged = readObservations(eventFiles);
  for (const { t, tick, replica, obs } of logged) {
    if (run.healT !== null && state.healTick === null && t > run.healT) heal();
    const info = c.replicas[replica]!;
    if (info.honest && obs.type === 'commit') height = Math.max(height, (obs as CommitObservation).height);
    oracles.forEach((o, k) => { if (readers[k]!.has(obs.type)) o.observe?.(tick, info, obs); });
  }
  if (run.healT !== null && state.healTick === null) heal();
  for (const o of oracles) o.finish?.({ tick: run.endTick, tailCompleted: run.tailCompleted, endReason: run.endReason });
  const verdict: Verdict = violations.some((v) => v.kind === 'safety') ? 'safety-violation'
    : violations.length > 0 ? 'liveness-violation' : 'pass';
  return { verdict, violations, height, observations: logged.length };
}
