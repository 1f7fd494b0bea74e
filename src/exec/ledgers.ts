// Each replica's committed log, as its commits reported it (for per-replica ledgers on disk and for
// tests): one entry per height with the round, block id, requests and what execution recorded for
// each. Collected from the generic `commit` observations, so it works for every protocol that
// reports its requests and results.
import type { ClientTxn } from '../kernel/actor.js';
import type { CommitObservation } from '../kernel/observation.js';

export interface LedgerEntry {
  readonly height: number;
  readonly round: number;
  readonly blockId: string;
  readonly requests: readonly ClientTxn[];
  readonly results: readonly string[];
  /** The service's state digest after the entry. */
  readonly serviceDigest: string | null;
}

export interface ReplicaLedger {
  readonly replica: string;
  readonly entries: readonly LedgerEntry[];
}

/** The ledger entry a `commit` observation reports. */
export function ledgerEntryOf(obs: CommitObservation): LedgerEntry {
  return { height: obs.height, round: obs.round, blockId: obs.blockId, requests: obs.requests ?? [],
    results: obs.results ?? [], serviceDigest: obs.serviceDigest ?? null };
}

/**
 * One entry as one line of a ledger file, the same for `--ledgers` (src/cli/ledger-files.ts) and a
 * network node's `ledger.jsonl` (src/net/node-files.ts), so any two ledger files can be diffed.
 */
export function ledgerLine(e: LedgerEntry): string {
  return JSON.stringify({ height: e.height, round: e.round, blockId: e.blockId, requests: e.requests,
    results: e.results, serviceDigest: e.serviceDigest }) + '\n';
}

export class LedgerCollector {
  private readonly entries: LedgerEntry[][];

  constructor(private readonly names: readonly string[]) {
    this.entries = names.map(() => []);
  }

  commit(replica: number, obs: CommitObservation): void {
    this.entries[replica]!.push(ledgerEntryOf(obs));
  }

  /** Every replica's committed entries, in replica order, each in commit order. */
  ledgers(): ReplicaLedger[] {
    return this.names.map((replica, i) => ({ replica, entries: this.entries[i]! }));
  }
}
