// A node's files in its data folder (docs/network.md): `store.json`, the replica's Store, rewritten
// atomically (write, fsync, rename) before any output of the step that changed it leaves the node,
// so a restarted node never votes twice; `ledger.jsonl`, one line per committed entry; and
// `events.jsonl`, one JSON line per event.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { emptyStore, type Store } from '../kernel/store.js';
import { ledgerLine, type LedgerEntry } from '../exec/ledgers.js';


export class NodeFiles {
  readonly storeFile: string;
  readonly ledgerFile: string;
  readonly eventFile: string;
  private lastStore = '';
  private readonly ledgerFd: number;
  private readonly eventFd: number;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.storeFile = join(dir, 'store.json');
    this.ledgerFile = join(dir, 'ledger.jsonl');
    this.eventFile = join(dir, 'events.jsonl');
    this.ledgerFd = openSync(this.ledgerFile, 'a');
    this.eventFd = openSync(this.eventFile, 'a');
  }

  /** The persisted Store, or an empty one on first start. */
  loadStore(): Store {
    if (!existsSync(this.storeFile)) return emptyStore();
    const text = readFileSync(this.storeFile, 'utf8');
    this.lastStore = text;
    return { data: new Map(JSON.parse(text, revive) as [string, unknown][]) };
  }

  /**
   * Writes `store` when it differs from what is on disk (write, rename). With `durable` (a node's
   * default) the file is fsynced first and survives a machine crash; without it, it survives the
   * process being killed, which is all a network Twins replica needs.
   */
  saveStore(store: Store, durable = true): void {
    const text = JSON.stringify([...store.data], replace);
    if (text === this.lastStore) return;
    const tmp = `${this.storeFile}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, text);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.storeFile);
    this.lastStore = text;
  }

  /** The committed heights already in the ledger file. */
  ledgerHeights(): Set<number> {
    const heights = new Set<number>();
    for (const line of readLines(this.ledgerFile)) heights.add((JSON.parse(line) as LedgerEntry).height);
    return heights;
  }

  appendLedger(entry: LedgerEntry): void {
    writeSync(this.ledgerFd, ledgerLine(entry));
  }

  logEvent(event: Record<string, unknown>): void {
    writeSync(this.eventFd, `${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
  }

  close(): void {
    closeSync(this.ledgerFd);
    closeSync(this.eventFd);
  }
}

// The Store holds plain data, Maps and Sets (a service's state keeps its tables in Maps); JSON
// writes a Map as {"$map": entries} and a Set as {"$set": values} and reads them back as such.
function replace(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value] };
  if (value instanceof Set) return { $set: [...value] };
  return value;
}

function revive(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && Array.isArray(o['$map'])) return new Map(o['$map'] as [unknown, unknown][]);
  if (keys.length === 1 && Array.isArray(o['$set'])) return new Set(o['$set'] as unknown[]);
  return value;
}

/** The non-empty lines of a text file (none when it does not exist). */
export function readLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
}
