// liveness.honest-leaders-commit (DiemBFT v4 paper, Property 4): after GST, when three consecutive
// rounds r, r+1, r+2 have honest leaders, the block of round r is committed (by an honest replica)
// before the run ends. The property speaks of rounds that start after GST: a round counts only when
// every honest replica entered it at or after the heal tick and its honest leader proposed in it.
// A round some replicas entered before heal (via a TC formed inside their group, say) may time out
// at them just as the proposal arrives, and nothing promises that round a commit.
import type { OracleDef } from './oracle.js';
import { shortId } from './oracle.js';

export const honestLeadersCommit: OracleDef = {
  id: 'liveness.honest-leaders-commit',
  kind: 'liveness',
  needsGst: true,
  description: 'Three consecutive honest-leader rounds that start after GST commit the first round\'s block.',
  observes: ['enter-round', 'propose', 'commit'],
  create(ctx) {
    const honest = ctx.replicas.filter((r) => r.honest);
    const honestIds = new Set(honest.map((r) => r.identity));
    const proposals = new Map<number, string>();
    const committed = new Set<string>();
    /** Per round: honest replicas that entered it, and whether all of them did so after heal. */
    const entries = new Map<number, { count: number; afterHeal: boolean }>();
    return {
      observe(tick, replica, obs) {
        if (!replica.honest) return;
        const heal = ctx.run.healTick;
        if (obs.type === 'enter-round') {
          let e = entries.get(obs.round);
          if (e === undefined) entries.set(obs.round, (e = { count: 0, afterHeal: true }));
          e.count++;
          e.afterHeal = e.afterHeal && heal !== null && tick >= heal;
        } else if (obs.type === 'propose' && heal !== null && tick >= heal && !proposals.has(obs.round)) {
          proposals.set(obs.round, obs.blockId);
        } else if (obs.type === 'commit') {
          committed.add(obs.blockId);
        }
      },
      finish(outcome) {
        if (!outcome.tailCompleted) return;
        const first = ctx.run.scriptedRounds + 1;
        const last = ctx.run.scriptedRounds + ctx.run.gstRounds - 2;
        for (let r = first; r <= last; r++) {
          const leaders = [r, r + 1, r + 2].map((x) => ctx.run.leaderOf(x));
          if (!leaders.every((l) => honestIds.has(l))) continue;
          const e = entries.get(r);
          if (e === undefined || e.count < honest.length || !e.afterHeal) continue;
          const block = proposals.get(r);
          if (block === undefined || committed.has(block)) continue;
          ctx.report({
            oracle: 'liveness.honest-leaders-commit', round: r, tick: outcome.tick, replicas: [],
            detail: `rounds ${r}-${r + 2} had honest leaders and started after GST, but block ${shortId(block)} ` +
              `of round ${r} was never committed`,
          });
          return;
        }
      },
    };
  },
};
