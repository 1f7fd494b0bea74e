// A protocol module (DESIGN §3): everything one protocol owns, behind one interface. The simulator,
// the generator, the executor, the fuzzer and the reports learn everything protocol-specific from
// a module found through src/protocols/registry.ts, never by importing the protocol.
import type { Actor, NodeId } from './actor.js';
import type { CryptoKind } from './crypto.js';
import type { ObservationBase } from './observation.js';
import type { OracleDef } from './oracle.js';
import type { AttributeSpec, MutationSpec } from './mutation.js';
import type { Service } from './service.js';
import type { Store } from './store.js';
import type { TraceEvent } from './trace-event.js';
import type { Vocabulary } from './vocabulary.js';

/** Fault threshold and quorum for n identities: the ONE quorum formula of a protocol. */
export interface Thresholds {
  readonly f: number;
  readonly quorum: number;
}

/** What the host tells every replica it creates. */
export interface ReplicaContext {
  readonly id: NodeId;
  readonly n: number;
  /** Per-replica label that makes the replicas of one twinned identity propose different entries. */
  readonly marker: string;
  /** The run's chain seed: signing keys and the genesis derive from it. */
  readonly chainSeed: string;
  readonly crypto: CryptoKind;
  /** Named bug switches from the module's catalogue. */
  readonly bugs: readonly string[];
  readonly roundTimeoutTicks: number;
  /** Leader of a round as the harness dictates, or null to use the protocol's own election. */
  readonly leaderOverride: ((round: number) => NodeId | null) | null;
  /** The replicated application. */
  readonly service: Service;
  /** The module's own options, already checked against `options.schema` and filled with defaults. */
  readonly options: Readonly<Record<string, unknown>>;
}

/** One injectable bug: the rule it breaks, for docs, reports and the conformance kit. */
export interface BugInfo {
  readonly name: string;
  readonly class: 'safety' | 'liveness';
  readonly section: string;
  readonly breaks: string;
  /**
   * The one fault action that exposes it, for a bug no Twins partition or drop reaches: a search that
   * never draws that action cannot find it (bench/head-to-head.ts reports it as not drawable).
   */
  readonly exposedBy?: FaultAction;
  /** Only a run with client requests exposes it (a reply or request rule): a search that draws no clients cannot find it. */
  readonly needsClients?: boolean;
}

/**
 * Fault actions beyond Twins' partitions and drops that a scenario may carry (docs/file-formats.md):
 * a failure rule's delay past the round timeout or mutation, a crash and restart, an attribute set.
 */
export type FaultAction = 'delay' | 'mutate' | 'crash' | 'setattr';

/** The module's own run options: an opaque bag to the rest of the tool. */
export interface OptionSpec {
  /** A JSON Schema (draft 2020-12) for the bag; `additionalProperties: false` is expected. */
  readonly schema: Readonly<Record<string, unknown>>;
  readonly defaults: Readonly<Record<string, unknown>>;
}

/** Messages to and from bytes, for a host that sends them between processes. */
export interface Codec<M> {
  encode(msg: M): Uint8Array;
  /** Throws on bytes that are not a message of this protocol. */
  decode(bytes: Uint8Array): M;
}

/**
 * What a scenario's GST tail (`gst.rounds`) counts: rounds every honest replica enters after the
 * heal, or sequence numbers every honest replica commits after it (proposed after the heal), for a
 * protocol whose rounds change only on a fault (PBFT's views).
 */
export type TailUnit = 'round' | 'commit';

/** What `protocol`'s GST tail counts. */
export function tailUnitOf(protocol: Pick<ProtocolModule, 'tailUnit'>): TailUnit {
  return protocol.tailUnit ?? 'round';
}

/** What a trace view needs to render an observation. */
export interface TraceViewContext {
  readonly n: number;
  readonly crypto: CryptoKind;
  readonly chainSeed: string;
  /** A replica's name by its index. */
  replicaName(index: number): string;
  /** An identity's name by its id. */
  identityName(id: NodeId): string;
}

export interface ProtocolModule<M = unknown, O extends ObservationBase = ObservationBase> {
  /** The registry name, as scenarios and configs write it in `protocol`. */
  readonly name: string;
  /**
   * Message kinds Twins partitions and drops by, in a fixed order; a message's kind is an index into
   * this list. Scenarios name kinds by these strings.
   */
  readonly kinds: readonly string[];
  /** The kinds a scenario round may give its own partition in `byType`. */
  readonly partitionKinds: readonly string[];
  kindOf(msg: M): number;
  /** The round (or view) a message is tagged with (DESIGN §2). */
  roundTag(msg: M): number;
  thresholds(n: number): Thresholds;
  readonly options: OptionSpec;
  readonly bugs: readonly BugInfo[];
  /** The module's own oracles; the generic ones (src/exec/oracles) run alongside them. */
  readonly oracles: readonly OracleDef<O>[];
  /** Every observation type the replicas emit, generic ones first; oracles are filed by these. */
  readonly observationTypes: readonly string[];
  /** The position of `type` in `observationTypes` (a switch is cheaper than a Map probe). */
  observationIndex(type: string): number;
  /** Creates a replica; `store` is empty on first start and carries state across a restart. */
  createReplica(ctx: ReplicaContext, store: Store): Actor<M, O>;
  /** A short readable description of a message for traces ("proposal r3 block 1a2b by 0"). */
  describe(msg: M): string;
  /** An observation as a trace event for replays and reports, or null to leave it out. */
  traceView(tick: number, obs: O, replica: string, ctx: TraceViewContext): TraceEvent | null;
  readonly codec: Codec<M>;
  /** Byzantine mutations over the module's messages, for failure rules with action `mutate`; none when absent. */
  readonly mutations?: MutationSpec<M>;
  /** Attributes a scenario's `setAttrs` may set on a Byzantine replica; none when absent. */
  readonly attributes?: AttributeSpec<Actor<M, O>>;
  /** The words reports and timelines draw the protocol's runs with; DEFAULT_VOCABULARY when absent. */
  readonly vocabulary?: Vocabulary;
  /** What the GST tail counts (TailUnit); 'round' when absent. */
  readonly tailUnit?: TailUnit;
}
