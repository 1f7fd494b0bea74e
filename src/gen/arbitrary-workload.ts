// The fuzz space of a generator config's `workload` (docs/services.md): per configured workload,
// 1..clients clients and 1..count requests (a timed workload keeps the first delays), and one
// maxAmount in 1..the configured one. fast-check shrinks each toward its minimum: fewer clients,
// fewer requests, smaller amounts.
import fc from 'fast-check';
import type { Scenario, WorkloadSpec } from '../scenario/types.js';
import type { WorkloadAttachment } from './config.js';
import { workloadFields } from './workload-config.js';

/** Default of `clients.maxAmount` (src/exec/client-setup.ts). */
const DEFAULT_MAX_AMOUNT = 10;

export type WorkloadFields = Pick<Scenario, 'service' | 'clients' | 'workloads' | 'replyFaults'>;

export function workloadArbitrary(w: WorkloadAttachment | undefined): fc.Arbitrary<WorkloadFields> {
  if (w === undefined) return fc.constant({});
  const each = w.workloads.map((spec) => fc.record({
    clients: fc.integer({ min: 1, max: spec.clients }),
    count: fc.integer({ min: 1, max: spec.count }),
  }).map(({ clients, count }): WorkloadSpec => ({
    ...spec, clients, count, ...(spec.delays === undefined ? {} : { delays: spec.delays.slice(0, count) }),
  })));
  const maxAmount = fc.integer({ min: 1, max: w.clients?.maxAmount ?? DEFAULT_MAX_AMOUNT });
  return fc.tuple(fc.tuple(...each), maxAmount).map(([workloads, amount]) =>
    workloadFields({ ...w, workloads, clients: { ...w.clients, maxAmount: amount } }));
}
