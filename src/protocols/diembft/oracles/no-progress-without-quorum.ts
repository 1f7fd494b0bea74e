// safety.no-progress-without-quorum: before heal, no honest replica enters round r+1 when no group
// of round r's vote partition and no group of its timeout partition holds 2f+1 distinct identities.
// Without such a group neither a QC nor a TC for round r can exist, so entering r+1 means some
// certificate was formed from too few signers.
import type { Groups, OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';

/** A replica name's identity: the name without its trailing apostrophes (a' is a twin of a). */
const identityOf = (replica: string): string => replica.replace(/'+$/, '');

function hasQuorumGroup(partition: Groups | null, quorum: number): boolean {
  return partition === null || partition.some((group) => new Set(group.map(identityOf)).size >= quorum);
}

export const noProgressWithoutQuorum: OracleDef<Observation> = {
  id: 'safety.no-progress-without-quorum',
  kind: 'safety',
  description: 'Before heal, no honest replica leaves a round whose vote and timeout partitions hold no quorum.',
  observes: ['enter-round'],
  create(ctx) {
    const stuck = Array.from({ length: ctx.run.scriptedRounds }, (_, i) =>
      !hasQuorumGroup(ctx.partitionOf(i + 1, 'vote'), ctx.quorum) &&
      !hasQuorumGroup(ctx.partitionOf(i + 1, 'timeout'), ctx.quorum));
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
