// safety.round-entry (diembft-v4 §8 advanceRoundQc / advanceRoundTc / start): an honest replica's
// round never decreases, and it enters round r only through a QC or TC of round r-1 that it formed or
// accepted before, or at its start (round 1, or the persisted round on a restart, §12).
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';

export const roundEntry: OracleDef<Observation> = {
  id: 'safety.round-entry',
  kind: 'safety',
  description: 'An honest replica\'s round never decreases, and it enters a round only on a QC or TC of the round before, or at its start.',
  observes: ['enter-round', 'qc-formed', 'tc-formed', 'cert-accepted'],
  create(ctx) {
    /** By replica index: the rounds of the QCs and of the TCs it formed or accepted. */
    const qcRounds: Set<number>[] = [];
    const tcRounds: Set<number>[] = [];
    /** By replica index: the last round it entered. */
    const last: number[] = [];
    let reported = false;
    const fail = (tick: number, round: number, replica: string, detail: string): void => {
      reported = true;
      ctx.report({ oracle: 'safety.round-entry', round, tick, replicas: [replica], detail });
    };
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        const i = replica.index;
        switch (obs.type) {
          case 'qc-formed': (qcRounds[i] ??= new Set()).add(obs.round); return;
          case 'tc-formed': (tcRounds[i] ??= new Set()).add(obs.round); return;
          case 'cert-accepted': ((obs.certKind === 'qc' ? qcRounds : tcRounds)[i] ??= new Set()).add(obs.round); return;
          case 'enter-round': break;
          default: return;
        }
        const name = replica.name;
        const r = obs.round;
        const before = last[i] ?? 0;
        last[i] = r;
        // A restart resumes the persisted round, so `start` may repeat the round it was in.
        if (r < before || (r === before && obs.via !== 'start')) {
          return fail(tick, r, name, `${name} entered round ${r} (via ${obs.via}) after round ${before}`);
        }
        if (obs.via === 'start') return;
        const seen = (obs.via === 'qc' ? qcRounds : tcRounds)[i];
        if (seen?.has(r - 1) !== true) {
          fail(tick, r, name, `${name} entered round ${r} via ${obs.via} without a ${obs.via.toUpperCase()} of round ${r - 1}`);
        }
      },
    };
  },
};
