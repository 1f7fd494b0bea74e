// Independent certificate re-verification for the harness (oracle O3, diembft-v4 §16.3). It ignores
// every bug switch: correct quorum, distinct signers, valid signatures over the certificate's own
// content, H(voteInfo) matching voteInfoHash, a QC's author signature over its signature list by the
// author it names (§13.1 #6), and a TC's reported high QC rounds, one per signature and each below its
// round. Input is untrusted, so shapes are checked first.
import { thresholds } from './bugs.js';
import { cryptoFor, type CryptoKind } from '../../kernel/crypto.js';
import type { Crypto } from '../../kernel/crypto.js';
import { genesisFor, isGenesisQc } from './genesis.js';
import { lciSignable, qcSigsSignable, tmoSignable, voteInfoHash, type Signable } from './hash.js';
import { insertionSort } from './insertion-sort.js';
import type { NodeId } from './protocol.js';
import type { QC, Sig, TC } from './types.js';

export type CertCheck =
  | { readonly ok: true; readonly signers: readonly NodeId[] }
  | { readonly ok: false; readonly reason: string; readonly signers?: readonly NodeId[] };

const ascending = (a: number, b: number): number => a - b;

const fail = (reason: string): CertCheck => ({ ok: false, reason });

function isSig(x: unknown): x is Sig {
  return typeof x === 'object' && x !== null && Number.isInteger((x as Sig).signer)
    && typeof (x as Sig).value === 'string';
}

function isQc(x: unknown): x is QC {
  const q = x as QC;
  return typeof x === 'object' && x !== null && typeof q.voteInfo === 'object' && q.voteInfo !== null
    && typeof q.ledgerCommitInfo === 'object' && q.ledgerCommitInfo !== null && Array.isArray(q.signatures)
    && q.signatures.every(isSig) && (q.author === null || Number.isInteger(q.author))
    && (q.authorSignature === null || isSig(q.authorSignature));
}

function isTc(x: unknown): x is TC {
  const t = x as TC;
  return typeof x === 'object' && x !== null && Number.isInteger(t.round) && Array.isArray(t.tmoHighQcRounds)
    && Array.isArray(t.tmoSignatures) && t.tmoSignatures.every(isSig);
}

/** Verifies every entry and counts distinct signers against the correct quorum. */
function quorumOf(sigs: readonly Sig[], signedOf: (i: number) => Signable, n: number, crypto: Crypto): CertCheck {
  const signers = new Set<NodeId>();
  for (let i = 0; i < sigs.length; i++) {
    const s = sigs[i]!;
    if (s.signer < 0 || s.signer >= n) return fail(`signer ${s.signer} is not a validator of ${n}`);
    if (!crypto.verifyOver(s, signedOf(i))) return fail(`signature of ${s.signer} does not verify over the certificate`);
    signers.add(s.signer);
  }
  const { quorum } = thresholds(n);
  if (signers.size < quorum) {
    return { ok: false, reason: `${signers.size} distinct signers < quorum ${quorum} (${sigs.length} entries)`,
      signers: insertionSort([...signers], ascending) };
  }
  return { ok: true, signers: insertionSort([...signers], ascending) };
}

function checkQc(qc: QC, n: number, kind: CryptoKind, chainSeed: string): CertCheck {
  if (qc.signatures.length === 0 && qc.voteInfo.round === 0 && isGenesisQc(qc, genesisFor(chainSeed))) {
    return { ok: true, signers: [] };
  }
  const viHash = voteInfoHash(qc.voteInfo);
  if (viHash !== qc.ledgerCommitInfo.voteInfoHash) return fail('H(voteInfo) does not match voteInfoHash');
  const signed = lciSignable(qc.ledgerCommitInfo);
  const crypto = cryptoFor(kind, chainSeed);
  const quorum = quorumOf(qc.signatures, () => signed, n, crypto);
  if (!quorum.ok) return quorum;
  const a = qc.authorSignature;
  if (qc.author === null || a === null || a.signer !== qc.author || !crypto.verifyOver(a, qcSigsSignable(qc.signatures))) {
    return { ok: false, reason: `the author signature is not ${qc.author ?? 'no one'}'s over the signature list`, signers: quorum.signers };
  }
  return quorum;
}

function checkTc(tc: TC, n: number, kind: CryptoKind, chainSeed: string): CertCheck {
  const rounds = tc.tmoHighQcRounds;
  if (rounds.length !== tc.tmoSignatures.length) return fail('signature and high QC round lists differ in length');
  if (rounds.some((r) => !(r < tc.round))) return fail(`a reported high QC round is >= TC round ${tc.round}`);
  const signedOf = (i: number): Signable => tmoSignable(tc.round, rounds[i]!);
  return quorumOf(tc.tmoSignatures, signedOf, n, cryptoFor(kind, chainSeed));
}

/**
 * Verifies a certificate of a run with `n` identities whose keys derive from `chainSeed`. The result
 * depends on these arguments alone, never on what ran before in the process.
 */
export function checkCert(cert: unknown, certKind: 'qc' | 'tc', n: number, kind: CryptoKind, chainSeed: string):
    CertCheck {
  if (certKind === 'qc') return isQc(cert) ? checkQc(cert, n, kind, chainSeed) : fail('not a QC');
  return isTc(cert) ? checkTc(cert, n, kind, chainSeed) : fail('not a TC');
}
