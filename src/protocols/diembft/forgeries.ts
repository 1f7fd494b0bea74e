// DiemBFT's certificate forgeries (Byzantine mutations of ./mutations.ts): what one Byzantine
// replica can do to a certificate it forwards with its own key alone. It can re-author a QC (sign
// its signature list as the QC's author), but it cannot sign for anyone else, so every forgery here
// fails one check of §13.1 validQc / validTc on a correct replica:
//   qc-vote-info       the QC's voteInfo moved up a round, its signed LedgerCommitInfo kept (check #2);
//   qc-bad-signature   one signer's signature replaced by one the sender made over other content (#3);
//   cert-repeat-signer the last signature of a QC (or of a TC, with its reported round) replaced by
//                      a copy of the first: every entry verifies, but the distinct signers fall
//                      below the quorum (#3, TC #3).
// A replica that accepts one of these accepts a certificate no quorum signed, which the harness's
// own re-verification of every accepted certificate (oracle O3) reports.
import type { MutationContext } from '../../kernel/mutation.js';
import { qcSigsSignable, tmoSignable } from './hash.js';
import type { DiemMessage, QC, Sig, TC } from './types.js';

export const FORGERIES = ['qc-vote-info', 'qc-bad-signature', 'cert-repeat-signer'] as const;
export type Forgery = (typeof FORGERIES)[number];

type Ctx = MutationContext<DiemMessage>;

/** `qc` re-authored by the sender with these parts (the author signature covers the new signature list). */
function reauthored(qc: QC, voteInfo: QC['voteInfo'], signatures: readonly Sig[], ctx: Ctx): QC {
  const sigs = Object.freeze([...signatures]);
  return Object.freeze({ voteInfo, ledgerCommitInfo: qc.ledgerCommitInfo, signatures: sigs, author: ctx.sender,
    authorSignature: ctx.crypto.signOver(ctx.sender, qcSigsSignable(sigs)) });
}

/** The forged QC, or null when the forgery does not apply (genesis, a single signature). */
export function forgeQc(name: Forgery, qc: QC, ctx: Ctx): QC | null {
  if (qc.author === null || qc.signatures.length < 2) return null;
  const sigs = qc.signatures;
  switch (name) {
    case 'qc-vote-info':
      return reauthored(qc, Object.freeze({ ...qc.voteInfo, round: qc.voteInfo.round + 1 }), sigs, ctx);
    case 'qc-bad-signature': {
      const k = sigs.findIndex((s) => s.signer !== ctx.sender);
      const other = ctx.crypto.signOver(ctx.sender, tmoSignable(0, 0));
      return reauthored(qc, qc.voteInfo, sigs.map((s, i) => (i === k ? Object.freeze({ signer: s.signer, value: other.value }) : s)), ctx);
    }
    case 'cert-repeat-signer':
      return reauthored(qc, qc.voteInfo, [...sigs.slice(0, -1), sigs[0]!], ctx);
  }
}

/** The forged TC (cert-repeat-signer only), or null when the forgery does not apply. */
export function forgeTc(name: Forgery, tc: TC): TC | null {
  if (name !== 'cert-repeat-signer' || tc.tmoSignatures.length < 2) return null;
  const sigs = tc.tmoSignatures;
  const rounds = tc.tmoHighQcRounds;
  return Object.freeze({ round: tc.round, tmoHighQcRounds: Object.freeze([...rounds.slice(0, -1), rounds[0]!]),
    tmoSignatures: Object.freeze([...sigs.slice(0, -1), sigs[0]!]) });
}
