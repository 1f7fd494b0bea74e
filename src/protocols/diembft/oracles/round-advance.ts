// safety.round-advance (diembft-v4 §8 processRemoteTimeout, advanceRoundQc, advanceRoundTc): an honest
// replica acts on the certificates it can form. Once it has received timeouts for a round r at least
// its own from 2f+1 distinct identities, it forms TC(r) before it observes anything but its own
// timeout of r or Safety's refusal of it (the Bracha join comes first); and once it forms a QC or TC of a round r at least its
// own, it enters round r+1 before it observes anything but the commits that QC makes.
//
// The timeout count mirrors the pacemaker's (as in ./timeout-join.ts): timeouts of rounds below the
// replica's are ignored, entering a round forgets the rounds below it, and a restart forgets all.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';
import { isRefusal } from './timeout-join.js';

type Duty =
  | { readonly kind: 'tc'; readonly round: number; readonly tick: number; readonly heard: number }
  | { readonly kind: 'enter'; readonly round: number; readonly tick: number; readonly cert: 'QC' | 'TC' };

interface ReplicaState {
  round: number;
  /** By round (at least `round`): the identities whose timeouts for it the replica received. */
  readonly heard: Map<number, Set<number>>;
  duty: Duty | null;
}

/** What the duty asks for, as a sentence tail. */
function owed(d: Duty, f: number): string {
  return d.kind === 'tc'
    ? `heard timeouts for round ${d.round} from ${d.heard} >= 2f+1 = ${2 * f + 1} identities at tick ${d.tick} but did not form TC(${d.round})`
    : `formed a ${d.cert} of round ${d.round} at tick ${d.tick} but did not enter round ${d.round + 1}`;
}

export const roundAdvance: OracleDef<Observation> = {
  id: 'safety.round-advance',
  kind: 'safety',
  description: 'An honest replica forms a TC as soon as it holds 2f+1 timeouts, and enters the next round as soon as it forms a QC or TC.',
  observes: ['enter-round', 'timer-fired', 'timeout-received', 'timeout', 'reject', 'tc-formed', 'qc-formed', 'vote', 'propose',
    'commit'],
  create(ctx) {
    const states: ReplicaState[] = [];
    const names: string[] = [];
    let reported = false;
    const fail = (s: ReplicaState, name: string, tick: number, instead: string): void => {
      const d = s.duty!;
      reported = true;
      ctx.report({ oracle: 'safety.round-advance', round: d.round, tick, replicas: [name],
        detail: `${name} ${owed(d, ctx.f)}; ${instead}` });
    };
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        const s = (states[replica.index] ??= { round: 0, heard: new Map(), duty: null });
        names[replica.index] = replica.name;
        const d = s.duty;
        if (d !== null) {
          if (d.kind === 'tc' && obs.type === 'tc-formed' && obs.round === d.round) s.duty = null;
          else if (d.kind === 'enter' && obs.type === 'enter-round' && obs.round === d.round + 1) s.duty = null;
          else if (d.kind === 'tc' && ((obs.type === 'timeout' && obs.round === d.round) || isRefusal(obs))) return;
          else if (d.kind === 'enter' && d.cert === 'QC' && obs.type === 'commit') return;
          else {
            fail(s, replica.name, tick, `it observed ${obs.type}${'round' in obs ? ` (round ${obs.round})` : ''} instead`);
            return;
          }
        }
        switch (obs.type) {
          case 'enter-round':
            if (obs.via === 'start') s.heard.clear();
            else for (const r of s.heard.keys()) if (r < obs.round) s.heard.delete(r);
            s.round = obs.round;
            return;
          case 'timeout-received': {
            if (obs.round < s.round) return;
            let senders = s.heard.get(obs.round);
            if (senders === undefined) s.heard.set(obs.round, (senders = new Set()));
            senders.add(obs.sender);
            if (senders.size >= ctx.quorum) s.duty = { kind: 'tc', round: obs.round, tick, heard: senders.size };
            return;
          }
          case 'tc-formed': case 'qc-formed':
            if (obs.round >= s.round) s.duty = { kind: 'enter', round: obs.round, tick, cert: obs.type === 'tc-formed' ? 'TC' : 'QC' };
            return;
          default:
            return;
        }
      },
      finish(outcome) {
        if (reported) return;
        const i = states.findIndex((s) => s?.duty != null);
        if (i >= 0) fail(states[i]!, names[i]!, outcome.tick, 'the run ended');
      },
    };
  },
};
