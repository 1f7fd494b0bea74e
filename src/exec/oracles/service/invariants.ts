// safety.service-invariants and safety.service-digests-agree (docs/services.md). The first runs the
// service as the replicas run it over the committed log and checks every invariant the service
// declares at every step; the second checks that honest replicas at equal height report equal
// service-state digests.
import type { CommitObservation } from '../../../kernel/observation.js';
import type { OracleDef } from '../oracle.js';
import { CommittedLog, runOverLog } from './committed-log.js';

export const serviceInvariants: OracleDef<CommitObservation> = {
  id: 'safety.service-invariants',
  kind: 'safety',
  description: 'Every invariant the service declares holds after every committed request.',
  observes: ['commit'],
  create(ctx) {
    const log = new CommittedLog();
    return {
      observe(_tick, replica, obs) {
        if (replica.honest) log.add(obs);
      },
      finish(outcome) {
        const service = ctx.clients?.running;
        if (service?.invariants === undefined) return;
        runOverLog(service, log.prefix(), (s) => {
          for (const broken of service.invariants!(s.before, s.request, s.after)) {
            ctx.report({ oracle: 'safety.service-invariants', round: 0, tick: outcome.tick, replicas: [],
              detail: `after request ${s.request.client}/${s.request.seq} at height ${s.height}: ${broken}` });
          }
        }, () => undefined);
      },
    };
  },
};

export const serviceDigestsAgree: OracleDef<CommitObservation> = {
  id: 'safety.service-digests-agree',
  kind: 'safety',
  description: 'Honest replicas at equal height hold equal service-state digests.',
  observes: ['commit'],
  create(ctx) {
    const first = new Map<number, { replica: string; digest: string }>();
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || obs.serviceDigest === undefined) return;
        const seen = first.get(obs.height);
        if (seen === undefined) return void first.set(obs.height, { replica: replica.name, digest: obs.serviceDigest });
        if (seen.digest === obs.serviceDigest) return;
        ctx.report({ oracle: 'safety.service-digests-agree', round: obs.round, tick, replicas: [seen.replica, replica.name],
          detail: `at height ${obs.height} ${seen.replica} holds service state ${seen.digest.slice(0, 8)} but `
            + `${replica.name} holds ${obs.serviceDigest.slice(0, 8)}` });
      },
    };
  },
};
