// Emits `cert-accepted` once per distinct certificate a replica accepts from a message, so the
// harness can re-verify each one independently (oracle O3, §16.3). Certificates are shared by
// reference and interned (./intern.ts), so each is first identified by object identity; then a QC by
// what its votes signed, H(LedgerCommitInfo) (memoized per object), and the hash of the voteInfo it
// carries (the same for every honest QC, so a QC whose voteInfo a Byzantine sender swapped under
// the signed commit info is re-verified too), and a TC by its round, signers and reported rounds.
import type { Genesis } from './genesis.js';
import { isGenesisQc } from './genesis.js';
import { lciHash, voteInfoHash } from './hash.js';
import type { Outbox } from './outbox.js';
import { rnd, type ConsensusMessage, type QC, type TC } from './types.js';
import { unreachable } from '../../kernel/unreachable.js';

/**
 * A TC's content key, memoized per TC object: TCs are interned and shared by reference, so every
 * replica of a run, and every run that meets the same TC, reuses one string (and its hash).
 */
const tcKeys = new WeakMap<TC, string>();

function tcKey(tc: TC): string {
  let key = tcKeys.get(tc);
  if (key === undefined) {
    key = `tc|${tc.round}|${tc.tmoSignatures.map((s) => s.signer).join(',')}|${tc.tmoHighQcRounds.join(',')}`;
    tcKeys.set(tc, key);
  }
  return key;
}

export class CertTracker {
  /** Every QC object seen; a Set, not a WeakSet, as below. */
  private readonly seenQcObjects = new Set<QC>();
  /** H(LedgerCommitInfo) and H(voteInfo) of every QC seen: what its votes signed, and what it carries. */
  private readonly seenQcs = new Set<string>();
  /** A Set, not a WeakSet: it lives as long as its replica, and a WeakSet entry costs far more. */
  private readonly seenTcObjects = new Set<TC>();
  private readonly seenTcKeys = new Set<string>();

  constructor(private readonly genesis: Genesis, private readonly out: Outbox) {}

  /** Called once a message has passed validation and sync. */
  noteMessage(msg: ConsensusMessage): void {
    switch (msg.kind) {
      case 'proposal':
        this.noteQc(msg.block.qc);
        this.noteTc(msg.lastRoundTc);
        break;
      case 'vote':
        break;
      case 'timeout':
        this.noteQc(msg.tmoInfo.highQc);
        this.noteTc(msg.lastRoundTc);
        break;
      default:
        unreachable(msg);
    }
    this.noteQc(msg.highCommitQc);
  }

  private noteQc(qc: QC | null): void {
    if (qc === null || this.seenQcObjects.has(qc)) return;
    this.seenQcObjects.add(qc);
    const signed = lciHash(qc.ledgerCommitInfo);
    const carried = voteInfoHash(qc.voteInfo);
    const key = carried === qc.ledgerCommitInfo.voteInfoHash ? signed : `${signed}|${carried}`;
    if (this.seenQcs.has(key)) return;
    this.seenQcs.add(key);
    if (isGenesisQc(qc, this.genesis)) return;
    this.out.observe({ type: 'cert-accepted', certKind: 'qc', round: rnd(qc), cert: qc });
  }

  private noteTc(tc: TC | null): void {
    if (tc === null || this.seenTcObjects.has(tc)) return;
    this.seenTcObjects.add(tc);
    const key = tcKey(tc);
    if (this.seenTcKeys.has(key)) return;
    this.seenTcKeys.add(key);
    this.out.observe({ type: 'cert-accepted', certKind: 'tc', round: tc.round, cert: tc });
  }
}
