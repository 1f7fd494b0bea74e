// The replica's Store layout (diembft-v4 §12). The Safety counters are written whenever they change,
// before a signed vote or timeout leaves Safety. Consensus state is written on every round change and
// timeout; the committed chain is an array held in the store and appended on every commit, and so is
// the log of pending blocks, appended when a block is speculated and trimmed when a commit prunes.
import type { ChainEntry } from './ledger.js';
import type { Store } from './protocol.js';
import type { Block, QC, Round, TC } from './types.js';
import type { SafetyCounters } from './safety-rules.js';

const SAFETY_KEY = 'diembft:safety';
const CONSENSUS_KEY = 'diembft:consensus';
const CHAIN_KEY = 'diembft:chain';
const BLOCKS_KEY = 'diembft:blocks';

export interface PersistedConsensus {
  readonly currentRound: Round;
  readonly lastProposedRound: Round;
  readonly lastRoundTc: TC | null;
  readonly highQc: QC;
  readonly highCommitQc: QC | null;
}

/** A replica's own consensus record: it rewrites the fields and saves the same object again. */
export type ConsensusRecord = { -readonly [K in keyof PersistedConsensus]: PersistedConsensus[K] };

/** A replica's own Safety record, rewritten in place like ConsensusRecord. */
export type SafetyRecord = { -readonly [K in keyof SafetyCounters]: SafetyCounters[K] };

export function saveSafety(store: Store, s: SafetyRecord): void {
  store.data.set(SAFETY_KEY, s);
}

export function loadSafety(store: Store): SafetyCounters | null {
  return (store.data.get(SAFETY_KEY) as SafetyCounters | undefined) ?? null;
}

/**
 * Saves `c` as the consensus state. The Store keeps the object itself, so the caller passes a record
 * that only it writes, and only right before saving it again.
 */
export function saveConsensus(store: Store, c: ConsensusRecord): void {
  store.data.set(CONSENSUS_KEY, c);
}

export function loadConsensus(store: Store): PersistedConsensus | null {
  return (store.data.get(CONSENSUS_KEY) as PersistedConsensus | undefined) ?? null;
}

/** The persisted committed chain; created empty on first start. */
export function chainOf(store: Store): ChainEntry[] {
  let chain = store.data.get(CHAIN_KEY) as ChainEntry[] | undefined;
  if (chain === undefined) {
    chain = [];
    store.data.set(CHAIN_KEY, chain);
  }
  return chain;
}

/** The persisted log of pending blocks (the Ledger keeps it: appended on speculation, trimmed on commit). */
export function pendingBlocksOf(store: Store): Block[] {
  let blocks = store.data.get(BLOCKS_KEY) as Block[] | undefined;
  if (blocks === undefined) {
    blocks = [];
    store.data.set(BLOCKS_KEY, blocks);
  }
  return blocks;
}

/** A store that has seen a start before: the replica is restarting (§12). */
export function isRestart(store: Store): boolean {
  return store.data.has(CONSENSUS_KEY) || store.data.has(SAFETY_KEY);
}
