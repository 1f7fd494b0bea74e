// Folds the results of one executor case's scenarios into its CaseResult (DESIGN §7): the verdict
// is the most severe one seen (safety, then liveness, then crash), and the case is `ok` when that
// verdict is what the case expected.
import type { Scenario } from '../scenario/types.js';
import type { CaseResult, Expectation, Finding, ScenarioCounts, Verdict, Violation } from './report-types.js';
import type { RunResult } from './run-scenario.js';

/** The parts of a RunResult a case needs (what a worker sends back). */
export type RunOutcomeLike = Pick<RunResult, 'verdict' | 'violations' | 'error' | 'ticks'>;

const SEVERITY: Readonly<Record<Verdict, number>> = { pass: 0, crash: 1, 'liveness-violation': 2, 'safety-violation': 3 };

export interface CaseSpec {
  readonly name: string;
  readonly expect: Expectation;
  readonly bugs: readonly string[];
  readonly options: Readonly<Record<string, unknown>>;
}

export class CaseAccumulator {
  private counts = { total: 0, pass: 0, safety: 0, liveness: 0, crash: 0 };
  private verdict: Verdict = 'pass';
  private first: CaseResult['firstViolation'] = null;
  private firstReplay: string | null = null;

  constructor(private readonly spec: CaseSpec, private readonly defaultReplay: string) {}

  /** Adds one scenario's result; returns the finding to record when it did not pass. */
  add(index: number, scenarioId: string, scenario: Scenario, result: RunOutcomeLike, replay: () => string): Finding | null {
    if (result.verdict === 'pass') {
      this.restore(null);
      return null;
    }
    // A crash carries its error as a violation, so a finding alone says everything about the result.
    const violations = result.verdict === 'crash' && result.violations.length === 0
      ? [crashViolation(result.error, result.ticks)] : result.violations;
    const finding: Finding = {
      case: this.spec.name, scenarioIndex: index, scenarioId, verdict: result.verdict, violations,
      ...(result.error !== undefined ? { error: result.error } : {}),
      bugs: this.spec.bugs, options: this.spec.options, scenario, replay: replay(),
    };
    this.restore(finding);
    return finding;
  }

  /**
   * Counts one result already recorded: null for a passing scenario, else its finding. Used as is
   * when a run resumes or shard reports merge, so they fold results exactly as a single run does.
   */
  restore(finding: Finding | null): void {
    this.counts.total++;
    if (finding === null) {
      this.counts.pass++;
      return;
    }
    const key = finding.verdict === 'crash' ? 'crash' : finding.verdict === 'safety-violation' ? 'safety'
      : finding.verdict === 'liveness-violation' ? 'liveness' : 'pass';
    this.counts[key]++;
    if (SEVERITY[finding.verdict] > SEVERITY[this.verdict]) this.setFirst(finding);
  }

  private setFirst(finding: Finding): void {
    this.verdict = finding.verdict;
    const v: Violation = finding.violations[0] ?? crashViolation(finding.error, 0);
    this.first = { ...v, scenarioIndex: finding.scenarioIndex, scenarioId: finding.scenarioId };
    this.firstReplay = finding.replay;
  }

  /**
   * Counts results already recorded, from their counts and the first finding of each verdict among
   * them (in any order): the same state as restoring them one by one, in constant time.
   */
  resume(counts: Omit<ScenarioCounts, 'total'>, firsts: readonly Finding[]): void {
    this.counts.total += counts.pass + counts.safety + counts.liveness + counts.crash;
    this.counts.pass += counts.pass;
    this.counts.safety += counts.safety;
    this.counts.liveness += counts.liveness;
    this.counts.crash += counts.crash;
    const worst = [...firsts].sort((a, b) => SEVERITY[b.verdict] - SEVERITY[a.verdict])[0];
    if (worst !== undefined && SEVERITY[worst.verdict] > SEVERITY[this.verdict]) this.setFirst(worst);
  }

  /** Counts `n` passing scenarios already recorded, in constant time. */
  restorePasses(n: number): void {
    this.counts.total += n;
    this.counts.pass += n;
  }

  finish(): CaseResult {
    const scenarios: ScenarioCounts = { ...this.counts };
    return {
      name: this.spec.name, expect: this.spec.expect, verdict: this.verdict,
      ok: this.verdict === this.spec.expect && scenarios.total > 0,
      bugs: this.spec.bugs, scenarios, firstViolation: this.first, replay: this.firstReplay ?? this.defaultReplay,
    };
  }
}

function crashViolation(error: string | undefined, ticks: number): Violation {
  return { oracle: 'harness.crash', kind: 'safety', round: 0, tick: ticks, replicas: [],
    detail: crashDetail(error) };
}

const WORKER_DIED = 'worker died: ';

/** The error recorded for a scenario whose worker thread died (ran out of memory, or exited). */
export function workerDeathError(err: unknown): string {
  return WORKER_DIED + (err instanceof Error ? err.message : String(err));
}

/** True when a crash's error is a worker's death, not the replica code's. */
export function isWorkerDeath(error: string | undefined): boolean {
  return error?.startsWith(WORKER_DIED) === true;
}

/** A crash's description: a worker thread that died says so itself; any other crash is replica code that threw. */
export function crashDetail(error: string | undefined): string {
  return isWorkerDeath(error) ? error! : `replica code threw: ${error ?? 'unknown error'}`;
}

/** Adds up case counts into run totals. */
export function totalsOf(cases: readonly CaseResult[]): ScenarioCounts & { cases: number; casesOk: number } {
  const t = { total: 0, pass: 0, safety: 0, liveness: 0, crash: 0, cases: cases.length, casesOk: 0 };
  for (const c of cases) {
    t.total += c.scenarios.total;
    t.pass += c.scenarios.pass;
    t.safety += c.scenarios.safety;
    t.liveness += c.scenarios.liveness;
    t.crash += c.scenarios.crash;
    if (c.ok) t.casesOk++;
  }
  return t;
}

/** Exit status of a run (DESIGN §7): 1 for an unexpected safety (or crash) result, 4 for liveness. */
export function exitCodeOf(cases: readonly CaseResult[]): number {
  const bad = cases.filter((c) => !c.ok);
  if (bad.length === 0) return 0;
  const safetyish = bad.some((c) => c.verdict === 'safety-violation' || c.verdict === 'crash' ||
    c.expect === 'safety-violation');
  return safetyish ? 1 : 4;
}
