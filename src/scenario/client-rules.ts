// The rules of a scenario's service, workloads, reply faults and client drop rules that a JSON Schema
// cannot state (docs/services.md): a known service, a `timed` workload with one delay per request and
// no delays elsewhere, reply faults on existing replicas, and client drops between a client and a
// replica.
import { UserError } from './errors.js';
import { childPath } from './json-path.js';
import { clientNamesOf, CLIENT_KINDS, type Drop, type Scenario, type WorkloadSpec } from './types.js';
import { SERVICE_NAMES } from '../services/registry.js';

export function isClientKind(kind: string): boolean {
  return (CLIENT_KINDS as readonly string[]).includes(kind);
}

/** The service, workloads and reply faults of `s` (or of an executor case, with `base` its path). */
export function checkServiceFields(v: Pick<Scenario, 'service' | 'workloads'>, file: string, base: string): void {
  if (v.service !== undefined && !SERVICE_NAMES.includes(v.service)) {
    throw new UserError(file, childPath(base, 'service'), `unknown service '${v.service}'; known: ${SERVICE_NAMES.join(', ')}`);
  }
  v.workloads?.forEach((w, i) => checkWorkload(w, file, childPath(base, 'workloads', i)));
}

function checkWorkload(w: WorkloadSpec, file: string, path: string): void {
  if (w.type === 'timed' && w.delays?.length !== w.count) {
    throw new UserError(file, childPath(path, 'delays'),
      `a timed workload needs one delay per request: count is ${w.count}, delays has ${w.delays?.length ?? 'none'}`);
  }
  if (w.type !== 'timed' && w.delays !== undefined) {
    throw new UserError(file, childPath(path, 'delays'), `only a timed workload has delays; this one is '${w.type}'`);
  }
}

export function checkReplyFaults(s: Scenario, file: string, base: string, replicas: ReadonlySet<string>): void {
  for (const name of Object.keys(s.replyFaults ?? {})) {
    if (!replicas.has(name)) {
      throw new UserError(file, childPath(base, 'replyFaults', name), `unknown replica '${name}'; replicas: ${[...replicas].join(', ')}`);
    }
  }
}

/** A drop of kind `request` goes from a client to a replica; one of kind `reply` the other way. */
export function checkClientDrop(s: Scenario, d: Drop, file: string, path: string, replicas: ReadonlySet<string>): void {
  const clients = clientNamesOf(s);
  const [client, replica, clientField, replicaField] = d.type === 'request'
    ? [d.from, d.to, 'from', 'to'] : [d.to, d.from, 'to', 'from'];
  if (!clients.includes(client)) {
    const known = clients.length === 0 ? 'the scenario has no workloads, so no clients' : `clients: ${clients.join(', ')}`;
    throw new UserError(file, childPath(path, clientField), `a ${d.type} drop names a client here; '${client}' is not one (${known})`);
  }
  if (!replicas.has(replica)) {
    throw new UserError(file, childPath(path, replicaField), `unknown replica '${replica}'; replicas: ${[...replicas].join(', ')}`);
  }
}
