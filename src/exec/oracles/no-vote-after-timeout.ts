// safety.no-vote-after-timeout (diembft-v4 §16.3 O2): an honest identity never signs a vote for
// round r after signing a timeout for round r.
import type { OracleDef } from './oracle.js';

export const noVoteAfterTimeout: OracleDef = {
  id: 'safety.no-vote-after-timeout',
  kind: 'safety',
  description: 'An honest identity never votes in a round after timing out in it.',
  observes: ['timeout', 'vote'],
  create(ctx) {
    /** Per honest identity: the rounds it signed a timeout for. */
    const timedOut = new Map<number, Set<number>>();
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        if (obs.type === 'timeout') {
          let rounds = timedOut.get(replica.identity);
          if (rounds === undefined) timedOut.set(replica.identity, (rounds = new Set()));
          rounds.add(obs.round);
        } else if (obs.type === 'vote' && timedOut.get(replica.identity)?.has(obs.round) === true) {
          reported = true;
          ctx.report({
            oracle: 'safety.no-vote-after-timeout', round: obs.round, tick, replicas: [replica.name],
            detail: `${replica.name} voted in round ${obs.round} after signing a timeout for round ${obs.round}`,
          });
        }
      },
    };
  },
};
