// The oracle interface. An oracle watches one run through the replicas' observations and reports
// violations. Adding an oracle is a new file plus one line in ./index.ts; nothing else changes.
import type { NodeId, Observation, Protocol } from '../../core/protocol.js';
import type { Scenario } from '../../scenario/types.js';
import type { Violation } from '../report-types.js';
import { unreachable } from '../../core/unreachable.js';

export interface ReplicaInfo {
  readonly index: number;
  readonly name: string;
  readonly identity: NodeId;
  readonly identityName: string;
  /** True when the identity has exactly one replica: safety and liveness are judged over these. */
  readonly honest: boolean;
}

/** Facts about the run that oracles read; the runner updates them as the run goes. */
export interface RunState {
  /** Tick at which the network healed, or null while the scripted phase lasts. */
  healTick: number | null;
  /** Highest round entered by any honest replica so far. */
  readonly scriptedRounds: number;
  readonly gstRounds: number;
  /** Leader identity of a round as the harness dictates. */
  leaderOf(round: number): NodeId;
}

export interface OracleContext {
  readonly scenario: Scenario;
  readonly replicas: readonly ReplicaInfo[];
  readonly n: number;
  readonly f: number;
  readonly quorum: number;
  readonly protocol: Protocol<unknown>;
  readonly crypto: 'mock' | 'ed25519';
  /** The run's chain seed, from which every key derives. */
  readonly chainSeed: string;
  readonly run: RunState;
  /** Ticks within which liveness must be shown after heal. */
  readonly livenessTicks: number;
  report(v: Omit<Violation, 'kind'>): void;
}

export interface RunOutcome {
  readonly tick: number;
  /** True when every honest replica passed the last GST round before the run ended. */
  readonly tailCompleted: boolean;
  readonly endReason: string;
}

/** Reads one observation. */
export type ObservationReader = (tick: number, replica: ReplicaInfo, obs: Observation) => void;

export interface OracleInstance {
  /** Called as a plain function, not as a method: the runner files it under each type it reads. */
  readonly observe?: ObservationReader;
  heal?(tick: number): void;
  finish?(outcome: RunOutcome): void;
}

export type ObservationType = Observation['type'];

/** Every observation type, in the order `observationIndex` numbers them. */
export const OBSERVATION_TYPES: readonly ObservationType[] = [
  'enter-round', 'propose', 'vote', 'timeout', 'qc-formed', 'tc-formed', 'cert-accepted', 'commit', 'reject', 'alarm',
];

/** The position of `type` in OBSERVATION_TYPES; a switch, which is cheaper than a Map probe per observation. */
export function observationIndex(type: ObservationType): number {
  switch (type) {
    case 'enter-round': return 0;
    case 'propose': return 1;
    case 'vote': return 2;
    case 'timeout': return 3;
    case 'qc-formed': return 4;
    case 'tc-formed': return 5;
    case 'cert-accepted': return 6;
    case 'commit': return 7;
    case 'reject': return 8;
    case 'alarm': return 9;
    default: return unreachable(type);
  }
}

export interface OracleDef {
  /** Stable dotted id used in code, configs, reports and docs. */
  readonly id: string;
  readonly kind: 'safety' | 'liveness';
  /** One sentence: the property that must hold. */
  readonly description: string;
  /**
   * The observation types its `observe` reads; the runner hands it only these. A run makes a few
   * hundred observations, so calling every oracle on every one would cost more than the checks.
   */
  readonly observes: readonly ObservationType[];
  /** Liveness oracles run only for scenarios with a GST tail. */
  readonly needsGst?: boolean;
  create(ctx: OracleContext): OracleInstance;
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}
