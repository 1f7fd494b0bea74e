// Sync (diembft-v4 §11): before a handler runs, every block the message references that this replica
// lacks is fetched from the replica that sent the message, walking ancestors down to a block it knows,
// and inserted oldest first by speculation only (no voting, no QC processing). The fetch is a message
// exchange through the network (./block-sync.ts): `missingBlocks` says what to ask for, the sender
// answers with `blocksFor`, and `syncMessage` then inserts what the answer holds.
//
// [C] A referenced block of a round below the committed tip's round is never fetched. Every block
// of such a round on the committed chain is committed, and committed blocks are never forgotten, so
// a block of that round this replica does not hold lies on a fork the committed chain left behind.
// Nothing the message asks of the handler depends on it: a QC that old cannot commit anything new,
// raise highQc or advance the round, and a proposal extending it fails executeAndInsert. A lagging
// sender's highCommitQc is the usual case; fetching it and dropping the message instead would make
// every message of that sender unusable until it caught up (and it may catch up only through this
// replica). Diem's block store makes the same cut (`need_fetch_for_quorum_cert`: a QC whose
// certified round is below the root's is not fetched).
//
// A fetched branch that leaves the committed chain below the tip is dropped. It raises an alarm when
// it is certified at a round >= the committed tip's round: any certified block of such a round must
// extend a committed block (Lemmas 1 and 3), so this is evidence of a safety violation. An
// uncertified block there (the block of a vote) is on a stale fork: the message is dropped with a
// rejection.
import { recomputedBlockId } from './hash.js';
import type { Ledger } from './ledger.js';
import { short } from './outbox.js';
import type { Block, ConsensusMessage, Digest, QC, Round } from './types.js';

/** Looks up a fetched block by id: one the sender sent in its sync response, or null. */
export type BlockFetcher = (id: string) => unknown | null;
import { unreachable } from '../../kernel/unreachable.js';

interface Ref {
  readonly id: Digest;
  /** The block's round as the message states it (in a voteInfo its signers signed). */
  readonly round: Round;
  /** The block is certified (it or a descendant heads a QC). */
  readonly certified: boolean;
}

export type SyncOutcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'reject'; readonly what: string; readonly detail: string }
  | { readonly kind: 'alarm'; readonly detail: string };

const OK: SyncOutcome = { kind: 'ok' };
/** Longest branch fetched for one reference; beyond it the sender is not serving a sane chain. */
const MAX_FETCH = 100_000;

function qcRefs(qc: QC | null, into: Ref[]): void {
  if (qc === null) return;
  const vi = qc.voteInfo;
  into.push({ id: vi.id, round: vi.round, certified: true }, { id: vi.parentId, round: vi.parentRound, certified: true });
}

/** §11.1: the blocks a message references. */
export function referencedBlocks(msg: ConsensusMessage): Ref[] {
  const refs: Ref[] = [];
  switch (msg.kind) {
    case 'proposal':
      qcRefs(msg.block.qc, refs);
      break;
    case 'vote':
      refs.push({ id: msg.voteInfo.id, round: msg.voteInfo.round, certified: false },
        { id: msg.voteInfo.parentId, round: msg.voteInfo.parentRound, certified: true });
      break;
    case 'timeout':
      qcRefs(msg.tmoInfo.highQc, refs);
      break;
    default:
      unreachable(msg);
  }
  qcRefs(msg.highCommitQc, refs);
  return refs;
}

/** Runs sync for one message; anything but `ok` means the message is dropped. */
export function syncMessage(msg: ConsensusMessage, fetch: BlockFetcher, ledger: Ledger): SyncOutcome {
  if (allKnown(msg, ledger)) return OK;                           // the common case: nothing to fetch
  const tipRound = ledger.tip().block.round;
  for (const ref of referencedBlocks(msg)) {
    if (ledger.knows(ref.id) || ref.round < tipRound) continue;   // below the tip: a left-behind fork
    const outcome = syncRef(ref, fetch, ledger);
    if (outcome.kind !== 'ok') return outcome;
  }
  return OK;
}

