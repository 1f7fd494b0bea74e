// DiemBFT digests (diembft-v4 §2), built on the kernel's canonical H: each array's first element is a
// domain tag and the others follow the field order of §3.
//
// Messages are immutable and shared by reference between replicas (DESIGN §4), so every digest of
// a protocol object is memoized per object in a module-level WeakMap: a block id or H(voteInfo) is
// computed once per run, not once per recipient. Timeout digests, pairs of rounds that every
// recipient of a timeout computes, are memoized by content in a bounded table. All memo tables hold
// pure results, so they never change behaviour.
import { H, PLAIN, sha256Hex, Signable } from '../../kernel/hash.js';
import { InternTable } from './intern.js';
import type { Block, Digest, LedgerCommitInfo, QC, Round, Sig, Txn, VoteInfo } from './types.js';

export { canonicalJson, H, sha256Hex, Signable } from '../../kernel/hash.js';

/**
 * tmoDigest by content: round -> highQcRound -> digest. Keyed by the numbers themselves, so a hit
 * builds no key string; forgets everything after `TMO_MEMO_ROUNDS` rounds, so memory stays bounded.
 */
const tmoMemo = new Map<Round, Map<Round, Signable>>();
const TMO_MEMO_ROUNDS = 4096;

const payloadMemo = new WeakMap<readonly Txn[], Digest>();
const sigsMemo = new WeakMap<readonly Sig[], Signable>();
const voteInfoMemo = new WeakMap<VoteInfo, Digest>();
const lciMemo = new WeakMap<LedgerCommitInfo, Signable>();
/** A block's recomputed id, with the proposal signatures over it when that is also its id. */
const blockIdMemo = new WeakMap<Block, Signable>();

export function payloadHash(payload: readonly Txn[]): Digest {
  let h = payloadMemo.get(payload);
  if (h === undefined) {
    h = H(['payload', ...payload.map((t) => [t.client, t.seq, t.op])]);
    payloadMemo.set(payload, h);
  }
  return h;
}

/** H(["qcsigs", ...sigs]); each Sig is encoded as [signer, value]. */
export function qcSigsHash(sigs: readonly Sig[]): Digest {
  return qcSigsSignable(sigs).digest;
}

/** qcSigsHash with the QC-author signatures over it. */
export function qcSigsSignable(sigs: readonly Sig[]): Signable {
  let h = sigsMemo.get(sigs);
  if (h === undefined) {
    h = new Signable(sha256Hex(qcSigsJson(sigs)));
    sigsMemo.set(sigs, h);
  }
  return h;
}

/**
 * The canonical JSON of ["qcsigs", ...sigs] as [signer, value] pairs, written out when every signer
 * is an integer and every value a plain string (always, for signatures ./crypto.ts made); identical
 * to JSON.stringify, which spent most of its time on the nested arrays.
 */
function qcSigsJson(sigs: readonly Sig[]): string {
  let s = '["qcsigs"';
  for (let i = 0; i < sigs.length; i++) {
    const { signer, value } = sigs[i]!;
    if (!Number.isSafeInteger(signer) || typeof value !== 'string' || !PLAIN.test(value)) {
      return JSON.stringify(['qcsigs', ...sigs.map((x) => [x.signer, x.value])]);
    }
    s += `,[${signer},"${value}"]`;
  }
  return `${s}]`;
}

export function voteInfoHash(vi: VoteInfo): Digest {
  let h = voteInfoMemo.get(vi);
  if (h === undefined) {
    h = H(['voteinfo', vi.id, vi.round, vi.parentId, vi.parentRound, vi.execStateId]);
    voteInfoMemo.set(vi, h);
  }
  return h;
}

/** H(LedgerCommitInfo): the digest every vote and QC signature covers (§2). */
export function lciHash(lci: LedgerCommitInfo): Digest {
  return lciSignable(lci).digest;
}

/** lciHash with the vote signatures over it. */
export function lciSignable(lci: LedgerCommitInfo): Signable {
  let h = lciMemo.get(lci);
  if (h === undefined) {
    h = new Signable(H(['lci', lci.commitStateId, lci.voteInfoHash]));
    lciMemo.set(lci, h);
  }
  return h;
}

/** The digest a timeout signature covers: only the high QC's round is signed (§2). */
export function tmoDigest(round: Round, highQcRound: Round): Digest {
  return tmoSignable(round, highQcRound).digest;
}

/** tmoDigest with the timeout signatures over it. */
export function tmoSignable(round: Round, highQcRound: Round): Signable {
  let byHighQc = tmoMemo.get(round);
  if (byHighQc === undefined) {
    if (tmoMemo.size >= TMO_MEMO_ROUNDS) tmoMemo.clear();
    byHighQc = new Map();
    tmoMemo.set(round, byHighQc);
  }
  let d = byHighQc.get(highQcRound);
  if (d === undefined) {
    d = new Signable(H(['tmo', round, highQcRound]));
    byHighQc.set(highQcRound, d);
  }
  return d;
}

/** §2 block id: commits to the author, round, payload, parent and the parent QC's signer set. */
export function computeBlockId(author: number, round: Round, payload: readonly Txn[], qc: QC): Digest {
  return H(['block', author, round, payloadHash(payload), qc.voteInfo.id, qcSigsHash(qc.signatures)]);
}

/**
 * The id a block should have, recomputed from its fields (§13.2 #2); null for a block that cannot
 * carry a computed id (genesis has a constant id).
 */
export function recomputedBlockId(b: Block): Digest | null {
  if (b.qc === null || b.author === null) return null;
  let id = blockIdMemo.get(b);
  if (id === undefined) {
    id = new Signable(computeBlockId(b.author, b.round, b.payload, b.qc));
    blockIdMemo.set(b, id);
  }
  return id.digest;
}

/**
 * `b.id` with the proposal signatures over it (§2: a proposal signs block.id). Kept with the
 * recomputed id when the two agree, as they do for every block made by makeBlock; otherwise a
 * fresh record, which verification looks up in the signing table.
 */
export function blockIdSignable(b: Block): Signable {
  const s = blockIdMemo.get(b);
  return s !== undefined && s.digest === b.id ? s : new Signable(b.id);
}

const blocks = new InternTable<Block>(1 << 12);

/**
 * Builds a block, or returns the equal one built before (./intern.ts: `payload` and `qc` should be
 * interned), and records its id as already checked: it was computed from these very fields.
 */
export function makeBlock(author: number, round: Round, payload: readonly Txn[], qc: QC): Block {
  return blocks.intern([qc, payload, author, round], () => {
    const id = computeBlockId(author, round, payload, qc);
    const block: Block = Object.freeze({ id, author, round, payload, qc });
    blockIdMemo.set(block, new Signable(id));
    return block;
  });
}

/** Hashes a hex digest to a non-negative integer (§9 pick_one seed). */
export function hashToInt(digest: Digest): number {
  return Number.parseInt(digest.slice(0, 8), 16);
}
