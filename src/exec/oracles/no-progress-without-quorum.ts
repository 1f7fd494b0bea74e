// safety.no-progress-without-quorum: before heal, no honest replica enters round r+1 when no group
// of round r's vote partition and no group of its timeout partition holds 2f+1 distinct identities.
// Without such a group neither a QC nor a TC for round r can exist, so entering r+1 means some
// certificate was formed from too few signers.
import type { Partition } from '../../scenario/types.js';
import { identityOf } from '../../scenario/types.js';
import type { OracleDef } from './oracle.js';

function hasQuorumGroup(partition: Partition, quorum: number): boolean {
  return partition.some((group) => new Set(group.map(identityOf)).size >= quorum);
}

export const noProgressWithoutQuorum: OracleDef = {
  id: 'safety.no-progress-without-quorum',
  kind: 'safety',
  description: 'Before heal, no honest replica leaves a round whose vote and timeout partitions hold no quorum.',
  observes: ['enter-round'],
  create(ctx) {
    const stuck = ctx.scenario.rounds.map((r) =>
      !hasQuorumGroup(r.byType?.vote ?? r.partitions, ctx.quorum) &&
      !hasQuorumGroup(r.byType?.timeout ?? r.partitions, ctx.quorum));
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (obs.type !== 'enter-round' || !replica.honest || reported || ctx.run.healTick !== null) return;
        const from = obs.round - 1;
        if (from < 1 || from > stuck.length || !stuck[from - 1]) return;
        reported = true;
        ctx.report({
          oracle: 'safety.no-progress-without-quorum', round: from, tick, replicas: [replica.name],
          detail: `${replica.name} entered round ${obs.round} via ${obs.via}, but no group of round ${from}'s vote ` +
            `or timeout partition holds ${ctx.quorum} distinct identities`,
        });
      },
    };
  },
};
