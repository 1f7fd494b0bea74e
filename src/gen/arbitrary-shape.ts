// How big a scenario is, in the terms shrinking works in (DESIGN §8): scripted rounds, groups, drops
// and how far down the eligible list the leaders are. Used to compare a counterexample with its
// shrunk form, in `twins fuzz` output, in docs/fuzzing.md and by the shrinking tests.
import type { Scenario } from '../scenario/types.js';

export interface ScenarioShape {
  /** Scripted rounds. */
  readonly rounds: number;
  /** Groups summed over the scripted rounds (a round with one group counts 1). */
  readonly groups: number;
  /** Most groups in any one scripted round (0 without rounds). */
  readonly maxGroups: number;
  /** Drops summed over the scripted rounds. */
  readonly drops: number;
  /** Sum over the scripted rounds of the leader's position in `leaders` (0 = the first). */
  readonly leaderRank: number;
}

/** The shape of `s`; `leaders` orders identities for leaderRank (default: the scenario's nodes). */
export function scenarioShape(s: Scenario, leaders: readonly string[] = s.nodes): ScenarioShape {
  let groups = 0;
  let maxGroups = 0;
  let drops = 0;
  let leaderRank = 0;
  for (const r of s.rounds) {
    groups += r.partitions.length;
    maxGroups = Math.max(maxGroups, r.partitions.length);
    drops += r.drops?.length ?? 0;
    leaderRank += Math.max(0, leaders.indexOf(r.leader));
  }
  return { rounds: s.rounds.length, groups, maxGroups, drops, leaderRank };
}

/**
 * Compares two shapes in shrinking order: rounds, then groups, then drops, then leaders. Negative
 * when `a` is simpler than `b`, 0 when they are the same size.
 */
export function compareShapes(a: ScenarioShape, b: ScenarioShape): number {
  return a.rounds - b.rounds || a.groups - b.groups || a.drops - b.drops || a.leaderRank - b.leaderRank;
}
