// Sync, Mode A (diembft-v4 §11): before a handler runs, fetch every block the message references
// that this replica lacks, from the replica that sent the message, walking ancestors down to a block
// it knows; insert them oldest first by speculation only (no voting, no QC processing).
//
// A fetched branch that leaves the committed chain below the tip is dropped. It raises an alarm only
// when it is certified at a round >= the committed tip's round: any certified block of such a round
// must extend a committed block (Lemmas 1 and 3), so this is evidence of a safety violation. A
// certified block of a lower round on another branch is a stale fork that a lagging replica or a
// twin may legitimately hold; messages carrying it are dropped with a rejection.
import { recomputedBlockId } from './hash.js';
import type { Ledger } from './ledger.js';
import { short } from './outbox.js';
import type { BlockFetcher } from './protocol.js';
import type { Block, DiemMessage, Digest, QC } from './types.js';
import { unreachable } from './unreachable.js';

interface Ref {
  readonly id: Digest;
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
  into.push({ id: qc.voteInfo.id, certified: true }, { id: qc.voteInfo.parentId, certified: true });
}

/** §11.1: the blocks a message references. */
export function referencedBlocks(msg: DiemMessage): Ref[] {
  const refs: Ref[] = [];
  switch (msg.kind) {
    case 'proposal':
      qcRefs(msg.block.qc, refs);
      break;
    case 'vote':
      refs.push({ id: msg.voteInfo.id, certified: false }, { id: msg.voteInfo.parentId, certified: true });
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
export function syncMessage(msg: DiemMessage, fetch: BlockFetcher, ledger: Ledger): SyncOutcome {
  if (allKnown(msg, ledger)) return OK;                           // the common case: nothing to fetch
  for (const ref of referencedBlocks(msg)) {
    if (ledger.knows(ref.id)) continue;
    const outcome = syncRef(ref, fetch, ledger);
    if (outcome.kind !== 'ok') return outcome;
  }
  return OK;
}

const qcKnown = (qc: QC | null, ledger: Ledger): boolean =>
  qc === null || (ledger.knows(qc.voteInfo.id) && ledger.knows(qc.voteInfo.parentId));

/** True when this replica already holds every block the message references (no allocation). */
function allKnown(msg: DiemMessage, ledger: Ledger): boolean {
  if (!qcKnown(msg.highCommitQc, ledger)) return false;
  switch (msg.kind) {
    case 'proposal': return qcKnown(msg.block.qc, ledger);
    case 'vote': return ledger.knows(msg.voteInfo.id) && ledger.knows(msg.voteInfo.parentId);
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
