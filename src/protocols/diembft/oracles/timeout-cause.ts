// safety.timeout-cause (diembft-v4 §8 localTimeoutRound, processRemoteTimeout): an honest replica
// signs a timeout for round r only when its own timer for r fired, or after it received timeouts for
// r from f+1 distinct identities (the Bracha join).
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';

export const timeoutCause: OracleDef<Observation> = {
  id: 'safety.timeout-cause',
  kind: 'safety',
  description: 'An honest replica times out of a round only when its timer for it fired or f+1 identities timed out of it.',
  observes: ['timer-fired', 'timeout-received', 'timeout'],
  create(ctx) {
    /** By replica index: the rounds whose timer fired. */
    const fired: Set<number>[] = [];
    /** By replica index, then by round: the identities whose timeouts it received. */
    const heard: Map<number, Set<number>>[] = [];
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        const i = replica.index;
        if (obs.type === 'timer-fired') {
          (fired[i] ??= new Set()).add(obs.round);
        } else if (obs.type === 'timeout-received') {
          const byRound = (heard[i] ??= new Map());
          let senders = byRound.get(obs.round);
          if (senders === undefined) byRound.set(obs.round, (senders = new Set()));
          senders.add(obs.sender);
        } else if (obs.type === 'timeout') {
          if (fired[i]?.has(obs.round) === true) return;
          const count = heard[i]?.get(obs.round)?.size ?? 0;
          if (count >= ctx.f + 1) return;
          reported = true;
          ctx.report({
            oracle: 'safety.timeout-cause', round: obs.round, tick, replicas: [replica.name],
            detail: `${replica.name} timed out of round ${obs.round} before its timer fired, having heard ` +
              `${count} < f+1 = ${ctx.f + 1} timeouts for it`,
          });
        }
      },
    };
  },
};
