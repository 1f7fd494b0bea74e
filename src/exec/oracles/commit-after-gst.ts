// liveness.commit-after-gst (DiemBFT v4 paper, Property 3; diembft-v4 §16.4 L1): after heal, every
// honest replica commits a block proposed after heal, within the liveness tick bound. A replica that
// crashed for good (a `permanent` crash) is not expected to.
import type { GenericObservation } from '../../kernel/observation.js';
import type { OracleDef } from './oracle.js';

export const commitAfterGst: OracleDef<GenericObservation> = {
  id: 'liveness.commit-after-gst',
  kind: 'liveness',
  needsGst: true,
  description: 'After heal, every honest replica commits a block proposed after heal, within the tick bound.',
  observes: ['propose', 'commit'],
  create(ctx) {
    const proposedAt = new Map<string, number>();
    /** By replica index: true once it committed a block proposed after heal, within the bound. */
    const done: boolean[] = ctx.replicas.map(() => false);
    return {
      observe(tick, replica, obs) {
        if (obs.type === 'propose') {
          if (!proposedAt.has(obs.blockId)) proposedAt.set(obs.blockId, tick);
          return;
        }
        const heal = ctx.run.healTick;
        if (obs.type !== 'commit' || !replica.honest || heal === null || tick > heal + ctx.livenessTicks) return;
        const at = proposedAt.get(obs.blockId);
        if (at !== undefined && at >= heal) done[replica.index] = true;
      },
      finish(outcome) {
        const heal = ctx.run.healTick;
        const missing = ctx.replicas.filter((r) => r.honest && r.permanentlyCrashed !== true && !done[r.index]).map((r) => r.name);
        if (missing.length === 0) return;
        const lastScripted = ctx.run.scriptedRounds;
        ctx.report({
          oracle: 'liveness.commit-after-gst', round: lastScripted + 1, tick: outcome.tick, replicas: missing,
          detail: heal === null
            ? `the network never healed before the run ended (${outcome.endReason})`
            : `${missing.join(', ')} committed no block proposed after heal (tick ${heal}) within ` +
              `${ctx.livenessTicks} ticks (run ended: ${outcome.endReason})`,
        });
      },
    };
  },
};
