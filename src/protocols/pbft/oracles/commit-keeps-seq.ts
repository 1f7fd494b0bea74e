// safety.commit-keeps-seq (pbft.md §9): a request committed-local at an honest replica in view v at
// sequence number s keeps s in every later view: no honest replica prepares or commits another digest
// at s in a view above v.
import type { OracleDef } from '../../../kernel/oracle.js';
import { shortId } from '../../../kernel/oracle.js';
import type { PbftObservation } from '../observations.js';

export const commitKeepsSeq: OracleDef<PbftObservation> = {
  id: 'safety.commit-keeps-seq',
  kind: 'safety',
  description: 'A request committed in a view keeps its sequence number in every later view.',
  observes: ['cert-accepted'],
  create(ctx) {
    /** By seq: the lowest view an honest replica committed it in, and the digest. */
    const committed = new Map<number, { view: number; d: string; name: string }>();
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (obs.type !== 'cert-accepted' || obs.cert === 'new-view' || !replica.honest || reported) return;
        const held = committed.get(obs.seq);
        if (held !== undefined && obs.view > held.view && obs.digest !== held.d) {
          reported = true;
          ctx.report({ oracle: 'safety.commit-keeps-seq', round: obs.view + 1, tick, replicas: [held.name, replica.name],
            detail: `seq ${obs.seq}: ${held.name} committed ${shortId(held.d)} in view ${held.view}, ${replica.name} ` +
              `${obs.cert} ${shortId(obs.digest)} in view ${obs.view}` });
          return;
        }
        if (obs.cert === 'committed' && (held === undefined || obs.view < held.view)) {
          committed.set(obs.seq, { view: obs.view, d: obs.digest, name: replica.name });
        }
      },
    };
  },
};
