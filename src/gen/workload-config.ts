// The generator config's `workload` (docs/services.md): the rules its schema cannot state, and the
// scenario fields it attaches. `twins gen` attaches it as written; `twins fuzz` draws from it
// (./arbitrary-workload.ts).
import { UserError } from '../scenario/errors.js';
import { checkServiceFields } from '../scenario/client-rules.js';
import type { Scenario } from '../scenario/types.js';
import type { WorkloadAttachment } from './config.js';

/** Checks an attachment at `base` (`$.workload`, or `$.search.workload`). */
export function checkWorkloadAttachment(w: WorkloadAttachment, file: string | null, replicas: readonly string[],
  base = '$.workload'): void {
  checkServiceFields(w, file ?? '<config>', base);
  for (const name of Object.keys(w.replyFaults ?? {})) {
    if (!replicas.includes(name)) {
      throw new UserError(file, `${base}.replyFaults.${name}`, `unknown replica '${name}'; replicas: ${replicas.join(', ')}`);
    }
  }
}

/** The scenario fields of an attachment, keys in output order. */
export function workloadFields(w: WorkloadAttachment | undefined): Pick<Scenario, 'service' | 'clients' | 'workloads' | 'replyFaults'> {
  if (w === undefined) return {};
  return {
    service: w.service,
    ...(w.clients === undefined ? {} : { clients: w.clients }),
    workloads: w.workloads,
    ...(w.replyFaults === undefined ? {} : { replyFaults: w.replyFaults }),
  };
}
