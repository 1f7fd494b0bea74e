// safety.certificate-signers (pbft.md §9): every certificate an honest replica accepts has Q distinct
// signers: prepared (the primary and Q-1 backups), committed-local (Q commits), NEW-VIEW (Q senders).
import type { OracleDef } from '../../../kernel/oracle.js';
import type { PbftObservation } from '../observations.js';

export const certificateSigners: OracleDef<PbftObservation> = {
  id: 'safety.certificate-signers',
  kind: 'safety',
  description: 'Every certificate an honest replica accepts has Q distinct signers.',
  observes: ['cert-accepted'],
  create(ctx) {
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (obs.type !== 'cert-accepted' || !replica.honest || reported) return;
        const distinct = new Set(obs.signers).size;
        if (distinct >= ctx.quorum) return;
        reported = true;
        ctx.report({ oracle: 'safety.certificate-signers', round: obs.view + 1, tick, replicas: [replica.name],
          detail: `${replica.name} accepted a ${obs.cert} certificate for view ${obs.view} seq ${obs.seq} with ` +
            `${distinct} distinct signers (${obs.signers.join(', ')}), need ${ctx.quorum}` });
      },
    };
  },
};
