// safety.no-vote-after-timeout (diembft-v4 §16.3 O2): an honest identity never signs a vote for
// round r after signing a timeout for round r.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';

export const noVoteAfterTimeout: OracleDef<Observation> = {
  id: 'safety.no-vote-after-timeout',
  kind: 'safety',
  description: 'An honest identity never votes in a round after timing out in it.',
  observes: ['timeout', 'vote'],
  create(ctx) {
    /** By identity, then by round: true when it signed a timeout for that round. */
    const timedOut: (true | undefined)[][] = [];
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        if (obs.type === 'timeout') {
          (timedOut[replica.identity] ??= [])[obs.round] = true;
        } else if (obs.type === 'vote' && timedOut[replica.identity]?.[obs.round] === true) {
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
