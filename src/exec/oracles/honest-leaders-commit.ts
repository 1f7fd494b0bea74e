// liveness.honest-leaders-commit (DiemBFT v4 paper, Property 4): after heal, when three consecutive
// GST rounds r, r+1, r+2 have honest leaders and round r's leader proposed after heal, the block
// of round r is committed (by an honest replica) before the run ends.
import type { OracleDef } from './oracle.js';
import { shortId } from './oracle.js';

export const honestLeadersCommit: OracleDef = {
  id: 'liveness.honest-leaders-commit',
  kind: 'liveness',
  needsGst: true,
  description: 'Three consecutive honest-leader rounds after heal commit the first round\'s block.',
  create(ctx) {
    const honestIds = new Set(ctx.replicas.filter((r) => r.honest).map((r) => r.identity));
    const proposals = new Map<number, string>();
    const committed = new Set<string>();
    return {
      observe(tick, replica, obs) {
        if (!replica.honest) return;
        const heal = ctx.run.healTick;
        if (obs.type === 'propose' && heal !== null && tick >= heal && !proposals.has(obs.round)) {
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
          const block = proposals.get(r);
          if (block === undefined || committed.has(block)) continue;
          ctx.report({
            oracle: 'liveness.honest-leaders-commit', round: r, tick: outcome.tick, replicas: [],
            detail: `rounds ${r}-${r + 2} had honest leaders but block ${shortId(block)} of round ${r} was never committed`,
          });
          return;
        }
      },
    };
  },
};
