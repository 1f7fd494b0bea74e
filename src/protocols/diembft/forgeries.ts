// DiemBFT's certificate forgeries (Byzantine mutations of ./mutations.ts): what one Byzantine
// replica can do to a certificate it forwards with its own key alone. It can re-author a QC (sign
// its signature list as the QC's author), but it cannot sign for anyone else, so every forgery here
// fails one check of §13.1 validQc / validTc on a correct replica:
//   qc-vote-info       the QC's voteInfo names another execution state (its parent's id), its signed
//                      LedgerCommitInfo kept (check #2);
//   qc-bad-signature   one signer's signature replaced by one the sender made over other content (#3);
//   cert-repeat-signer the last signature of a QC (or of a TC, with its reported round) replaced by
//                      a copy of the first: every entry verifies, but the distinct signers fall
//                      below the quorum (#3, TC #3);
//   tc-repeat-signer   the same on the TC a message carries (a proposal's or a timeout's lastRoundTc);
//   tc-bad-signature   one other signer's entry of that TC replaced by one the sender made over other
//                      content (TC #3);
//   qc-no-author-signature  a QC re-authored by the sender without an author signature (#6);
//   qc-other-author    a QC that names another signer as its author, signed by the sender (#6);
//   tc-extra-round     a TC with one more reported high QC round than signatures (TC #1);
//   tc-high-qc-round   a TC whose entry of the sender (or, when the sender did not sign it, its last
//                      entry, replaced by one of the sender's) reports a high QC round equal to the TC's
//                      round, signed by the sender (TC #2).
// A replica that accepts one of these accepts a certificate no quorum signed, which the harness's
// own re-verification of every accepted certificate (oracle O3) reports.
import type { MutationContext } from '../../kernel/mutation.js';
import { qcSigsSignable, tmoSignable } from './hash.js';
import type { DiemMessage, QC, Sig, TC } from './types.js';

export const FORGERIES = ['qc-vote-info', 'qc-bad-signature', 'cert-repeat-signer', 'tc-repeat-signer', 'tc-bad-signature',
  'qc-no-author-signature', 'qc-other-author', 'tc-extra-round', 'tc-high-qc-round'] as const;
export type Forgery = (typeof FORGERIES)[number];

/** Forgeries of the TC alone: a message's QC stays as sent. */
export const TC_ONLY: ReadonlySet<Forgery> = new Set<Forgery>(['tc-repeat-signer', 'tc-bad-signature', 'tc-extra-round',
  'tc-high-qc-round']);

type Ctx = MutationContext<DiemMessage>;

/** `qc` re-authored by the sender with these parts (the author signature covers the new signature list). */
function reauthored(qc: QC, voteInfo: QC['voteInfo'], signatures: readonly Sig[], ctx: Ctx): QC {
  const sigs = Object.freeze([...signatures]);
  return Object.freeze({ voteInfo, ledgerCommitInfo: qc.ledgerCommitInfo, signatures: sigs, author: ctx.sender,
    authorSignature: ctx.crypto.signOver(ctx.sender, qcSigsSignable(sigs)) });
}

/** The forged QC, or null when the forgery does not apply (genesis, a single signature). */
export function forgeQc(name: Forgery, qc: QC, ctx: Ctx): QC | null {
  if (qc.author === null || qc.signatures.length < 2 || TC_ONLY.has(name)) return null;
  const sigs = qc.signatures;
  switch (name) {
    case 'qc-vote-info':
      return reauthored(qc, Object.freeze({ ...qc.voteInfo, execStateId: qc.voteInfo.parentId }), sigs, ctx);
    case 'qc-bad-signature': {
      const k = sigs.findIndex((s) => s.signer !== ctx.sender);
      const other = ctx.crypto.signOver(ctx.sender, tmoSignable(0, 0));
      return reauthored(qc, qc.voteInfo, sigs.map((s, i) => (i === k ? Object.freeze({ signer: s.signer, value: other.value }) : s)), ctx);
    }
    case 'cert-repeat-signer':
      return reauthored(qc, qc.voteInfo, [...sigs.slice(0, -1), sigs[0]!], ctx);
    case 'qc-no-author-signature':
      return Object.freeze({ ...qc, author: ctx.sender, authorSignature: null });
    case 'qc-other-author': {
      const other = sigs.find((s) => s.signer !== ctx.sender)!.signer;
      return Object.freeze({ ...reauthored(qc, qc.voteInfo, sigs, ctx), author: other });
    }
    case 'tc-repeat-signer': case 'tc-bad-signature': case 'tc-extra-round': case 'tc-high-qc-round':
      return null;
  }
}

/** The forged TC, or null when the forgery does not apply (a QC-only forgery, a single signature). */
export function forgeTc(name: Forgery, tc: TC, ctx: Ctx): TC | null {
  const sigs = tc.tmoSignatures;
  const rounds = tc.tmoHighQcRounds;
  if (sigs.length < 2) return null;
  switch (name) {
    case 'cert-repeat-signer': case 'tc-repeat-signer':
      return Object.freeze({ round: tc.round, tmoHighQcRounds: Object.freeze([...rounds.slice(0, -1), rounds[0]!]),
        tmoSignatures: Object.freeze([...sigs.slice(0, -1), sigs[0]!]) });
    case 'tc-bad-signature': {
      const k = sigs.findIndex((s) => s.signer !== ctx.sender);
      const other = ctx.crypto.signOver(ctx.sender, tmoSignable(0, 0));
      return Object.freeze({ round: tc.round, tmoHighQcRounds: rounds,
        tmoSignatures: Object.freeze(sigs.map((s, i) => (i === k ? Object.freeze({ signer: s.signer, value: other.value }) : s))) });
    }
    case 'tc-extra-round':
      return Object.freeze({ round: tc.round, tmoHighQcRounds: Object.freeze([...rounds, tc.round - 1]), tmoSignatures: sigs });
    case 'tc-high-qc-round': {
      const own = sigs.findIndex((s) => s.signer === ctx.sender);
      const k = own >= 0 ? own : sigs.length - 1;
      const entry = ctx.crypto.signOver(ctx.sender, tmoSignable(tc.round, tc.round));
      return Object.freeze({ round: tc.round, tmoHighQcRounds: Object.freeze(rounds.map((r, i) => (i === k ? tc.round : r))),
        tmoSignatures: Object.freeze(sigs.map((s, i) => (i === k ? entry : s))) });
    }
    case 'qc-vote-info': case 'qc-bad-signature': case 'qc-no-author-signature': case 'qc-other-author':
      return null;
  }
}
