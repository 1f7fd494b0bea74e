// liveness.workloads-finish (docs/services.md): after the heal (GST), every client of every workload
// accepts a result for each of its requests within the workload's timeout. A client that never
// retransmits (`flood`, `timed`) and that a drop rule names cannot recover a lost message, so it is
// spared.
import type { ObservationBase } from '../../../kernel/observation.js';
import type { OracleDef } from '../oracle.js';

export const workloadsFinish: OracleDef<ObservationBase> = {
  id: 'liveness.workloads-finish',
  kind: 'liveness',
  needsGst: true,
  description: 'After heal, every client finishes its workload within the workload\'s timeout.',
  observes: [],
  create(ctx) {
    const doneAt = new Map<string, number>();
    return {
      client(tick, obs) {
        if (obs.type === 'client-done') doneAt.set(obs.client, tick);
      },
      finish(outcome) {
        const info = ctx.clients;
        const heal = ctx.run.healTick;
        if (info === null || info === undefined || heal === null) return;
        const late: string[] = [];
        info.names.forEach((name, i) => {
          const w = info.workloads[info.workloadOf[i]!]!;
          if (w.type !== 'retransmit' && info.unreliable.includes(name)) return;
          const at = doneAt.get(name);
          if (at === undefined || at > heal + w.timeoutTicks) late.push(`${name} (${w.type}, ${w.timeoutTicks} ticks)`);
        });
        if (late.length === 0) return;
        ctx.report({ oracle: 'liveness.workloads-finish', round: ctx.run.scriptedRounds + 1, tick: outcome.tick, replicas: [],
          detail: `not finished within the workload timeout after heal (tick ${heal}): ${late.join(', ')} `
            + `(run ended: ${outcome.endReason})` });
      },
    };
  },
};
