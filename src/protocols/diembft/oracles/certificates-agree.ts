// safety.certificates-agree (diembft-v4 §3, §7): the QCs honest replicas form or accept agree with
// each other: one certified block per round, whoever formed the certificate. Unlike
// safety.property-1, which reads the QCs formed and the votes, it reads every QC an honest replica
// accepts from a message too, so a conflicting certificate is seen where it is used.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';
import { shortId } from '../../../kernel/oracle.js';

export const certificatesAgree: OracleDef<Observation> = {
  id: 'safety.certificates-agree',
  kind: 'safety',
  description: 'The QCs honest replicas form or accept certify one block per round.',
  observes: ['qc-formed', 'cert-accepted'],
  create(ctx) {
    /** By round: the block of the first QC an honest replica held for it, and that replica. */
    const certified: ({ blockId: string; replica: string } | undefined)[] = [];
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        let blockId: string;
        if (obs.type === 'qc-formed') blockId = obs.blockId;
        else if (obs.type === 'cert-accepted' && obs.certKind === 'qc') blockId = (obs.cert as { voteInfo: { id: string } }).voteInfo.id;
        else return;
        const prior = certified[obs.round];
        if (prior === undefined) {
          certified[obs.round] = { blockId, replica: replica.name };
          return;
        }
        if (prior.blockId === blockId) return;
        reported = true;
        ctx.report({
          oracle: 'safety.certificates-agree', round: obs.round, tick, replicas: [prior.replica, replica.name],
          detail: `${prior.replica} holds a QC of round ${obs.round} for block ${shortId(prior.blockId)}, ` +
            `but ${replica.name} holds one for block ${shortId(blockId)}`,
        });
      },
    };
  },
};
