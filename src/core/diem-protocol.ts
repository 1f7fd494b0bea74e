// The DiemBFT v4 protocol as the simulator sees it (DESIGN §3, src/core/protocol.ts).
import { BUG_NAMES, thresholds } from './bugs.js';
import { checkCert } from './check-cert.js';
import type { Protocol, ReplicaOptions, Store } from './protocol.js';
import { DiemReplica } from './replica.js';
import { rnd, type DiemMessage } from './types.js';
import { unreachable } from './unreachable.js';

/** The round a message is tagged with (§16.2): block.round, voteInfo.round or tmoInfo.round. */
export function roundTag(msg: DiemMessage): number {
  switch (msg.kind) {
    case 'proposal': return msg.block.round;
    case 'vote': return msg.voteInfo.round;
    case 'timeout': return msg.tmoInfo.round;
    default: return unreachable(msg);
  }
}

/** A short readable description of a message for traces. */
export function describe(msg: DiemMessage): string {
  switch (msg.kind) {
    case 'proposal': {
      const b = msg.block;
      const tc = msg.lastRoundTc === null ? '' : ` tc ${msg.lastRoundTc.round}`;
      return `proposal r${b.round} block ${b.id.slice(0, 4)} by ${b.author} on qc ${b.qc === null ? '-' : rnd(b.qc)}${tc}`;
    }
    case 'vote': {
      const commit = msg.ledgerCommitInfo.commitStateId === null ? '' : ' (commit)';
      return `vote r${msg.voteInfo.round} for ${msg.voteInfo.id.slice(0, 4)} by ${msg.sender}${commit}`;
    }
    case 'timeout':
      return `timeout r${msg.tmoInfo.round} hqc ${rnd(msg.tmoInfo.highQc)} by ${msg.tmoInfo.sender}`;
    default:
      return unreachable(msg);
  }
}

export const diemProtocol: Protocol<DiemMessage> = Object.freeze({
  name: 'diembft-v4',
  /** Throws UnknownBugError for an unknown bug name. */
  create: (options: ReplicaOptions, store: Store) => new DiemReplica(options, store),
  roundTag,
  kind: (msg: DiemMessage) => msg.kind,
  thresholds,
  checkCert,
  bugNames: BUG_NAMES,
  describe,
});
