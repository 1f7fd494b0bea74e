// safety.timeout-high-qc (diembft-v4 §16.3 O5): every timeout an honest identity signs reports a
// high QC at least as high as the QC of every block it voted for before.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';

export const timeoutHighQc: OracleDef<Observation> = {
  id: 'safety.timeout-high-qc',
  kind: 'safety',
  description: 'An honest timeout never reports a high QC below one its signer voted on.',
  observes: ['vote', 'timeout'],
  create(ctx) {
    /** By identity: the highest QC round of a block it voted for. */
    const highestVotedQc: number[] = new Array<number>(ctx.n).fill(0);
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        if (obs.type === 'vote') {
          highestVotedQc[replica.identity] = Math.max(highestVotedQc[replica.identity]!, obs.qcRound);
        } else if (obs.type === 'timeout') {
          const voted = highestVotedQc[replica.identity]!;
          if (obs.highQcRound >= voted) return;
          reported = true;
          ctx.report({
            oracle: 'safety.timeout-high-qc', round: obs.round, tick, replicas: [replica.name],
            detail: `${replica.name} timed out round ${obs.round} reporting high QC round ${obs.highQcRound} < ` +
              `QC round ${voted} of a block it voted for`,
          });
        }
      },
    };
  },
};
