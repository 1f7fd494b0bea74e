// safety.checkpoint-proof (pbft.md §9): a checkpoint an honest replica declares stable has Q
// matching digests from distinct replicas.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { PbftObservation } from '../observations.js';

export const checkpointProof: OracleDef<PbftObservation> = {
  id: 'safety.checkpoint-proof',
  kind: 'safety',
  description: 'A stable checkpoint has Q matching checkpoint messages from distinct replicas.',
  observes: ['checkpoint-stable'],
  create(ctx) {
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (obs.type !== 'checkpoint-stable' || !replica.honest || reported) return;
        const distinct = new Set(obs.signers).size;
        if (distinct >= ctx.quorum) return;
        reported = true;
        ctx.report({ oracle: 'safety.checkpoint-proof', round: 0, tick, replicas: [replica.name],
          detail: `${replica.name} took checkpoint ${obs.seq} as stable with ${distinct} matching signers, need ${ctx.quorum}` });
      },
    };
  },
};
