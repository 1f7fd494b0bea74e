// safety.timeout-join (diembft-v4 §8 processRemoteTimeout, onTimer): the Bracha join happens, at
// once and once. An honest replica that has received timeouts for its current round r from f+1
// distinct identities, and has not timed out of r, times out of r before it observes anything else
// (or Safety refuses that timeout, which shows the join was attempted);
// and once it has timed out of r it signs another timeout for r only when its timer for r fires again
// (the retransmission), right after that timer.
//
// The count mirrors the pacemaker's: a timeout for a round below the replica's round is ignored, a
// timeout from an identity already counted for its round attempts no join (the pacemaker drops it), and
// entering a round forgets the timeouts of the rounds below it; a restart (entering a round at its
// start) forgets everything. `timeout-received` is observed after the message's certificates moved
// the replica's round, so the round the replica is in is the one the pacemaker compares with.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';

interface ReplicaState {
  round: number;
  /** By round (at least `round`): the identities whose timeouts for it the replica received. */
  readonly heard: Map<number, Set<number>>;
  /** Rounds the replica has signed a timeout for since its start. */
  readonly timedOut: Set<number>;
  /** The round whose timer fired in the replica's previous observation, or null. */
  firedJustNow: number | null;
  /** The round it must time out of before anything else, with the tick it heard the f+1-th timeout. */
  mustJoin: { readonly round: number; readonly tick: number; readonly heard: number } | null;
}

/**
 * Safety's refusal to sign a timeout. An honest replica's round can lag its high QC (a vote's high
 * commit QC raises highQc without moving the round), and Safety then refuses to time out of that
 * round; the join was attempted.
 */
export const isRefusal = (obs: Observation): boolean => obs.type === 'reject' && obs.what === 'timeout.refused';

export const timeoutJoin: OracleDef<Observation> = {
  id: 'safety.timeout-join',
  kind: 'safety',
  description: 'An honest replica joins f+1 timeouts of its round at once, and times out of a round again only when its timer fires.',
  observes: ['enter-round', 'timer-fired', 'timeout-received', 'timeout', 'reject', 'tc-formed', 'qc-formed', 'vote', 'propose'],
  create(ctx) {
    const states: ReplicaState[] = [];
    let reported = false;
    const report = (round: number, tick: number, replica: string, detail: string): void => {
      reported = true;
      ctx.report({ oracle: 'safety.timeout-join', round, tick, replicas: [replica], detail });
    };
    const missedJoin = (s: ReplicaState, name: string, tick: number, instead: string): void => {
      const j = s.mustJoin!;
      report(j.round, tick, name, `${name} heard timeouts for its round ${j.round} from ${j.heard} >= f+1 = ${ctx.f + 1} ` +
        `identities at tick ${j.tick} without having timed out of it, but ${instead} instead of joining them`);
    };
    const names: string[] = [];
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        const s = (states[replica.index] ??= { round: 0, heard: new Map(), timedOut: new Set(), firedJustNow: null, mustJoin: null });
        names[replica.index] = replica.name;
        const firedBefore = s.firedJustNow;
        s.firedJustNow = null;
        if (s.mustJoin !== null && !(obs.type === 'timeout' && obs.round === s.mustJoin.round) && !isRefusal(obs)) {
          missedJoin(s, replica.name, tick, `it observed ${obs.type}${'round' in obs ? ` (round ${obs.round})` : ''}`);
          return;
        }
        switch (obs.type) {
          case 'enter-round':
            if (obs.via === 'start') {
              s.heard.clear();
              s.timedOut.clear();
            } else {
              for (const r of s.heard.keys()) if (r < obs.round) s.heard.delete(r);
            }
            s.round = obs.round;
            return;
          case 'timer-fired':
            s.firedJustNow = obs.round;
            return;
          case 'timeout-received': {
            if (obs.round < s.round) return;
            let senders = s.heard.get(obs.round);
            if (senders === undefined) s.heard.set(obs.round, (senders = new Set()));
            if (senders.has(obs.sender)) return;
            senders.add(obs.sender);
            if (obs.round === s.round && senders.size >= ctx.f + 1 && !s.timedOut.has(obs.round)) {
              s.mustJoin = { round: obs.round, tick, heard: senders.size };
            }
            return;
          }
          case 'reject':
            if (isRefusal(obs)) s.mustJoin = null;
            return;
          case 'timeout':
            s.mustJoin = null;
            if (s.timedOut.has(obs.round) && firedBefore !== obs.round) {
              report(obs.round, tick, replica.name, `${replica.name} timed out of round ${obs.round} again without its ` +
                `timer for round ${obs.round} firing just before`);
              return;
            }
            s.timedOut.add(obs.round);
            return;
          default:
            return;
        }
      },
      finish(outcome) {
        if (reported) return;
        const i = states.findIndex((s) => s?.mustJoin != null);
        if (i >= 0) missedJoin(states[i]!, names[i]!, outcome.tick, 'the run ended');
      },
    };
  },
};
