// safety.service-linearizable (docs/services.md): every result a client accepted is the result of its
// request in a fresh, correct copy of the service run over the committed log in order, at a height
// where the log carries the request, with the state digest the copy has after that height.
import type { ClientObservation } from '../../../kernel/client.js';
import type { CommitObservation } from '../../../kernel/observation.js';
import { serviceNamed } from '../../../services/registry.js';
import type { OracleDef } from '../oracle.js';
import { CommittedLog, requestKey, runOverLog } from './committed-log.js';

type Accept = ClientObservation & { type: 'client-accept' };

export const serviceLinearizable: OracleDef<CommitObservation> = {
  id: 'safety.service-linearizable',
  kind: 'safety',
  description: 'Every accepted result equals a fresh correct copy of the service run over the committed log in order.',
  observes: ['commit'],
  create(ctx) {
    const log = new CommittedLog();
    const accepted: { tick: number; obs: Accept }[] = [];
    return {
      observe(_tick, replica, obs) {
        if (replica.honest) log.add(obs);
      },
      client(tick, obs) {
        if (obs.type === 'client-accept') accepted.push({ tick, obs });
      },
      finish() {
        const info = ctx.clients;
        if (info === null || info === undefined || accepted.length === 0) return;
        const entries = log.prefix();
        const reference = serviceNamed(info.service);
        const digestAt = new Map<number, string>();
        const result = new Map<string, string>();
        const heightsOf = new Map<string, number[]>();
        for (const e of entries) {
          for (const t of e.requests) heightsOf.set(requestKey(t), [...(heightsOf.get(requestKey(t)) ?? []), e.height]);
        }
        runOverLog(reference, entries, (s) => result.set(requestKey(s.request), s.reply),
          (h, state) => digestAt.set(h, reference.digest(state)));
        for (const { tick, obs } of accepted) {
          const key = `${obs.client}/${obs.seq}`;
          const wrong = misfit(obs, result.get(key), heightsOf.get(key) ?? [], digestAt.get(obs.height));
          if (wrong === null) continue;
          const vouched = obs.signers.map((id) => ctx.replicas.find((r) => r.identity === id)?.identityName ?? String(id));
          ctx.report({ oracle: 'safety.service-linearizable', round: 0, tick, replicas: vouched,
            detail: `client ${obs.client} accepted '${obs.result}' for request ${obs.seq} at height ${obs.height}, but ${wrong}` });
        }
      },
    };
  },
};

function misfit(a: Accept, expected: string | undefined, heights: readonly number[], digest: string | undefined): string | null {
  if (expected === undefined) return 'the committed log never ran that request';
  if (expected !== a.result) return `the committed log gives '${expected}'`;
  if (!heights.includes(a.height)) return `the log carries it at height ${heights.join(', ')}`;
  if (digest !== a.stateDigest) return `the state digest there is ${digest?.slice(0, 8)}, not ${a.stateDigest.slice(0, 8)}`;
  return null;
}
