// The Twins fault policy for client traffic (docs/services.md, "Client traffic and faults"). Clients
// stand outside the replicas' partitions: a partition never cuts a client off. A scripted round's
// drop rule of kind `request` (from a client to a replica) or `reply` (from a replica to a client)
// drops those messages while the replica end is in that round. After the heal nothing is dropped.
import { DELIVER, dropFate, type Fate } from '../kernel/fate.js';
import type { ClientFaultPolicy } from './client-host.js';

const DROP_RULE = dropFate('drop-rule');

/** One directed client drop of a scripted round (1-based), by replica and client index. */
export interface ClientDrop {
  readonly round: number;
  readonly kind: 'request' | 'reply';
  readonly replica: number;
  readonly client: number;
}

export class ClientDropPolicy implements ClientFaultPolicy {
  private healed = false;
  private readonly keys = new Set<string>();

  constructor(drops: readonly ClientDrop[]) {
    for (const d of drops) this.keys.add(key(d.kind, d.replica, d.client, d.round));
  }

  heal(): void {
    this.healed = true;
  }

  fate(kind: 'request' | 'reply', replica: number, client: number, round: number): Fate<never> {
    if (this.healed || this.keys.size === 0) return DELIVER;
    return this.keys.has(key(kind, replica, client, round)) ? DROP_RULE : DELIVER;
  }
}

function key(kind: string, replica: number, client: number, round: number): string {
  return `${kind}/${replica}/${client}/${round}`;
}
