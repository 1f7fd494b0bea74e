// The Scenario type (DESIGN §5). Scenarios are data: a `.json` file holds one, a `.jsonl` file one per
// line. Replica names: identity `a` runs replica `a`; a twinned identity also runs `a'` (and `a''`, ...
// when `replicas` asks for more than two).

/**
 * A message kind of the scenario's protocol (its module's `kinds`; DiemBFT: proposal, vote, timeout,
 * sync). A drop may also name `any`.
 */
export type MessageType = string;
export type DropType = MessageType;
/** The drop type that names every kind. */
export const ANY_KIND = 'any';

/** The types a drop may name under a protocol with these kinds, in order: its kinds, then `any`. */
export function dropTypesOf(kinds: readonly string[]): readonly DropType[] {
  return [...kinds, ANY_KIND];
}

/** A directed drop: messages of `type` from replica `from` to replica `to` are never delivered. */
export interface Drop {
  readonly from: string;
  readonly to: string;
  readonly type: DropType;
}

/** Disjoint groups of replica names that together cover every replica. */
export type Partition = readonly (readonly string[])[];

export interface RoundSpec {
  /** Identity that leads this round; both replicas of a twinned leader lead. */
  readonly leader: string;
  /** Groups for every message type not overridden in `byType`. */
  readonly partitions: Partition;
  /** Per-kind overrides of `partitions` for messages tagged with this round (the protocol's `partitionKinds`). */
  readonly byType?: Readonly<Record<string, Partition>>;
  readonly drops?: readonly Drop[];
}

export interface GstSpec {
  /** Rounds after the scripted ones with a whole network and honest leaders. */
  readonly rounds: number;
  /** Explicit leaders for the GST rounds (identities); otherwise round-robin over honest identities. */
  readonly leaders?: readonly string[];
}

/** Link delays of a scenario: each message's delay is drawn from min..max by its link's seeded stream. */
export interface DelaySpec {
  readonly min: number;
  readonly max: number;
  /** Varies the link streams (which also depend on the run seed); absent: the run seed alone. */
  readonly seed?: number;
}

/**
 * A process fault: `replica` crashes when it enters round `round` or a later one, and restarts from
 * its store when another honest replica enters `restartRound`, or at the heal, whichever is first.
 * A `permanent` crash never restarts: the replica stays down for the rest of the run.
 */
export interface CrashSpec {
  readonly replica: string;
  readonly round: number;
  readonly restartRound?: number;
  readonly permanent?: boolean;
}

/** The replicas of `s` that crash for good (`permanent` crashes). */
export function permanentlyCrashed(s: Pick<Scenario, 'crashes'>): ReadonlySet<string> {
  return new Set((s.crashes ?? []).filter((c) => c.permanent === true).map((c) => c.replica));
}

/** Who a failure rule matches at one end: a replica name, `leader` (the message round's leader) or `*`. */
export type RuleEnd = string;
export const RULE_ANY = '*';
export const RULE_LEADER = 'leader';

/** An inclusive range of round tags. */
export interface RoundRange {
  readonly min: number;
  readonly max: number;
}

export type RuleAction = 'drop' | 'delay' | 'duplicate' | 'mutate';

/**
 * A failure rule: a message of `kind` (or `*`) tagged with one of `rounds`, from `src` to `dest`,
 * suffers `action` with probability num/den, decided by hashing (rule, message, destination).
 */
export interface FailureRule {
  readonly src: RuleEnd;
  readonly dest: RuleEnd;
  readonly kind: string;
  readonly rounds: readonly number[] | RoundRange;
  readonly probability?: { readonly num: number; readonly den: number };
  readonly action: RuleAction;
  /** `delay` only: ticks the message takes instead of the link delay. */
  readonly ticks?: number;
  /** `mutate` only: one of the protocol's mutations; absent: one drawn per message. */
  readonly mutation?: string;
}

/** A process fault: when Byzantine `replica` enters `round` (or a later one) before the heal, its `attribute` becomes `value`. */
export interface SetAttrSpec {
  readonly replica: string;
  readonly round: number;
  readonly attribute: string;
  readonly value: number;
}

export interface Provenance {
  readonly generator?: string;   // generator config name
  readonly configHash?: string;  // hash of the canonical generator config
  readonly seed?: string;
  readonly index?: string;       // decimal index of the scenario in its space
}

/** What a regression scenario must reproduce when run with `bugs` (scenarios/regression/). */
export interface RegressionExpectation {
  readonly bugs: readonly string[];
  readonly verdict: 'pass' | 'safety-violation' | 'liveness-violation' | 'crash';
  /** Oracle id that must be among the violations (absent for `pass`). */
  readonly oracle?: string;
}

