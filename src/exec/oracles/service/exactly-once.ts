// safety.exactly-once (docs/services.md): in each honest replica's committed log a client request
// runs at most once; wherever the log carries it again, execution records `duplicate`.
import type { CommitObservation } from '../../../kernel/observation.js';
import type { OracleDef } from '../oracle.js';
import { requestKey } from './committed-log.js';

export const exactlyOnce: OracleDef<CommitObservation> = {
  id: 'safety.exactly-once',
  kind: 'safety',
  description: 'Each client request runs at most once in an honest replica\'s committed log.',
  observes: ['commit'],
  create(ctx) {
    const clients = new Set(ctx.clients?.names ?? []);
    /** Per replica index: request key -> the height it ran at. */
    const ran = ctx.replicas.map(() => new Map<string, number>());
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || obs.requests === undefined) return;
        const mine = ran[replica.index]!;
        obs.requests.forEach((t, i) => {
          if (!clients.has(t.client) || obs.results?.[i] === 'duplicate') return;
          const key = requestKey(t);
          const earlier = mine.get(key);
          if (earlier === undefined) return void mine.set(key, obs.height);
          ctx.report({ oracle: 'safety.exactly-once', round: obs.round, tick, replicas: [replica.name],
            detail: `${replica.name} ran request ${key} at height ${earlier} and again at height ${obs.height}` });
        });
      },
    };
  },
};
