// safety.round-advance (diembft-v4 §6 processVote, §8 processRemoteTimeout, advanceRoundQc,
// advanceRoundTc): an honest replica acts on the certificates it can form, at once.
//   - Once it has received votes signing the same commit information from 2f+1 distinct identities,
//     it forms their QC before it observes anything but the commits of a vote's high commit QC.
//   - Once it has received timeouts for a round r at least its own from 2f+1 distinct identities, it
//     forms TC(r) before it observes anything but its own timeout of r or Safety's refusal of it (the
//     Bracha join comes first).
//   - Once it forms a QC or TC of a round r at least its own, it enters round r+1 before it observes
//     anything but the commits that QC makes.
//
// The counts mirror the replica's. Votes aggregate by what they sign, a QC forms once per signed
// content, and entering round R forgets the votes of rounds below R-1 (message validation admits no
// more of them). Timeouts of rounds below the replica's are ignored, and entering a round forgets
// the timeouts of the rounds below it (as in ./timeout-join.ts). A restart forgets everything.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';
import { isRefusal } from './timeout-join.js';

type Duty =
  | { readonly kind: 'qc'; readonly round: number; readonly tick: number; readonly heard: number; readonly blockId: string }
  | { readonly kind: 'tc'; readonly round: number; readonly tick: number; readonly heard: number }
  | { readonly kind: 'enter'; readonly round: number; readonly tick: number; readonly cert: 'QC' | 'TC' };

/** The votes a replica received that sign one content. */
interface VoteSlot {
  readonly round: number;
  readonly blockId: string;
  readonly senders: Set<number>;
  done: boolean;
}

interface ReplicaState {
  round: number;
  /** By H(LedgerCommitInfo): the votes received that sign it. */
  readonly votes: Map<string, VoteSlot>;
  /** By round (at least `round`): the identities whose timeouts for it the replica received. */
  readonly heard: Map<number, Set<number>>;
  duty: Duty | null;
}

/** What the duty asks for, as a sentence tail. */
function owed(d: Duty, f: number): string {
  switch (d.kind) {
    case 'qc':
      return `received ${d.heard} >= 2f+1 = ${2 * f + 1} votes for block ${d.blockId.slice(0, 8)} (round ${d.round}) ` +
        `at tick ${d.tick} but did not form their QC`;
    case 'tc':
      return `heard timeouts for round ${d.round} from ${d.heard} >= 2f+1 = ${2 * f + 1} identities at tick ${d.tick} ` +
        `but did not form TC(${d.round})`;
    case 'enter':
      return `formed a ${d.cert} of round ${d.round} at tick ${d.tick} but did not enter round ${d.round + 1}`;
  }
}

/** True when `obs` does what `d` asks. */
function discharges(d: Duty, obs: Observation): boolean {
  switch (d.kind) {
    case 'qc': return obs.type === 'qc-formed' && obs.round === d.round && obs.blockId === d.blockId;
    case 'tc': return obs.type === 'tc-formed' && obs.round === d.round;
    case 'enter': return obs.type === 'enter-round' && obs.round === d.round + 1;
  }
}

/** True when `obs` may come between a duty and the act: what the replica does first in the same step. */
function mayPrecede(d: Duty, obs: Observation): boolean {
  switch (d.kind) {
    case 'qc': return obs.type === 'commit';
    case 'tc': return (obs.type === 'timeout' && obs.round === d.round) || isRefusal(obs);
    case 'enter': return d.cert === 'QC' && obs.type === 'commit';
  }
}

export const roundAdvance: OracleDef<Observation> = {
  id: 'safety.round-advance',
  kind: 'safety',
  description: 'An honest replica forms a QC or TC as soon as it holds 2f+1 votes or timeouts for it, and enters the next round as soon as it forms one.',
  observes: ['enter-round', 'timer-fired', 'timeout-received', 'vote-received', 'timeout', 'reject', 'tc-formed', 'qc-formed',
    'vote', 'propose', 'commit'],
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
        const s = (states[replica.index] ??= { round: 0, votes: new Map(), heard: new Map(), duty: null });
        names[replica.index] = replica.name;
        const d = s.duty;
        if (d !== null) {
          if (discharges(d, obs)) s.duty = null;
          else if (mayPrecede(d, obs)) return;
          else {
            fail(s, replica.name, tick, `it observed ${obs.type}${'round' in obs ? ` (round ${obs.round})` : ''} instead`);
            return;
          }
        }
        switch (obs.type) {
          case 'enter-round':
            if (obs.via === 'start') {
              s.heard.clear();
              s.votes.clear();
            } else {
              for (const r of s.heard.keys()) if (r < obs.round) s.heard.delete(r);
              for (const [key, slot] of s.votes) if (slot.round < obs.round - 1) s.votes.delete(key);
            }
            s.round = obs.round;
            return;
          case 'vote-received': {
            let slot = s.votes.get(obs.lciHash);
            if (slot === undefined) s.votes.set(obs.lciHash, (slot = { round: obs.round, blockId: obs.blockId, senders: new Set(), done: false }));
            if (slot.done) return;
            slot.senders.add(obs.sender);
            if (slot.senders.size >= ctx.quorum) {
              s.duty = { kind: 'qc', round: obs.round, tick, heard: slot.senders.size, blockId: obs.blockId };
            }
            return;
          }
          case 'timeout-received': {
            if (obs.round < s.round) return;
            let senders = s.heard.get(obs.round);
            if (senders === undefined) s.heard.set(obs.round, (senders = new Set()));
            senders.add(obs.sender);
            if (senders.size >= ctx.quorum) s.duty = { kind: 'tc', round: obs.round, tick, heard: senders.size };
            return;
          }
          case 'qc-formed':
            for (const slot of s.votes.values()) if (slot.round === obs.round && slot.blockId === obs.blockId) slot.done = true;
            if (obs.round >= s.round) s.duty = { kind: 'enter', round: obs.round, tick, cert: 'QC' };
            return;
          case 'tc-formed':
            if (obs.round >= s.round) s.duty = { kind: 'enter', round: obs.round, tick, cert: 'TC' };
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
