// Data written by `twins exec`, `twins fuzz` and `twins replay`: the run summary, findings and
// traces. `schemas/report.schema.json` describes the summary; everything here is plain JSON.

export type Verdict = 'pass' | 'safety-violation' | 'liveness-violation' | 'crash';
export type Expectation = 'pass' | 'safety-violation' | 'liveness-violation';

export type { Violation } from '../kernel/oracle.js';
import type { Violation } from '../kernel/oracle.js';

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

export type { CertView, TraceEvent } from '../kernel/trace-event.js';
