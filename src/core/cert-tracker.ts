// Emits `cert-accepted` once per distinct certificate a replica accepts from a message, so the
// harness can re-verify each one independently (oracle O3, §16.3). Object identity is the fast path
// (messages are shared by reference); content keys catch equal certificates in other objects.
import type { Genesis } from './genesis.js';
import { isGenesisQc } from './genesis.js';
import { lciHash } from './hash.js';
import type { Outbox } from './outbox.js';
import { rnd, type DiemMessage, type QC, type TC } from './types.js';
import { unreachable } from './unreachable.js';

export class CertTracker {
  private readonly seenObjects = new WeakSet<object>();
  private readonly seenKeys = new Set<string>();

  constructor(private readonly genesis: Genesis, private readonly out: Outbox) {}

  /** Called once a message has passed validation and sync. */
  noteMessage(msg: DiemMessage): void {
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
    if (qc === null || this.seenObjects.has(qc)) return;
    this.seenObjects.add(qc);
    if (isGenesisQc(qc, this.genesis)) return;
    const key = `qc|${lciHash(qc.ledgerCommitInfo)}|${qc.signatures.map((s) => s.signer).join(',')}`;
    if (this.seenKeys.has(key)) return;
    this.seenKeys.add(key);
    this.out.observe({ type: 'cert-accepted', certKind: 'qc', round: rnd(qc), cert: qc });
  }

  private noteTc(tc: TC | null): void {
    if (tc === null || this.seenObjects.has(tc)) return;
    this.seenObjects.add(tc);
    const key = `tc|${tc.round}|${tc.tmoSignatures.map((s) => s.signer).join(',')}|${tc.tmoHighQcRounds.join(',')}`;
    if (this.seenKeys.has(key)) return;
    this.seenKeys.add(key);
    this.out.observe({ type: 'cert-accepted', certKind: 'tc', round: tc.round, cert: tc });
  }
}
