// liveness.honest-leaders-commit (DiemBFT v4 paper, Property 4): after GST, when three consecutive
// rounds r, r+1, r+2 have honest leaders, the block of round r is committed (by an honest replica)
// before the run ends. The property speaks of rounds that start after GST: a round counts only when
// every honest replica entered it after heal, its honest leader proposed in it, and the QC or TC that
// opened it was built from messages the network delivered to everyone. A round some replicas entered
// before heal (via a TC formed inside their group, say) may time out at them just as the proposal
// arrives, and nothing promises that round a commit.
//
// The last condition matters for the first GST round. The paper's GST delivers every message sent
// before it by GST + Δ; a Twins drop before heal loses it for good, and only the timeout
// retransmission, one round timer later, repairs that. So when round r-1 is a scripted round, an
// honest replica can enter round r after heal through a TC assembled from round-(r-1) timeouts sent
// before heal that the leader of round r never received: the leader enters round r only when its own
// timer fires again, about one round timeout later, and its proposal then meets replicas that have
// just timed round r out. Round r therefore counts only if round r-1 is a GST round (its messages are
// never partitioned) or every honest replica entered round r-1 after heal as well (so every honest
// round-(r-1) message was sent after heal and reached everyone).
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';
import { shortId } from '../../../kernel/oracle.js';

export const honestLeadersCommit: OracleDef<Observation> = {
  id: 'liveness.honest-leaders-commit',
  kind: 'liveness',
  needsGst: true,
  description: 'Three consecutive honest-leader rounds that start after GST commit the first round\'s block.',
  observes: ['enter-round', 'propose', 'commit'],
  create(ctx) {
    // A replica that crashed for good neither enters rounds nor leads them: it is left out.
    const honest = ctx.replicas.filter((r) => r.honest && r.permanentlyCrashed !== true);
    const honestIds = new Set(honest.map((r) => r.identity));
    /** By round: the first block an honest leader proposed in it after heal. */
    const proposals: (string | undefined)[] = [];
    const committed = new Set<string>();
    /** By round: honest replicas that entered it, and whether all of them did so after heal. */
    const entries: ({ count: number; afterHeal: boolean } | undefined)[] = [];
    return {
      observe(tick, replica, obs) {
        if (!replica.honest) return;
        const heal = ctx.run.healTick;
        if (obs.type === 'enter-round') {
          let e = entries[obs.round];
          if (e === undefined) entries[obs.round] = e = { count: 0, afterHeal: true };
          e.count++;
          e.afterHeal = e.afterHeal && heal !== null && tick >= heal;
        } else if (obs.type === 'propose' && heal !== null && tick >= heal && proposals[obs.round] === undefined) {
          proposals[obs.round] = obs.blockId;
        } else if (obs.type === 'commit') {
          committed.add(obs.blockId);
        }
      },
      finish(outcome) {
        if (!outcome.tailCompleted) return;
        /** Every honest replica entered the round, and all of them after heal. */
        const enteredAfterHeal = (r: number): boolean => {
          const e = entries[r];
          return e !== undefined && e.count >= honest.length && e.afterHeal;
        };
        const honestLeader = (r: number): boolean => honestIds.has(ctx.run.leaderOf(r));
        const first = ctx.run.scriptedRounds + 1;
        const last = ctx.run.scriptedRounds + ctx.run.gstRounds - 2;
        for (let r = first; r <= last; r++) {
          if (!honestLeader(r) || !honestLeader(r + 1) || !honestLeader(r + 2)) continue;
          if (!enteredAfterHeal(r) || (r - 1 <= ctx.run.scriptedRounds && !enteredAfterHeal(r - 1))) continue;
          const block = proposals[r];
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
