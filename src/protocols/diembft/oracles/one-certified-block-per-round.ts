// safety.property-1 (DiemBFT v4 paper, Property 1): if a block is certified in a round, no other
// block gathers f+1 honest votes in that round; hence at most one block is certified per round.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';
import { shortId } from '../../../kernel/oracle.js';

export const oneCertifiedBlockPerRound: OracleDef<Observation> = {
  id: 'safety.property-1',
  kind: 'safety',
  description: 'At most one block is certified per round, and no other block gets f+1 honest votes in it.',
  observes: ['qc-formed', 'vote'],
  create(ctx) {
    /** By round: the first block certified in it, and the replica that formed that QC. */
    const certified: ({ blockId: string; replica: string } | undefined)[] = [];
    /** By round: block id -> honest identities that voted for it. */
    const honestVotes: (Map<string, Set<number>> | undefined)[] = [];
    let reported = false;
    const fail = (tick: number, round: number, replicas: string[], detail: string): void => {
      reported = true;
      ctx.report({ oracle: 'safety.property-1', round, tick, replicas, detail });
    };
    return {
      observe(tick, replica, obs) {
        if (reported) return;
        if (obs.type === 'qc-formed') {
          const prior = certified[obs.round];
          if (prior === undefined) {
            certified[obs.round] = { blockId: obs.blockId, replica: replica.name };
            for (const [id, voters] of honestVotes[obs.round] ?? []) {
              if (id !== obs.blockId && voters.size >= ctx.f + 1) {
                fail(tick, obs.round, [replica.name], `block ${shortId(obs.blockId)} was certified in round ` +
                  `${obs.round} while block ${shortId(id)} has ${voters.size} honest votes (f+1 = ${ctx.f + 1})`);
                return;
              }
            }
          } else if (prior.blockId !== obs.blockId) {
            fail(tick, obs.round, [prior.replica, replica.name], `two blocks certified in round ${obs.round}: ` +
              `${shortId(prior.blockId)} by ${prior.replica} and ${shortId(obs.blockId)} by ${replica.name}`);
          }
          return;
        }
        if (obs.type !== 'vote' || !replica.honest) return;
        let ofRound = honestVotes[obs.round];
        if (ofRound === undefined) honestVotes[obs.round] = ofRound = new Map();
        let voters = ofRound.get(obs.blockId);
        if (voters === undefined) ofRound.set(obs.blockId, (voters = new Set()));
        voters.add(replica.identity);
        const cert = certified[obs.round];
        if (cert !== undefined && cert.blockId !== obs.blockId && voters.size === ctx.f + 1) {
          fail(tick, obs.round, [replica.name], `block ${shortId(obs.blockId)} reached f+1 = ${ctx.f + 1} honest votes ` +
            `in round ${obs.round} although block ${shortId(cert.blockId)} is certified in that round`);
        }
      },
    };
  },
};
