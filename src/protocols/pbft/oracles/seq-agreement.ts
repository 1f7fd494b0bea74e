// safety.seq-agreement (pbft.md §9): no two honest replicas execute different requests at one
// sequence number (a commit's height is its sequence number, its block id the batch digest).
import type { OracleDef } from '../../../kernel/oracle.js';
import { shortId } from '../../../kernel/oracle.js';
import type { PbftObservation } from '../observations.js';

export const seqAgreement: OracleDef<PbftObservation> = {
  id: 'safety.seq-agreement',
  kind: 'safety',
  description: 'No two honest replicas execute different requests at one sequence number.',
  observes: ['commit'],
  create(ctx) {
    const first = new Map<number, { d: string; name: string }>();
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (obs.type !== 'commit' || !replica.honest || reported) return;
        const held = first.get(obs.height);
        if (held === undefined) { first.set(obs.height, { d: obs.blockId, name: replica.name }); return; }
        if (held.d === obs.blockId) return;
        reported = true;
        ctx.report({ oracle: 'safety.seq-agreement', round: obs.round, tick, replicas: [held.name, replica.name],
          detail: `seq ${obs.height}: ${held.name} executed ${shortId(held.d)}, ${replica.name} executed ${shortId(obs.blockId)}` });
      },
    };
  },
};
