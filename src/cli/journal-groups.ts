// The finding groups of a run in the journal (journal.ts): each batch line lists the groups of its
// findings with their counts and where each group's first finding is, so a resume rebuilds the
// report's groups (finding-groups.ts) from the journal and at most MAX_GROUPS findings, however many
// findings the interrupted run had written.
import { groupOf, MAX_GROUPS } from '../exec/finding-groups.js';
import type { Finding, Verdict } from '../exec/report-types.js';
import type { Batch, FindingAt, JournalGroup } from './journal.js';

/** The groups of one batch's findings, in order of first appearance. */
export function batchGroups(findings: readonly { finding: Finding; at: FindingAt }[]): JournalGroup[] {
  const groups = new Map<string, { -readonly [K in keyof JournalGroup]: JournalGroup[K] }>();
  for (const { finding, at } of findings) {
    const { oracle, shape } = groupOf(finding);
    const id = JSON.stringify([finding.verdict, oracle, shape]);
    const g = groups.get(id);
    if (g !== undefined) g.count++;
    else groups.set(id, { verdict: finding.verdict, oracle, shape, count: 1, at });
  }
  return [...groups.values()];
}

/** A group kept from the journal: its case index, its total so far, and the journal line and field that first named it. */
export interface KeptGroup {
  readonly caseIndex: number;
  readonly verdict: Verdict;
  readonly oracle: string;
  readonly shape: string;
  count: number;
  readonly at: FindingAt;
  readonly where: string;
  readonly path: string;
}

/** The journal's groups folded batch by batch, as FindingGroups folds findings one by one. */
export class JournalGroups {
  /** Groups in order of first appearance, at most MAX_GROUPS. */
  readonly kept = new Map<string, KeptGroup>();
  readonly oracles = new Map<string, number>();
  /** Findings of groups beyond MAX_GROUPS. */
  ungrouped = 0;

  add(b: Batch, where: string): void {
    (b.groups ?? []).forEach((g, k) => {
      this.oracles.set(g.oracle, (this.oracles.get(g.oracle) ?? 0) + g.count);
      const key = JSON.stringify([b.case, g.verdict, g.oracle, g.shape]);
      const kept = this.kept.get(key);
      if (kept !== undefined) kept.count += g.count;
      else if (this.kept.size < MAX_GROUPS) {
        this.kept.set(key, { caseIndex: b.case, verdict: g.verdict, oracle: g.oracle, shape: g.shape, count: g.count, at: g.at, where, path: `$.groups[${k}]` });
      } else this.ungrouped += g.count;
    });
  }
}
