// safety.property-2 (DiemBFT v4 paper, Property 2 with Definition 1): globally direct-committed
// blocks form one chain. Block B is globally direct-committed when f+1 honest identities vote, in
// round B.round+1, for a block whose QC certifies B. Blocks are known from proposals and from honest
// votes (which name the voted block's parent).
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';
import { shortId } from '../../../kernel/oracle.js';

interface BlockInfo {
  readonly parentId: string;
  readonly round: number;
  /** The parent's record once it is known: a walk down the chain follows it instead of a Map probe per step. */
  parent: BlockInfo | undefined;
}

export const directCommitsOneChain: OracleDef<Observation> = {
  id: 'safety.property-2',
  kind: 'safety',
  description: 'Any two globally direct-committed blocks lie on one chain.',
  observes: ['propose', 'vote'],
  create(ctx) {
    const blocks = new Map<string, BlockInfo>();
    const votes = new Map<string, Set<number>>();
    const committed: string[] = [];
    let reported = false;
    /** Records are never replaced, so a parent found once stays found; one not yet proposed is looked up again. */
    const parentOf = (info: BlockInfo): BlockInfo | undefined => (info.parent ??= blocks.get(info.parentId));
    /** Walks down from `descendant` through known blocks, no lower than `ancestor`'s round when that is known. */
    const extendsFrom = (descendant: string, ancestor: string): boolean => {
      if (descendant === ancestor) return true;
      const target = blocks.get(ancestor);
      let info = blocks.get(descendant);
      while (info !== undefined && (target === undefined || info.round > target.round)) {
        if (info.parentId === ancestor) return true;
        info = parentOf(info);
      }
      return false;
    };
    return {
      observe(tick, replica, obs) {
        if (reported) return;
        if (obs.type === 'propose') {
          if (!blocks.has(obs.blockId)) blocks.set(obs.blockId, { parentId: obs.parentId, round: obs.round, parent: undefined });
          return;
        }
        if (obs.type !== 'vote') return;
        // A vote names its block's parent and round: a block only a Byzantine sender's mutation made (never
        // observed as proposed) becomes known through the honest votes for it.
        if (replica.honest && !blocks.has(obs.blockId)) blocks.set(obs.blockId, { parentId: obs.parentId, round: obs.round, parent: undefined });
        if (!replica.honest || obs.parentRound + 1 !== obs.round) return;
        let voters = votes.get(obs.blockId);
        if (voters === undefined) votes.set(obs.blockId, (voters = new Set()));
        if (voters.has(replica.identity)) return;
        voters.add(replica.identity);
        const parent = blocks.get(obs.blockId)?.parentId;
        if (voters.size !== ctx.f + 1 || parent === undefined) return;
        for (const other of committed) {
          if (other === parent || extendsFrom(parent, other) || extendsFrom(other, parent)) continue;
          reported = true;
          ctx.report({
            oracle: 'safety.property-2', round: obs.round - 1, tick, replicas: [replica.name],
            detail: `blocks ${shortId(other)} and ${shortId(parent)} are both globally direct-committed ` +
              `(f+1 honest votes on a consecutive child) but neither extends the other`,
          });
          return;
        }
        committed.push(parent);
      },
    };
  },
};