// Clients and services (docs/services.md). A scenario without `workloads` runs no client.

/** How a workload's clients send: see docs/services.md, "Workloads". */
export type WorkloadType = 'retransmit' | 'flood' | 'timed';

export interface WorkloadSpec {
  readonly type: WorkloadType;
  /** How many clients run this workload, each with its own key. */
  readonly clients: number;
  /** Requests per client. */
  readonly count: number;
  /** Ticks after the heal (GST) within which every client of the workload must have accepted every result. */
  readonly timeoutTicks: number;
  /** `timed` only: the tick (from the start) each request is sent at, one per request. */
  readonly delays?: readonly number[];
}

/** Settings every client of the scenario shares. */
export interface ClientsSpec {
  /** Ticks a `retransmit` client first waits before sending a request again; doubled each time. */
  readonly retransmitTicks?: number;
  /** Largest amount a client creates or transfers. */
  readonly maxAmount?: number;
}

/** A replica that lies to clients: wrong results (seeded), or signed replies for requests it never ran. */
export type ReplyFault = 'wrong-replies' | 'forged-replies';

export interface Scenario {
  /** Optional editor hint pointing at schemas/scenario.schema.json; not part of the content id. */
  readonly $schema?: string;
  readonly schemaVersion: 1;
  /** The protocol module that runs it (src/protocols/registry.ts); "diembft" when absent. */
  readonly protocol?: string;
  readonly nodes: readonly string[];
  readonly twins: readonly string[];
  /** Optional: total replica count per twinned identity (default 2). `{"a": 3}` runs a, a', a''. */
  readonly replicas?: Readonly<Record<string, number>>;
  /**
   * Optional: mempool marker per replica of a twinned identity. By default each such replica gets its
   * own name as marker, so twins propose different blocks. Give two replicas the same marker to make
   * them propose identical blocks.
   */
  readonly markers?: Readonly<Record<string, string>>;
  readonly rounds: readonly RoundSpec[];
  readonly gst?: GstSpec;
  /** Optional: this scenario's link delays; they replace the run options' `delayTicks`. */
  readonly delays?: DelaySpec;
  /** Optional: this scenario's round timeout; it replaces the run options' `roundTimeoutTicks`. */
  readonly roundTimeoutTicks?: number;
  /** Optional: replicas that crash and restart during the scripted rounds. */
  readonly crashes?: readonly CrashSpec[];
  /** Optional: identities whose messages failure rules may mutate (at most f); oracles judge only the others. */
  readonly byzantine?: readonly string[];
  /** Optional: failure rules applied to messages before the heal. */
  readonly rules?: readonly FailureRule[];
  /** Optional: attributes set on Byzantine replicas at trigger rounds. */
  readonly setAttrs?: readonly SetAttrSpec[];
  readonly name?: string;
  readonly notes?: string;
  readonly id?: string;
  readonly provenance?: Provenance;
  readonly regression?: RegressionExpectation;
  /** The replicated service by registry name (src/services/registry.ts); `noop` when absent. */
  readonly service?: string;
  readonly clients?: ClientsSpec;
  /** Client workloads; clients are named c1, c2, ... in workload order. */
  readonly workloads?: readonly WorkloadSpec[];
  /** Replicas (by name) that lie in their client replies. */
  readonly replyFaults?: Readonly<Record<string, ReplyFault>>;
}

/** The client kinds a drop may name when a scenario has workloads (after the protocol's kinds). */
export const CLIENT_KINDS = ['request', 'reply'] as const;

/** The names of a scenario's clients, in workload order: c1, c2, ... */
export function clientNamesOf(s: Pick<Scenario, 'workloads'>): string[] {
  const total = (s.workloads ?? []).reduce((sum, w) => sum + w.clients, 0);
  return Array.from({ length: total }, (_, i) => `c${i + 1}`);
}

/** Name of the k-th replica (k = 0, 1, 2, ...) of identity `id`: a, a', a''. */
export function replicaName(id: string, k: number): string {
  return id + "'".repeat(k);
}

/** Identity of a replica name: strips trailing apostrophes. */
export function identityOf(replica: string): string {
  let end = replica.length;
  while (end > 0 && replica.charCodeAt(end - 1) === 39) end--;
  return replica.slice(0, end);
}

/** Every replica of a scenario, in order: each identity followed by its twins. */
export function replicasOf(s: Pick<Scenario, 'nodes' | 'twins' | 'replicas'>): string[] {
  const out: string[] = [];
  for (const id of s.nodes) {
    const copies = s.twins.includes(id) ? (s.replicas?.[id] ?? 2) : 1;
    for (let k = 0; k < copies; k++) out.push(replicaName(id, k));
  }
  return out;
}
