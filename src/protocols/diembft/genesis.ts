// Genesis block, state and QC (diembft-v4 §3, [C]): constants derived from the chain seed, the same
// at every replica of a run.
import { H, voteInfoHash } from './hash.js';
import type { Block, QC, StateId, VoteInfo } from './types.js';

export interface Genesis {
  readonly chainSeed: string;
  readonly block: Block;
  /** S0, the state before any block. */
  readonly state: StateId;
  readonly qc: QC;
}

const memo = new Map<string, Genesis>();
const MAX_SEEDS = 16;

function build(chainSeed: string): Genesis {
  const id = H(['genesis', chainSeed]);
  const block: Block = Object.freeze({ id, author: null, round: 0, payload: Object.freeze([]), qc: null });
  const state = H(['state', 'genesis', chainSeed]);
  const voteInfo: VoteInfo = Object.freeze({ id, round: 0, parentId: id, parentRound: 0, execStateId: state });
  const qc: QC = Object.freeze({
    voteInfo,
    ledgerCommitInfo: Object.freeze({ commitStateId: null, voteInfoHash: voteInfoHash(voteInfo) }),
    signatures: Object.freeze([]),
    author: null,
    authorSignature: null,
  });
  return Object.freeze({ chainSeed, block, state, qc });
}

export function genesisFor(chainSeed: string): Genesis {
  let g = memo.get(chainSeed);
  if (g === undefined) {
    if (memo.size >= MAX_SEEDS) memo.delete(memo.keys().next().value!);
    g = build(chainSeed);
    memo.set(chainSeed, g);
  }
  return g;
}

/** §3: GENESIS_QC is valid only if it is identical to the local constant. */
export function isGenesisQc(qc: QC, g: Genesis): boolean {
  if (qc === g.qc) return true;
  const a = qc.voteInfo;
  const b = g.qc.voteInfo;
  return a.id === b.id && a.round === b.round && a.parentId === b.parentId && a.parentRound === b.parentRound
    && a.execStateId === b.execStateId && qc.ledgerCommitInfo.commitStateId === null
    && qc.ledgerCommitInfo.voteInfoHash === g.qc.ledgerCommitInfo.voteInfoHash
    && qc.signatures.length === 0 && qc.author === null && qc.authorSignature === null;
}
