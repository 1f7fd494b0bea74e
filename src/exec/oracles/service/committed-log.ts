// The committed log as the service oracles see it: per height, the requests of the entry honest
// replicas committed there and what execution recorded for each (the first honest commit at a height
// stands for all; safety.agreement judges whether they agree). And a run of a service over it.
import type { ClientTxn } from '../../../kernel/actor.js';
import type { CommitObservation } from '../../../kernel/observation.js';
import type { Service } from '../../../kernel/service.js';

export interface LogEntry {
  readonly height: number;
  readonly requests: readonly ClientTxn[];
  readonly results: readonly string[];
}

export class CommittedLog {
  /** entries[h - 1]: the entry at height h, or undefined while no honest replica committed it. */
  readonly entries: (LogEntry | undefined)[] = [];

  add(obs: CommitObservation): void {
    if (obs.requests === undefined || this.entries[obs.height - 1] !== undefined) return;
    this.entries[obs.height - 1] = { height: obs.height, requests: obs.requests, results: obs.results ?? [] };
  }

  /** The entries from height 1 up to the first gap. */
  prefix(): LogEntry[] {
    const out: LogEntry[] = [];
    for (const e of this.entries) {
      if (e === undefined) break;
      out.push(e);
    }
    return out;
  }
}

export function requestKey(t: { readonly client: string; readonly seq: number }): string {
  return `${t.client}/${t.seq}`;
}

/** One step of a service run over the log: the request, its height, and the states around it. */
export interface LogStep {
  readonly height: number;
  readonly request: ClientTxn;
  readonly before: unknown;
  readonly after: unknown;
  readonly reply: string;
}

/**
 * Runs `service` from its initial state over the log's requests in order, skipping (as replicas do)
 * a request whose key ran earlier in the log. Calls `step` per request run and `entryDone` with the
 * state after each entry.
 */
export function runOverLog(service: Service, log: readonly LogEntry[], step: (s: LogStep) => void,
  entryDone: (height: number, state: unknown) => void): void {
  let state = service.initial();
  const ran = new Set<string>();
  for (const e of log) {
    for (const request of e.requests) {
      const key = requestKey(request);
      if (ran.has(key)) continue;
      ran.add(key);
      const r = service.apply(state, request);
      step({ height: e.height, request, before: state, after: r.state, reply: r.reply });
      state = r.state;
    }
    entryDone(e.height, state);
  }
}
