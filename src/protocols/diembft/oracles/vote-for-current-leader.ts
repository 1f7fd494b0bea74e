// safety.vote-for-current-leader (diembft-v4 §4 onProposal, §13.2, §16.4 O6): an honest replica votes
// only for a block of the round it is in, proposed by that round's leader. The leader is the one the
// harness dictates (`RunState.leaderOf`), which is also every replica's leader override in a run.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';

export const voteForCurrentLeader: OracleDef<Observation> = {
  id: 'safety.vote-for-current-leader',
  kind: 'safety',
  description: 'An honest replica votes only in the round it is in, for a block proposed by that round\'s leader.',
  observes: ['enter-round', 'vote'],
  create(ctx) {
    /** By replica index: the round it is in. */
    const current: number[] = [];
    let reported = false;
    const fail = (tick: number, round: number, replica: string, detail: string): void => {
      reported = true;
      ctx.report({ oracle: 'safety.vote-for-current-leader', round, tick, replicas: [replica], detail });
    };
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        if (obs.type === 'enter-round') {
          current[replica.index] = obs.round;
          return;
        }
        if (obs.type !== 'vote') return;
        const name = replica.name;
        const now = current[replica.index] ?? 0;
        if (obs.round !== now) return fail(tick, obs.round, name, `${name} voted for a block of round ${obs.round} while in round ${now}`);
        const leader = ctx.run.leaderOf(obs.round);
        if (obs.blockAuthor !== leader) {
          const names = new Map(ctx.replicas.map((r) => [r.identity, r.identityName]));
          fail(tick, obs.round, name, `${name} voted in round ${obs.round} for a block by ${names.get(obs.blockAuthor) ?? obs.blockAuthor}, ` +
            `not by the round's leader ${names.get(leader) ?? leader}`);
        }
      },
    };
  },
};
