// Findings at scale: a run of millions of scenarios can have thousands of findings, most of them the
// same bug met again. Findings are grouped by case, verdict, oracle and the shape of the minimal
// scenario: the round the oracle fired in, described up to renaming (group sizes, whether a twin
// leads, the kinds of messages dropped), or "GST tail" for an oracle that fired after the scripted
// rounds. Each group is counted and its first finding kept as the example.
// Groups form in the order findings are added (scenario order), so every way of running a config
// (workers, shards merged, resumed) gives the same groups.
import { asScenario } from './report/timeline-model.js';
import type { Finding, Verdict, Violation } from './report-types.js';

export interface FindingGroup {
  /** Case, verdict, oracle and shape: findings with equal keys are taken as one bug. */
  readonly key: string;
  readonly case: string;
  readonly verdict: Verdict;
  readonly oracle: string;
  readonly shape: string;
  /** Findings in the group. */
  count: number;
  /** The group's first finding, drawn in the report. */
  readonly example: Finding;
}

/** Distinct groups kept with an example; findings beyond are still counted by oracle and in `ungrouped`. */
export const MAX_GROUPS = 2000;

/** The oracle a finding is filed under: its first violation of the verdict's kind (a crash: harness.crash). */
export function oracleOf(f: Finding): string {
  const kind = f.verdict === 'liveness-violation' ? 'liveness' : 'safety';
  const first: Violation | undefined = f.violations.find((v) => v.kind === kind) ?? f.violations[0];
  return first?.oracle ?? (f.verdict === 'crash' ? 'harness.crash' : 'unknown');
}

/**
 * The shape of a finding's minimal scenario: the scripted round its oracle fired in, as
 * "round 2 of 7: 3+2, twin leads, drops vote": group sizes, largest first; whether the leader is
 * twinned; the kinds of message dropped. An oracle that fired in no scripted round (a liveness
 * oracle, after GST) gives "GST tail".
 */
export function shapeOf(f: Finding, oracle: string): string {
  const s = asScenario(f.scenario);
  if (s === null) return 'unreadable scenario';
  const round = f.violations.find((v) => v.oracle === oracle)?.round ?? 0;
  const r = s.rounds[round - 1];
  if (round < 1 || r === undefined) return 'GST tail';
  const sizes = r.partitions.map((g) => g.length).sort((a, b) => b - a).join('+');
  const drops = [...new Set((r.drops ?? []).map((d) => d.type))].sort();
  return `${sizes}${s.twins.includes(r.leader) ? ', twin leads' : ''}${drops.length === 0 ? '' : `, drops ${drops.join(' ')}`}`;
}

/** The group a finding is filed under: its oracle, its shape, and the key of case, verdict, oracle and shape. */
export function groupOf(f: Finding): { oracle: string; shape: string; key: string } {
  const oracle = oracleOf(f);
  const shape = shapeOf(f, oracle);
  return { oracle, shape, key: JSON.stringify([f.case, f.verdict, oracle, shape]) };
}

export class FindingGroups {
  private readonly groups = new Map<string, FindingGroup>();
  private readonly oracles = new Map<string, number>();
  /** Findings added. */
  total = 0;
  /** Findings whose group was not kept (beyond MAX_GROUPS distinct groups). */
  ungrouped = 0;

  static of(findings: Iterable<Finding>): FindingGroups {
    const g = new FindingGroups();
    for (const f of findings) g.add(f);
    return g;
  }

  /**
   * The groups of findings already counted elsewhere (a resumed run's journal): `groups` in order of
   * first appearance, the findings per oracle, and the findings beyond MAX_GROUPS. Adding findings
   * afterwards gives what adding them all would have given.
   */
  static restore(groups: readonly Omit<FindingGroup, 'key'>[], oracles: ReadonlyMap<string, number>, ungrouped: number): FindingGroups {
    const g = new FindingGroups();
    for (const group of groups) {
      const key = JSON.stringify([group.case, group.verdict, group.oracle, group.shape]);
      g.groups.set(key, { ...group, key });
      g.total += group.count;
    }
    for (const [oracle, count] of oracles) g.oracles.set(oracle, count);
    g.ungrouped = ungrouped;
    g.total += ungrouped;
    return g;
  }

  add(f: Finding): void {
    this.total++;
    const { oracle, shape, key } = groupOf(f);
    this.oracles.set(oracle, (this.oracles.get(oracle) ?? 0) + 1);
    const group = this.groups.get(key);
    if (group !== undefined) group.count++;
    else if (this.groups.size < MAX_GROUPS) this.groups.set(key, { key, case: f.case, verdict: f.verdict, oracle, shape, count: 1, example: f });
    else this.ungrouped++;
  }

  /** Groups, the largest first; equal counts in order of first appearance. */
  list(): FindingGroup[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count);
  }

  /** Findings per oracle, the most first; equal counts by oracle id. */
  byOracle(): { oracle: string; count: number }[] {
    return [...this.oracles].map(([oracle, count]) => ({ oracle, count }))
      .sort((a, b) => b.count - a.count || (a.oracle < b.oracle ? -1 : 1));
  }
}
