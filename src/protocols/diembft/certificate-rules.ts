// Certificate validation, diembft-v4 §13.1 validQc / validTc. Quorum and signer counting come from
// the rule parameters (./bugs.ts), so a bug that weakens certificate formation weakens acceptance the
// same way. Results are memoized per certificate object: certificates are immutable and shared by
// reference, and one validator instance serves every replica of a run with the same parameters.
import { quorumSize, type Rules } from './bugs.js';
import type { Crypto } from '../../kernel/crypto.js';
import { isGenesisQc, type Genesis } from './genesis.js';
import { lciSignable, qcSigsSignable, tmoSignable, voteInfoHash, type Signable } from './hash.js';
import { short } from './outbox.js';
import type { QC, Sig, TC } from './types.js';

/** Null when valid, otherwise the reason with the values compared. */
export type Verdict = string | null;

export class CertValidator {
  readonly qcQuorum: number;
  readonly tcQuorum: number;
  private readonly qcMemo = new WeakMap<QC, Verdict>();
  private readonly tcMemo = new WeakMap<TC, Verdict>();

  constructor(readonly n: number, readonly crypto: Crypto, readonly genesis: Genesis, readonly rules: Rules) {
    this.qcQuorum = quorumSize(rules.qcQuorum, n);
    this.tcQuorum = quorumSize(rules.tcQuorum, n);
  }

  validQc(qc: QC): Verdict {
    let v = this.qcMemo.get(qc);
    if (v === undefined) {
      v = this.checkQc(qc);
      this.qcMemo.set(qc, v);
    }
    return v;
  }

  validTc(tc: TC): Verdict {
    let v = this.tcMemo.get(tc);
    if (v === undefined) {
      v = this.checkTc(tc);
      this.tcMemo.set(tc, v);
    }
    return v;
  }

  // §13.1 validQc, checks 1-6 in order of cost.
  private checkQc(qc: QC): Verdict {
    if (isGenesisQc(qc, this.genesis)) return null;                                       // #1
    const vi = qc.voteInfo;
    const lci = qc.ledgerCommitInfo;
    const viHash = voteInfoHash(vi);
    if (viHash !== lci.voteInfoHash) {                                                     // #2
      return `H(voteInfo) ${short(viHash)} != voteInfoHash ${short(lci.voteInfoHash)}`;
    }
    if (vi.parentRound >= vi.round) return `parent round ${vi.parentRound} >= round ${vi.round}`;   // #4
    if (lci.commitStateId !== null && this.rules.commitNeedsConsecutiveRounds
      && vi.round - vi.parentRound > this.rules.commitRoundGap) {                         // #5
      return `commit QC with parent round ${vi.parentRound} + 1 != round ${vi.round}`;
    }
    const signed = lciSignable(lci);
    const counted = this.countSigners(qc.signatures, () => signed);                        // #3
    if (typeof counted === 'string') return counted;
    if (counted < this.qcQuorum) return `${this.countNoun()} ${counted} < quorum ${this.qcQuorum}`;
    const a = qc.authorSignature;                                                          // #6
    if (qc.author === null || a === null) return 'QC without author signature';
    if (a.signer !== qc.author || !this.crypto.verifyOver(a, qcSigsSignable(qc.signatures))) {
      return `author signature of ${qc.author} does not verify`;
    }
    return null;
  }

  // §13.1 validTc, checks 1-3.
  private checkTc(tc: TC): Verdict {
    const rounds = tc.tmoHighQcRounds;
    if (rounds.length !== tc.tmoSignatures.length) {
      return `${tc.tmoSignatures.length} signatures != ${rounds.length} high QC rounds`;
    }
    for (const r of rounds) {
      if (!(r < tc.round)) return `reported high QC round ${r} >= TC round ${tc.round}`;
    }
    const counted = this.countSigners(tc.tmoSignatures, (i) => tmoSignable(tc.round, rounds[i]!));
    if (typeof counted === 'string') return counted;
    if (counted < this.tcQuorum) return `${this.countNoun()} ${counted} < TC quorum ${this.tcQuorum}`;
    return null;
  }

  /** Verifies every entry; returns the number of distinct signers (or entries, per the rules). */
  private countSigners(sigs: readonly Sig[], signedOf: (i: number) => Signable): number | string {
    const seen = new Set<number>();
    for (let i = 0; i < sigs.length; i++) {
      const s = sigs[i]!;
      if (!Number.isInteger(s.signer) || s.signer < 0 || s.signer >= this.n) {
        return `signer ${s.signer} is not a validator of ${this.n}`;
      }
      if (!this.crypto.verifyOver(s, signedOf(i))) return `signature of ${s.signer} does not verify`;
      seen.add(s.signer);
    }
    return this.rules.countDistinctSigners ? seen.size : sigs.length;
  }

  private countNoun(): string {
    return this.rules.countDistinctSigners ? 'distinct signers' : 'signature entries';
  }
}

// One validator per (n, crypto, genesis, rules) object set: replicas of a run share its memo tables.
// The few most recent are kept; rules objects are shared per bug set (./bugs.ts rulesFor).
const validators: CertValidator[] = [];
const MAX_VALIDATORS = 16;

export function validatorFor(n: number, crypto: Crypto, genesis: Genesis, rules: Rules): CertValidator {
  for (const v of validators) {
    if (v.n === n && v.crypto === crypto && v.genesis === genesis && v.rules === rules) return v;
  }
  const v = new CertValidator(n, crypto, genesis, rules);
  if (validators.length >= MAX_VALIDATORS) validators.shift();
  validators.push(v);
  return v;
}
