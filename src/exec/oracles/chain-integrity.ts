// safety.chain-integrity (diembft-v4 §14 I1, I4; §16.3 S2): each honest replica commits heights
// 1, 2, 3, ... in order, each block's parent is the previous tip, equal heights carry equal
// execution states across honest replicas, and no honest replica raises a local safety alarm.
import type { GenericObservation } from '../../kernel/observation.js';
import type { OracleDef } from './oracle.js';
import { shortId } from './oracle.js';

export const chainIntegrity: OracleDef<GenericObservation> = {
  id: 'safety.chain-integrity',
  kind: 'safety',
  description: 'Honest chains grow one block at a time from the previous tip, with agreeing execution states.',
  observes: ['alarm', 'commit'],
  create(ctx) {
    /** By replica index: its last committed height and block. */
    const tips = ctx.replicas.map(() => ({ height: 0, blockId: null as string | null }));
    /** By height: the first honest execution state there. */
    const stateAt: (string | undefined)[] = [];
    let reported = false;
    const fail = (tick: number, round: number, replicas: string[], detail: string): void => {
      if (reported) return;
      reported = true;
      ctx.report({ oracle: 'safety.chain-integrity', round, tick, replicas, detail });
    };
    return {
      observe(tick, replica, obs) {
        if (!replica.honest) return;
        if (obs.type === 'alarm') {
          fail(tick, 0, [replica.name], `${replica.name} raised a safety alarm: ${obs.detail}`);
          return;
        }
        if (obs.type !== 'commit') return;
        const tip = tips[replica.index]!;
        if (obs.height !== tip.height + 1) {
          fail(tick, obs.round, [replica.name], `${replica.name} committed height ${obs.height} after height ${tip.height}`);
        } else if (tip.blockId !== null && obs.parentId !== tip.blockId) {
          fail(tick, obs.round, [replica.name], `${replica.name} committed ${shortId(obs.blockId)} whose parent ` +
            `${shortId(obs.parentId)} is not its tip ${shortId(tip.blockId)}`);
        }
        tip.height = obs.height;
        tip.blockId = obs.blockId;
        const state = stateAt[obs.height];
        if (state === undefined) stateAt[obs.height] = obs.stateId;
        else if (state !== obs.stateId) {
          fail(tick, obs.round, [replica.name], `execution state at height ${obs.height} differs: ` +
            `${shortId(state)} elsewhere, ${shortId(obs.stateId)} at ${replica.name}`);
        }
      },
    };
  },
};
