// safety.one-proposal-per-round (diembft-v4 §4 tryPropose, once per round): an honest leader proposes
// at most one block per round, only in the round it is in, and only with a justification for it: a
// QC of the round before, or a TC of the round before that it sends along.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';
import { shortId } from '../../../kernel/oracle.js';

export const oneProposalPerRound: OracleDef<Observation> = {
  id: 'safety.one-proposal-per-round',
  kind: 'safety',
  description: 'An honest leader proposes at most one block per round, in its current round, on a QC or TC of the round before.',
  observes: ['enter-round', 'propose'],
  create(ctx) {
    /** By identity, then by round: the block it proposed. */
    const proposed: (string | undefined)[][] = [];
    /** By replica index: the round it is in. */
    const current: number[] = [];
    let reported = false;
    const fail = (tick: number, round: number, replica: string, detail: string): void => {
      reported = true;
      ctx.report({ oracle: 'safety.one-proposal-per-round', round, tick, replicas: [replica], detail });
    };
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        if (obs.type === 'enter-round') {
          current[replica.index] = obs.round;
          return;
        }
        if (obs.type !== 'propose') return;
        const name = replica.name;
        const r = obs.round;
        const prior = (proposed[replica.identity] ??= [])[r];
        if (prior !== undefined && prior !== obs.blockId) {
          return fail(tick, r, name, `${name} proposed two blocks in round ${r}: ${shortId(prior)} and ${shortId(obs.blockId)}`);
        }
        proposed[replica.identity]![r] = obs.blockId;
        const now = current[replica.index] ?? 0;
        if (r !== now) return fail(tick, r, name, `${name} proposed for round ${r} while in round ${now}`);
        if (obs.qcRound + 1 !== r && (obs.tcRound === null || obs.tcRound + 1 !== r)) {
          fail(tick, r, name, `${name} proposed for round ${r} on QC round ${obs.qcRound} and TC round ` +
            `${obs.tcRound ?? 'none'}: neither is round ${r - 1}`);
        }
      },
    };
  },
};
