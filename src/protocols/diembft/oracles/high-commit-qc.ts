// safety.high-commit-qc (diembft-v4 §6 processQc, §4 every message carries highCommitQc): the high
// commit QC an honest replica sends in a vote or a proposal is at least as high as every commit QC
// (one whose commit information names a state) it formed or accepted since it started. It is how a
// replica that missed a commit learns it: a replica that stops raising its high commit QC, or ignores
// the one a vote carries, sends an older one. A restart starts afresh, as the record the replica
// restores may predate the last certificates it saw.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';

/** The round of a commit QC, or null when the certificate is not one. */
function commitQcRound(cert: unknown): number | null {
  const q = cert as { voteInfo?: { round?: unknown }; ledgerCommitInfo?: { commitStateId?: unknown } } | null;
  const round = q?.voteInfo?.round;
  const commits = q?.ledgerCommitInfo?.commitStateId;
  return typeof round === 'number' && commits !== null && commits !== undefined ? round : null;
}

export const highCommitQc: OracleDef<Observation> = {
  id: 'safety.high-commit-qc',
  kind: 'safety',
  description: 'The high commit QC an honest replica sends is at least as high as every commit QC it formed or accepted.',
  observes: ['enter-round', 'qc-formed', 'cert-accepted', 'vote', 'propose'],
  create(ctx) {
    /** By replica index: the highest commit QC round it formed or accepted since it started, with the tick. */
    const highest: ({ readonly round: number; readonly tick: number } | undefined)[] = [];
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        const i = replica.index;
        switch (obs.type) {
          case 'enter-round':
            if (obs.via === 'start') highest[i] = undefined;
            return;
          case 'qc-formed': case 'cert-accepted': {
            if (obs.type === 'cert-accepted' && obs.certKind !== 'qc') return;
            const round = commitQcRound(obs.cert);
            if (round !== null && round > (highest[i]?.round ?? -1)) highest[i] = { round, tick };
            return;
          }
          case 'vote': case 'propose': {
            const h = highest[i];
            if (h === undefined || (obs.highCommitQcRound ?? -1) >= h.round) return;
            reported = true;
            ctx.report({ oracle: 'safety.high-commit-qc', round: obs.round, tick, replicas: [replica.name],
              detail: `${replica.name} sent a ${obs.type === 'vote' ? 'vote' : 'proposal'} in round ${obs.round} whose high commit QC is ` +
                `${obs.highCommitQcRound === null ? 'none' : `of round ${obs.highCommitQcRound}`}, below the commit QC of round ${h.round} ` +
                `it saw at tick ${h.tick}` });
            return;
          }
          default:
            return;
        }
      },
    };
  },
};
