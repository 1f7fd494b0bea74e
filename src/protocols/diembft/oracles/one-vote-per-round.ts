// safety.one-vote-per-round (diembft-v4 §16.3 O1): an honest identity never signs two votes with the
// same round. Twins legitimately double-sign, so only honest identities are judged.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';
import { shortId } from '../../../kernel/oracle.js';

export const oneVotePerRound: OracleDef<Observation> = {
  id: 'safety.one-vote-per-round',
  kind: 'safety',
  description: 'An honest identity signs at most one vote per round.',
  observes: ['vote'],
  create(ctx) {
    /** By identity, then by round: the block it voted for. */
    const voted: (string | undefined)[][] = [];
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (obs.type !== 'vote' || !replica.honest || reported) return;
        const byRound = (voted[replica.identity] ??= []);
        const prior = byRound[obs.round];
        if (prior === undefined) {
          byRound[obs.round] = obs.blockId;
          return;
        }
        reported = true;
        ctx.report({
          oracle: 'safety.one-vote-per-round', round: obs.round, tick, replicas: [replica.name],
          detail: `${replica.name} voted twice in round ${obs.round}: for ${shortId(prior)} and for ${shortId(obs.blockId)}`,
        });
      },
    };
  },
};
