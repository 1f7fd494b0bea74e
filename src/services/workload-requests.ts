// What a simulated client of each service sends (docs/services.md, "Workloads"): the requests of one
// client, decided up front from the run's seed so a retransmission repeats its request exactly.
import type { ClientTxn } from '../kernel/actor.js';
import { walletWorkload, type WalletWorkloadInput } from './wallet/wallet-workload.js';

export type WorkloadInput = WalletWorkloadInput;

export function workloadRequests(service: string, w: WorkloadInput): ClientTxn[] {
  if (service === 'wallet') return walletWorkload(w);
  return Array.from({ length: w.count }, (_, i) => Object.freeze({ client: w.client, seq: i + 1, op: 'noop' }));
}
