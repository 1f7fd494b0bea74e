// safety.commit-info (diembft-v4 §7 commitCandidate, §14 the 2-chain commit rule): the commit
// information an honest replica signs in a vote names a state exactly when the voted block directly
// follows its QC, and then the state of that QC's block; every certificate an honest replica forms or
// accepts commits only on consecutive rounds; and the states certified for a block (as executed by
// its voters, or as committed by the QC of its child) and the state honest replicas commit it with
// all agree.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';
import { shortId } from '../../../kernel/oracle.js';
import type { QC } from '../types.js';

export const commitInfo: OracleDef<Observation> = {
  id: 'safety.commit-info',
  kind: 'safety',
  description: 'Honest votes and certificates commit only on consecutive rounds, and every state named for a block agrees with the state it is committed with.',
  observes: ['vote', 'qc-formed', 'cert-accepted', 'commit'],
  create(ctx) {
    /** By block id: the first state named for it, and by what. */
    const states = new Map<string, { state: string; source: string }>();
    let reported = false;
    const fail = (tick: number, round: number, replica: string, detail: string): void => {
      reported = true;
      ctx.report({ oracle: 'safety.commit-info', round, tick, replicas: [replica], detail });
    };
    /** Records `state` for block `id`; false (after reporting) when an earlier source named another. */
    const agree = (tick: number, round: number, replica: string, id: string, state: string, source: string): boolean => {
      const prior = states.get(id);
      if (prior === undefined) {
        states.set(id, { state, source });
        return true;
      }
      if (prior.state === state) return true;
      fail(tick, round, replica, `${source} gives block ${shortId(id)} state ${shortId(state)}, ` +
        `but ${prior.source} gives it state ${shortId(prior.state)}`);
      return false;
    };
    const judgeQc = (tick: number, replica: string, qc: QC): void => {
      const vi = qc.voteInfo;
      const commit = qc.ledgerCommitInfo.commitStateId;
      const how = `the QC of round ${vi.round} that ${replica} holds`;
      if (!agree(tick, vi.round, replica, vi.id, vi.execStateId, how)) return;
      if (commit === null) return;
      if (vi.round !== vi.parentRound + 1) {
        return fail(tick, vi.round, replica, `${how} commits block ${shortId(vi.parentId)} of round ${vi.parentRound}, ` +
          `which its block does not directly follow`);
      }
      agree(tick, vi.round, replica, vi.parentId, commit, `the commit information of ${how}`);
    };
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        const name = replica.name;
        switch (obs.type) {
          case 'vote': {
            const direct = obs.round === obs.qcRound + 1;
            if (direct !== (obs.commitStateId !== null)) {
              return fail(tick, obs.round, name, `${name} voted in round ${obs.round} on a QC of round ${obs.qcRound} ` +
                (direct ? 'without committing its block' : `committing block ${shortId(obs.parentId)}, which it does not directly follow`));
            }
            if (obs.commitStateId !== null) {
              agree(tick, obs.round, name, obs.parentId, obs.commitStateId, `${name}'s vote in round ${obs.round}`);
            }
            return;
          }
          case 'qc-formed': return judgeQc(tick, name, obs.cert as QC);
          case 'cert-accepted': if (obs.certKind === 'qc') judgeQc(tick, name, obs.cert as QC); return;
          case 'commit':
            agree(tick, obs.round, name, obs.blockId, obs.stateId, `${name}'s commit at height ${obs.height}`);
            return;
          default:
        }
      },
    };
  },
};
