// Safety (diembft-v4 §7): the only holder of the identity's key. It signs votes and timeouts only
// when the §7 predicates allow, and persists its counters before any signature leaves (§12). Ledger
// and BlockTree values are passed in as arguments, so Safety depends on nothing else (§18 A17).
import type { Rules } from './bugs.js';
import type { CertValidator } from './certificate-rules.js';
import { blockIdSignable, lciSignable, qcSigsSignable, tmoSignable, voteInfoHash, type Signable } from './hash.js';
import { saveSafety, type SafetyRecord } from './persistence.js';
import type { NodeId, Store } from './protocol.js';
import { commitCandidate, follows, timeoutRefusal, voteRefusal, type SafetyCounters } from './safety-rules.js';
import { rnd, type Block, type LedgerCommitInfo, type QC, type Round, type Sig, type StateId, type TC,
  type TimeoutInfo, type VoteInfo, type VoteMsg } from './types.js';

export type Signed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): { readonly ok: false; readonly reason: string } => ({ ok: false, reason });

// Every voter of one block that reaches the same execution state and commit decision signs the same
// VoteInfo and LedgerCommitInfo. Sharing these immutable objects between voters lets their digests
// be computed once per block instead of once per voter. The content keeps H(lci) with the signatures
// over it (./hash.ts Signable), so a voter signs without another memo lookup.
interface VoteContent {
  readonly voteInfo: VoteInfo;
  readonly lci: LedgerCommitInfo;
  readonly signed: Signable;
}

const voteContentMemo = new WeakMap<Block, VoteContent>();

function voteContent(b: Block, qc: QC, exec: StateId, commit: StateId | null): VoteContent {
  const hit = voteContentMemo.get(b);
  if (hit !== undefined && hit.voteInfo.execStateId === exec && hit.lci.commitStateId === commit
    && hit.voteInfo.parentId === qc.voteInfo.id) return hit;
  const voteInfo: VoteInfo = Object.freeze({ id: b.id, round: b.round, parentId: qc.voteInfo.id,
    parentRound: rnd(qc), execStateId: exec });
  const lci: LedgerCommitInfo = Object.freeze({ commitStateId: commit, voteInfoHash: voteInfoHash(voteInfo) });
  const content = { voteInfo, lci, signed: lciSignable(lci) };
  voteContentMemo.set(b, content);
  return content;
}

export class Safety implements SafetyCounters {
  private hvr: Round;
  private hqr: Round;
  /** What raise() writes to the Store, in place (see saveConsensus). */
  private readonly record: SafetyRecord = { highestVoteRound: 0, highestQcRound: 0 };

  constructor(private readonly me: NodeId, private readonly certs: CertValidator, private readonly rules: Rules,
    private readonly store: Store, restored: SafetyCounters | null) {
    this.hvr = restored?.highestVoteRound ?? 0;
    this.hqr = restored?.highestQcRound ?? 0;
  }

  /** A Byzantine process fault (a scenario's `setAttrs`): overwrites a counter, persisted as raise() does. */
  overwrite(counter: 'highest-vote-round' | 'highest-qc-round', value: Round): void {
    if (counter === 'highest-vote-round') this.hvr = value;
    else this.hqr = value;
    this.record.highestVoteRound = this.hvr;
    this.record.highestQcRound = this.hqr;
    saveSafety(this.store, this.record);
  }

  get highestVoteRound(): Round {
    return this.hvr;
  }

  get highestQcRound(): Round {
    return this.hqr;
  }

  /** Persists BEFORE the signature is made, so a crash can never forget a signed round (§12). */
  private raise(voteRound: Round, qcRound: Round): void {
    this.hvr = Math.max(this.hvr, voteRound);
    this.hqr = Math.max(this.hqr, qcRound);
    const r = this.record;
    r.highestVoteRound = this.hvr;
    r.highestQcRound = this.hqr;
    saveSafety(this.store, r);
  }

  /** Re-validates the certificates it is handed (§13: defence in depth). */
  private certRefusal(qc: QC, tc: TC | null): string | null {
    const qcBad = this.certs.validQc(qc);
    if (qcBad !== null) return `invalid QC: ${qcBad}`;
    const tcBad = tc === null ? null : this.certs.validTc(tc);
    return tcBad === null ? null : `invalid TC: ${tcBad}`;
  }

  /** §7 makeVote; `pendingState` is Ledger.pendingState, `highCommitQc` BlockTree.highCommitQc. */
  makeVote(b: Block, lastTc: TC | null, pendingState: (id: string) => StateId | null, highCommitQc: QC | null):
      Signed<VoteMsg> {
    const qc = b.qc;
    if (qc === null) return refuse('block without QC');
    const qcRound = rnd(qc);
    const refusal = this.certRefusal(qc, lastTc) ?? voteRefusal(this, b.round, qcRound, lastTc, this.rules);
    if (refusal !== null) return refuse(refusal);
    const exec = pendingState(b.id);
    if (exec === null) return refuse(`block ${b.id.slice(0, 8)} not executed`);     // [C]
    const candidate = commitCandidate(b.round, qc, pendingState, this.rules);
    if (follows(b.round, qcRound) && candidate === null) {                           // [C] parent state must be known
      return refuse(`parent ${qc.voteInfo.id.slice(0, 8)} state unknown`);
    }
    const commit = candidate !== null && this.rules.voteCommitState === 'voted-block' ? exec : candidate;
    this.raise(b.round, qcRound);
    const { voteInfo, lci, signed } = voteContent(b, qc, exec, commit);
    return { ok: true, value: Object.freeze({ kind: 'vote', voteInfo, ledgerCommitInfo: lci, highCommitQc,
      sender: this.me, signature: this.certs.crypto.signOver(this.me, signed) }) };
  }

  /** §7 makeTimeout: after it, this identity never votes in `round` (highestVoteRound is raised). */
  makeTimeout(round: Round, highQc: QC, lastTc: TC | null): Signed<TimeoutInfo> {
    const refusal = this.certRefusal(highQc, lastTc) ?? timeoutRefusal(this, round, rnd(highQc), lastTc);
    if (refusal !== null) return refuse(refusal);
    this.raise(this.rules.timeoutRaisesVoteRound ? round : 0, 0);
    return { ok: true, value: Object.freeze({ round, highQc, sender: this.me,
      signature: this.certs.crypto.signOver(this.me, tmoSignable(round, rnd(highQc))) }) };
  }

  /** [C] The paper has no API for the proposal signature; it covers block.id (§2). */
  signProposal(b: Block): Sig {
    return this.certs.crypto.signOver(this.me, blockIdSignable(b));
  }

  /** [C] The QC assembler's signature over H(["qcsigs", ...signatures]) (§2). */
  signQcAuthor(sigs: readonly Sig[]): Sig {
    return this.certs.crypto.signOver(this.me, qcSigsSignable(sigs));
  }
}