const NONE: readonly Digest[] = Object.freeze([]);

/** The referenced blocks to ask the sender for (none below the committed tip's round); usually none. */
export function missingBlocks(msg: ConsensusMessage, ledger: Ledger): readonly Digest[] {
  if (allKnown(msg, ledger)) return NONE;
  const tipRound = ledger.tip().block.round;
  const ids: Digest[] = [];
  for (const ref of referencedBlocks(msg)) {
    if (!ledger.knows(ref.id) && ref.round >= tipRound && !ids.includes(ref.id)) ids.push(ref.id);
  }
  return ids;
}

/**
 * §11 serving a sync request: each block asked for that this replica holds, followed by its ancestors
 * down to (not including) the asker's committed tip or genesis; no block twice.
 */
export function blocksFor(ids: readonly Digest[], tipId: Digest, ledger: Ledger): Block[] {
  const out: Block[] = [];
  const seen = new Set<Digest>();
  for (const id of ids) {
    let cur: Digest | undefined = id;
    while (cur !== undefined && cur !== tipId && !seen.has(cur) && out.length < MAX_FETCH) {
      const b: Block | null = ledger.pendingBlock(cur) ?? ledger.committedBlock(cur);
      if (b === null || b.qc === null) break;
      seen.add(cur);
      out.push(b);
      cur = b.qc.voteInfo.id;
    }
  }
  return out;
}

const qcKnown = (qc: QC | null, ledger: Ledger): boolean =>
  qc === null || ledger.knowsBlocksOf(qc.voteInfo);

/** True when this replica already holds every block the message references (no allocation). */
function allKnown(msg: ConsensusMessage, ledger: Ledger): boolean {
  if (!qcKnown(msg.highCommitQc, ledger)) return false;
  switch (msg.kind) {
    case 'proposal': return qcKnown(msg.block.qc, ledger);
    case 'vote': return ledger.knowsBlocksOf(msg.voteInfo);
    case 'timeout': return qcKnown(msg.tmoInfo.highQc, ledger);
    default: return unreachable(msg);
  }
}

function syncRef(ref: Ref, fetch: BlockFetcher, ledger: Ledger): SyncOutcome {
  const branch: Block[] = [];                                     // newest first
  let cur = ref.id;
  while (!ledger.knows(cur)) {
    const b = asBlock(fetch(cur), cur);
    if (b === null) return { kind: 'reject', what: 'sync.unavailable', detail: `block ${short(cur)} unavailable from sender` };
    const newer = branch[branch.length - 1];
    if ((newer !== undefined && b.round >= newer.round) || branch.length >= MAX_FETCH) {
      return { kind: 'reject', what: 'sync.malformed', detail: `block ${short(b.id)} round ${b.round} breaks the branch` };
    }
    branch.push(b);
    cur = b.qc!.voteInfo.id;
  }
  const tip = ledger.tip().block;
  if (ledger.isCommitted(cur) && cur !== tip.id) {
    const head = branch[0]!;
    const detail = `block ${short(head.id)} round ${head.round} leaves the committed chain at ${short(cur)}, `
      + `below tip ${short(tip.id)} round ${tip.round}`;
    return ref.certified && head.round >= tip.round ? { kind: 'alarm', detail: `sync: certified ${detail}` }
      : { kind: 'reject', what: 'sync.stale-fork', detail };
  }
  for (let i = branch.length - 1; i >= 0; i--) {
    if (ledger.speculate(branch[i]!) === null) {
      return { kind: 'reject', what: 'sync.malformed', detail: `block ${short(branch[i]!.id)} does not extend its parent` };
    }
  }
  return OK;
}

/** A fetched value is untrusted: it must be a block whose recomputed id is the id asked for. */
function asBlock(raw: unknown, id: Digest): Block | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const b = raw as Block;
  if (b.id !== id || !Number.isInteger(b.round) || !Array.isArray(b.payload) || typeof b.qc !== 'object'
    || b.qc === null || typeof b.qc.voteInfo !== 'object' || !Array.isArray(b.qc.signatures)) return null;
  return recomputedBlockId(b) === id ? b : null;
}
