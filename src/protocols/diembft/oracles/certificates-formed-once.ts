// safety.certificates-formed-once (diembft-v4 §6 processVote, §8 processRemoteTimeout): an honest
// replica forms at most one QC and at most one TC per round. A vote slot fires once, and honest
// voters of a round sign identical commit information for the one block they vote for (twins with
// equal markers sign identical bytes), so no second QC of a round can gather a quorum at one replica;
// a TC forms once per round, and the replica then leaves the round. A restart starts afresh: the
// replica's vote slots and timeout counts are not persisted, so it may form a certificate again.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';

export const certificatesFormedOnce: OracleDef<Observation> = {
  id: 'safety.certificates-formed-once',
  kind: 'safety',
  description: 'An honest replica forms at most one QC and at most one TC per round (between restarts).',
  observes: ['enter-round', 'qc-formed', 'tc-formed'],
  create(ctx) {
    /** By replica index: the rounds of the QCs and of the TCs it formed since its start. */
    const formed: { readonly qc: Set<number>; readonly tc: Set<number> }[] = [];
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        const f = (formed[replica.index] ??= { qc: new Set(), tc: new Set() });
        if (obs.type === 'enter-round') {
          if (obs.via === 'start') {
            f.qc.clear();
            f.tc.clear();
          }
          return;
        }
        if (obs.type !== 'qc-formed' && obs.type !== 'tc-formed') return;
        const rounds = obs.type === 'qc-formed' ? f.qc : f.tc;
        if (!rounds.has(obs.round)) {
          rounds.add(obs.round);
          return;
        }
        reported = true;
        const what = obs.type === 'qc-formed' ? 'QC' : 'TC';
        ctx.report({ oracle: 'safety.certificates-formed-once', round: obs.round, tick, replicas: [replica.name],
          detail: `${replica.name} formed a second ${what} of round ${obs.round}` +
            `${obs.type === 'qc-formed' ? ` (for block ${obs.blockId.slice(0, 8)})` : ''}` });
      },
    };
  },
};
