// Data written by `twins exec`, `twins fuzz` and `twins replay`: the run summary, findings and
// traces. `schemas/report.schema.json` describes the summary; everything here is plain JSON.

export type Verdict = 'pass' | 'safety-violation' | 'liveness-violation' | 'crash';
export type Expectation = 'pass' | 'safety-violation' | 'liveness-violation';

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

export interface ScenarioCounts {
  readonly total: number;
  readonly pass: number;
  readonly safety: number;
  readonly liveness: number;
  readonly crash: number;
}

export interface CaseResult {
  readonly name: string;
  readonly expect: Expectation;
  readonly verdict: Verdict;
  readonly ok: boolean;
  readonly bugs: readonly string[];
  readonly scenarios: ScenarioCounts;
  /** The first violation in scenario order, with the scenario it came from. */
  readonly firstViolation: (Violation & { readonly scenarioIndex: number; readonly scenarioId: string }) | null;
  /** Command that replays the first finding, or the case's first scenario when there is none. */
  readonly replay: string;
}

export interface Summary {
  readonly schemaVersion: 1;
  readonly name: string;
  readonly config: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly cases: readonly CaseResult[];
  readonly totals: ScenarioCounts & { readonly cases: number; readonly casesOk: number };
  readonly ok: boolean;
  /** Timings and machine facts: the only part that may differ between identical runs. */
  readonly meta: Readonly<Record<string, unknown>>;
}

/** One line of findings.jsonl: a self-contained violating (or crashing) scenario. */
export interface Finding {
  readonly case: string;
  readonly scenarioIndex: number;
  readonly scenarioId: string;
  readonly verdict: Verdict;
  readonly violations: readonly Violation[];
  readonly error?: string;
  readonly bugs: readonly string[];
  readonly options: Readonly<Record<string, unknown>>;
  readonly scenario: unknown;
  readonly replay: string;
}

/** A certificate as shown in traces: its round, block (for a QC) and signer replica identities. */
export interface CertView {
  readonly kind: 'qc' | 'tc';
  readonly round: number;
  readonly blockId?: string;
  readonly signers: readonly string[];
}

/** One trace event, in execution order. `tick` is simulator time; `replica` a replica name. */
export type TraceEvent =
  | { readonly tick: number; readonly type: 'deliver'; readonly from: string; readonly to: string;
      readonly kind: string; readonly round: number; readonly what: string }
  | { readonly tick: number; readonly type: 'drop'; readonly from: string; readonly to: string;
      readonly kind: string; readonly round: number; readonly reason: 'partition' | 'drop-rule' | 'crashed' }
  | { readonly tick: number; readonly type: 'timer'; readonly replica: string; readonly round: number }
  | { readonly tick: number; readonly type: 'enter-round'; readonly replica: string; readonly round: number; readonly via: string }
  | { readonly tick: number; readonly type: 'propose'; readonly replica: string; readonly round: number;
      readonly blockId: string; readonly parentId: string; readonly qcRound: number; readonly tcRound: number | null }
  | { readonly tick: number; readonly type: 'vote'; readonly replica: string; readonly round: number;
      readonly blockId: string; readonly to: string; readonly commits: boolean }
  | { readonly tick: number; readonly type: 'timeout'; readonly replica: string; readonly round: number; readonly highQcRound: number }
  | { readonly tick: number; readonly type: 'qc' | 'tc'; readonly replica: string; readonly round: number;
      readonly cert: CertView; readonly formed: boolean }
  | { readonly tick: number; readonly type: 'commit'; readonly replica: string; readonly round: number;
      readonly height: number; readonly blockId: string }
  | { readonly tick: number; readonly type: 'reject' | 'alarm'; readonly replica: string; readonly detail: string }
  | { readonly tick: number; readonly type: 'heal' }
  | { readonly tick: number; readonly type: 'crash' | 'restart'; readonly replica: string }
  | { readonly tick: number; readonly type: 'violation'; readonly violation: Violation };
