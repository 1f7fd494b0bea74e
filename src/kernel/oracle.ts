// The oracle interface (DESIGN §3, §7). An oracle watches one run through the actors' observations
// and reports violations. Generic oracles (src/exec/oracles) read only the generic observations;
// a protocol module adds its own oracles, over its own observation types. Oracle ids are stable
// dotted strings used alike in code, configs, reports and docs.
import type { NodeId } from './actor.js';
import type { CryptoKind } from './crypto.js';
import type { ObservationBase } from './observation.js';
import type { ClientObservation } from './client.js';
import type { Service } from './service.js';

export interface Violation {
  /** Stable dotted oracle id, e.g. `safety.agreement`. */
  readonly oracle: string;
  readonly kind: 'safety' | 'liveness';
  readonly round: number;
  readonly tick: number;
  /** Replica names involved, e.g. ["b", "c"]. */
  readonly replicas: readonly string[];
  /** One readable sentence with the compared values. */
  readonly detail: string;
}

export interface ReplicaInfo {
  readonly index: number;
  readonly name: string;
  readonly identity: NodeId;
  readonly identityName: string;
  /** True when the identity has exactly one replica: safety and liveness are judged over these. */
  readonly honest: boolean;
  /** True when the scenario crashes the replica for good (a `permanent` crash): liveness does not judge it. */
  readonly permanentlyCrashed?: boolean;
}

/** Facts about the run that oracles read; the runner updates them as the run goes. */
export interface RunState {
  /** Tick at which the network healed, or null while the scripted phase lasts. */
  healTick: number | null;
  readonly scriptedRounds: number;
  readonly gstRounds: number;
  /** Leader identity of a round as the harness dictates. */
  leaderOf(round: number): NodeId;
}

/** Groups of replica names that can hear each other. */
export type Groups = readonly (readonly string[])[];

export interface OracleContext {
  readonly replicas: readonly ReplicaInfo[];
  readonly n: number;
  readonly f: number;
  readonly quorum: number;
  readonly crypto: CryptoKind;
  /** The run's chain seed, from which every key derives. */
  readonly chainSeed: string;
  readonly run: RunState;
  /** Ticks within which liveness must be shown after heal. */
  readonly livenessTicks: number;
  /** The groups of scripted round `round` for messages of kind `kind`; null outside the script. */
  partitionOf(round: number, kind: string): Groups | null;
  report(v: Omit<Violation, 'kind'>): void;
  /** The run's clients and service (docs/services.md), or null when it has no clients. */
  readonly clients?: ClientRunInfo | null;
}

/** What the service oracles know of a run with clients. */
export interface ClientRunInfo {
  /** The service by registry name: the oracles' reference copy is a fresh, correct one of it. */
  readonly service: string;
  /** The service as the replicas run it (with any injected service bug). */
  readonly running: Service;
  /** Client names, and each client's workload (an index into `workloads`). */
  readonly names: readonly string[];
  readonly workloadOf: readonly number[];
  readonly workloads: readonly { readonly type: string; readonly clients: number; readonly count: number;
    readonly timeoutTicks: number }[];
  /** Clients some drop rule names; liveness spares those that never retransmit. */
  readonly unreliable: readonly string[];
}

export interface RunOutcome {
  readonly tick: number;
  /** True when every honest replica passed the last GST round before the run ended. */
  readonly tailCompleted: boolean;
  readonly endReason: string;
}

/** Reads one observation. */
export type ObservationReader<O extends ObservationBase = ObservationBase> =
  (tick: number, replica: ReplicaInfo, obs: O) => void;

export interface OracleInstance<O extends ObservationBase = ObservationBase> {
  /**
   * Called as a plain function, not as a method: the runner files it under each type it reads, so
   * it is handed only observations of the types in `observes` (declared in method form so that an
   * oracle over a narrower observation type is an oracle of any protocol that emits those types).
   */
  observe?(tick: number, replica: ReplicaInfo, obs: O): void;
  heal?(tick: number): void;
  /** What a client observed (runs with clients only). */
  client?(tick: number, obs: ClientObservation): void;
  finish?(outcome: RunOutcome): void;
}

export interface OracleDef<O extends ObservationBase = ObservationBase> {
  /** Stable dotted id used in code, configs, reports and docs. */
  readonly id: string;
  readonly kind: 'safety' | 'liveness';
  /** One sentence: the property that must hold. */
  readonly description: string;
  /**
   * The observation types its `observe` reads; the runner hands it only these. A run makes a few
   * hundred observations, so calling every oracle on every one would cost more than the checks.
   */
  readonly observes: readonly O['type'][];
  /** Liveness oracles run only for scenarios with a GST tail. */
  readonly needsGst?: boolean;
  create(ctx: OracleContext): OracleInstance<O>;
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}
