// safety.agreement (diembft-v4 §14 I2, §16.3 S1): honest replicas' committed chains never diverge.
// Checked at every commit: the block an honest replica commits at height h must equal the block
// every other honest replica committed at h.
import type { GenericObservation } from '../../kernel/observation.js';
import type { OracleDef } from './oracle.js';
import { shortId } from './oracle.js';

export const agreement: OracleDef<GenericObservation> = {
  id: 'safety.agreement',
  kind: 'safety',
  description: 'For any two honest replicas, one committed chain is a prefix of the other.',
  observes: ['commit'],
  create(ctx) {
    /** By height: the first honest commit there. */
    const firstAt: ({ blockId: string; replica: string; round: number } | undefined)[] = [];
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (obs.type !== 'commit' || !replica.honest || reported) return;
        const first = firstAt[obs.height];
        if (first === undefined) {
          firstAt[obs.height] = { blockId: obs.blockId, replica: replica.name, round: obs.round };
          return;
        }
        if (first.blockId === obs.blockId) return;
        reported = true;
        ctx.report({
          oracle: 'safety.agreement', round: obs.round, tick, replicas: [first.replica, replica.name],
          detail: `${first.replica} committed block ${shortId(first.blockId)} (round ${first.round}) at height ` +
            `${obs.height}, but ${replica.name} committed block ${shortId(obs.blockId)} (round ${obs.round}) there`,
        });
      },
    };
  },
};
