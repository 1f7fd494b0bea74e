// safety.no-repeated-request (diembft-v4 §10 getTransactions, [C]): an honest leader proposes no
// request that the branch it extends already carries. Its mempool drops what it commits and skips
// what the uncommitted blocks from its high QC down to its committed tip carry, and every ancestor
// of its block is one or the other, so no request of a block it proposes is committed below it or
// repeated in it. Execution would only record the repeat as a duplicate; this oracle sees the leader
// propose it. Checked on each honest replica's committed log, for blocks whose author is an honest
// identity that has not restarted: a restarted replica's mempool starts empty and may take a
// committed request again from a client that retransmits it.
import type { OracleDef } from '../../../kernel/oracle.js';
import type { Observation } from '../protocol.js';

export const noRepeatedRequest: OracleDef<Observation> = {
  id: 'safety.no-repeated-request',
  kind: 'safety',
  description: 'An honest leader that has not restarted proposes no request already on the branch its block extends.',
  observes: ['enter-round', 'commit'],
  create(ctx) {
    /** Identities of one replica, judged until their replica restarts. */
    const judged = new Set(ctx.replicas.filter((r) => r.honest).map((r) => r.identity));
    /** By replica index: how often it started. */
    const starts: number[] = [];
    /** By replica index: the request keys of its committed log, with their heights. */
    const logs: Map<string, number>[] = [];
    let reported = false;
    return {
      observe(tick, replica, obs) {
        if (!replica.honest || reported) return;
        if (obs.type === 'enter-round') {
          if (obs.via === 'start' && (starts[replica.index] = (starts[replica.index] ?? 0) + 1) > 1) judged.delete(replica.identity);
          return;
        }
        if (obs.type !== 'commit' || obs.requests === undefined) return;
        const log = (logs[replica.index] ??= new Map());
        const blame = obs.author !== null && judged.has(obs.author);
        for (const t of obs.requests) {
          const key = `${t.client}/${t.seq}`;
          const at = log.get(key);
          if (at === undefined) {
            log.set(key, obs.height);
            continue;
          }
          if (!blame) continue;
          reported = true;
          const author = ctx.replicas.find((r) => r.identity === obs.author)!.identityName;
          ctx.report({ oracle: 'safety.no-repeated-request', round: obs.round, tick, replicas: [author],
            detail: `${author} proposed block ${obs.blockId.slice(0, 8)} (round ${obs.round}, height ${obs.height} at ` +
              `${replica.name}) with request ${key}, which ${at === obs.height ? 'the same block carries before' : `height ${at} carries`}` });
          return;
        }
      },
    };
  },
};
