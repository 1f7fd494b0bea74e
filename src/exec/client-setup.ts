// Compiles a scenario's service, clients, workloads and reply faults into what the world and the
// service oracles need (docs/services.md). A scenario without workloads has no clients.
import { cryptoFor } from '../kernel/crypto.js';
import type { ClientRunInfo } from '../kernel/oracle.js';
import type { Service } from '../kernel/service.js';
import { workloadRequests } from '../services/workload-requests.js';
import { SimClient } from '../sim/client-actor.js';
import type { WorldClients } from '../sim/client-host.js';
import { ClientDropPolicy, type ClientDrop } from '../sim/client-policy.js';
import { stream } from '../sim/rng.js';
import { CLIENT_KINDS, clientNamesOf, type ReplyFault, type Scenario, type WorkloadSpec } from '../scenario/types.js';
import type { ExecOptions } from './exec-options.js';

/** Defaults of a scenario's `clients` settings. */
export const DEFAULT_RETRANSMIT_TICKS = 40;
export const DEFAULT_MAX_AMOUNT = 10;

export interface ClientRun {
  readonly world: WorldClients;
  readonly policy: ClientDropPolicy;
  readonly info: ClientRunInfo;
}

/** The service, clients and workloads a run uses (an executor case's own fields over the scenario's). */
export interface ServiceSetup {
  readonly service: string;
  readonly workloads: readonly WorkloadSpec[];
  readonly retransmitTicks: number;
  readonly maxAmount: number;
}

export function serviceSetupOf(s: Scenario, opts: ExecOptions): ServiceSetup {
  const clients = opts.clients ?? s.clients;
  return {
    service: opts.service ?? s.service ?? 'noop',
    workloads: opts.workloads ?? s.workloads ?? [],
    retransmitTicks: clients?.retransmitTicks ?? DEFAULT_RETRANSMIT_TICKS,
    maxAmount: clients?.maxAmount ?? DEFAULT_MAX_AMOUNT,
  };
}

/**
 * The run's clients, or null when it has none. `running` is the service the replicas run (with any
 * injected service bug); `accept` the matching replies a client needs (f+1, or less under a bug).
 */
export function compileClients(s: Scenario, setup: ServiceSetup, replicaNames: readonly string[],
  opts: ExecOptions, running: Service, accept: number): ClientRun | null {
  if (setup.workloads.length === 0) return null;
  const names = clientNamesOf({ workloads: setup.workloads });
  const workloadOf = setup.workloads.flatMap((w, k) => new Array<number>(w.clients).fill(k));
  const crypto = cryptoFor(opts.crypto, opts.seed);
  const actors = names.map((name, i) => {
    const spec = setup.workloads[workloadOf[i]!]!;
    const requests = workloadRequests(setup.service, { seed: opts.seed, client: name, clients: names,
      count: spec.count, maxAmount: setup.maxAmount, draw: stream(opts.seed, `client/${name}`) });
    return new SimClient({ name, workload: workloadOf[i]!, spec, requests, accept, retransmitTicks: setup.retransmitTicks,
      crypto });
  });
  const replyFaults = replicaNames.map((r) => (s.replyFaults?.[r] ?? null) as ReplyFault | null);
  const policy = new ClientDropPolicy(clientDrops(s, replicaNames, names));
  return {
    world: { actors, faults: policy, replyFaults, crypto },
    policy,
    info: { service: setup.service, running, names, workloadOf, workloads: setup.workloads,
      unreliable: unreliableClients(s, names) },
  };
}

/** The scenario's drop rules of the client kinds, by index. */
function clientDrops(s: Scenario, replicaNames: readonly string[], clientNames: readonly string[]): ClientDrop[] {
  const out: ClientDrop[] = [];
  s.rounds.forEach((r, i) => {
    for (const d of r.drops ?? []) {
      if (d.type !== 'request' && d.type !== 'reply') continue;
      const [client, replica] = d.type === 'request' ? [d.from, d.to] : [d.to, d.from];
      out.push({ round: i + 1, kind: d.type, replica: replicaNames.indexOf(replica), client: clientNames.indexOf(client) });
    }
  });
  return out;
}

/** Clients some drop rule names: a client that never retransmits may never finish, so liveness spares it. */
function unreliableClients(s: Scenario, clientNames: readonly string[]): readonly string[] {
  const named = new Set<string>();
  for (const r of s.rounds) {
    for (const d of r.drops ?? []) {
      if ((CLIENT_KINDS as readonly string[]).includes(d.type)) named.add(d.type === 'request' ? d.from : d.to);
    }
  }
  return clientNames.filter((n) => named.has(n));
}
