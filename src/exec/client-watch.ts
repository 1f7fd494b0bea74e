// A run's clients as the executor sees them (docs/services.md): the service the replicas run (with
// any injected service bug), the clients handed to the world, which clients have finished their
// workloads, and the client fault policy, healed with the rest of the network.
import type { ClientObservation } from '../kernel/client.js';
import type { ClientRunInfo } from '../kernel/oracle.js';
import type { Service } from '../kernel/service.js';
import { isServiceBug } from '../services/bugs.js';
import { runningService } from '../services/registry.js';
import type { WorldClients } from '../sim/client-host.js';
import type { Scenario } from '../scenario/types.js';
import { compileClients, serviceSetupOf, type ClientRun } from './client-setup.js';
import type { ExecOptions } from './exec-options.js';

export class ClientWatch {
  readonly running: Service;
  readonly info: ClientRunInfo | null;
  /** The run's bugs that the protocol knows (service-layer bugs removed). */
  readonly protocolBugs: readonly string[];
  private readonly run: ClientRun | null;
  private pending: number;

  constructor(s: Scenario, opts: ExecOptions, replicaNames: readonly string[], f: number) {
    const setup = serviceSetupOf(s, opts);
    this.running = runningService(setup.service, opts.bugs);
    this.protocolBugs = opts.bugs.some(isServiceBug) ? opts.bugs.filter((b) => !isServiceBug(b)) : opts.bugs;
    const accept = opts.bugs.includes('client_accepts_f') ? Math.max(1, f) : f + 1;
    this.run = compileClients(s, setup, replicaNames, opts, this.running, accept);
    this.info = this.run?.info ?? null;
    this.pending = this.info?.names.length ?? 0;
  }

  /** The world's `clients` option, or nothing. */
  worldOptions(): { clients?: WorldClients } {
    return this.run === null ? {} : { clients: this.run.world };
  }

  /** Follows a client observation; true when it was the last client to finish. */
  observe(obs: ClientObservation): boolean {
    if (obs.type !== 'client-done') return false;
    this.pending--;
    return this.pending === 0;
  }

  /** True when every client has finished (or there are none). */
  done(): boolean {
    return this.pending <= 0;
  }

  heal(): void {
    this.run?.policy.heal();
  }

  /** The largest workload timeout: the run lasts at least this long after the heal. */
  longestTimeout(): number {
    return Math.max(0, ...(this.info?.workloads ?? []).map((w) => w.timeoutTicks));
  }
}
