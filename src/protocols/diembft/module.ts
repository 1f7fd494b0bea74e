// The DiemBFT v4 protocol module (DESIGN §3): everything the rest of the tool learns about DiemBFT,
// found through src/protocols/registry.ts under the name "diembft".
import type { ProtocolModule, ReplicaContext } from '../../kernel/protocol-module.js';
import type { Store } from '../../kernel/store.js';
import { unreachable } from '../../kernel/unreachable.js';
import { BUG_CATALOGUE, thresholds } from './bugs.js';
import { diemCodec } from './codec.js';
import { DIEM_OPTIONS, diemOptions } from './options.js';
import { DIEM_ORACLES } from './oracles/index.js';
import type { Observation } from './protocol.js';
import { diemAttributes } from './attributes.js';
import { diemMutations } from './mutations.js';
import { DIEM_VOCABULARY } from './vocabulary.js';
import { DiemReplica } from './replica.js';
import { traceView } from './trace-view.js';
import { rnd, roundOf, type DiemMessage } from './types.js';

/** Kinds as scenarios name them; `sync` is block fetching (sync requests and responses). */
export const DIEM_KINDS = ['proposal', 'vote', 'timeout', 'sync'] as const;
const PROPOSAL = 0;
const VOTE = 1;
const TIMEOUT = 2;
const SYNC = 3;

/** The round a message is tagged with (§16.2). */
export const roundTag = roundOf;

function kindOf(msg: DiemMessage): number {
  switch (msg.kind) {
    case 'proposal': return PROPOSAL;
    case 'vote': return VOTE;
    case 'timeout': return TIMEOUT;
    case 'sync-request': return SYNC;
    case 'sync-response': return SYNC;
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
    case 'sync-request':
      return `sync request r${msg.round} for ${msg.ids.map((id) => id.slice(0, 4)).join(', ')}`;
    case 'sync-response':
      return `sync response r${msg.round} with ${msg.blocks.length} block(s) for ${msg.ids.map((id) => id.slice(0, 4)).join(', ')}`;
    default:
      return unreachable(msg);
  }
}

/** Every observation type, generic ones first (src/kernel/observation.ts). */
const OBSERVATION_TYPES: readonly Observation['type'][] = [
  'enter-round', 'propose', 'commit', 'reject', 'alarm', 'vote', 'timeout', 'qc-formed', 'tc-formed', 'cert-accepted',
  'timer-fired', 'timeout-received', 'vote-received',
];

function observationIndex(type: string): number {
  switch (type) {
    case 'enter-round': return 0;
    case 'propose': return 1;
    case 'commit': return 2;
    case 'reject': return 3;
    case 'alarm': return 4;
    case 'vote': return 5;
    case 'timeout': return 6;
    case 'qc-formed': return 7;
    case 'tc-formed': return 8;
    case 'cert-accepted': return 9;
    case 'timer-fired': return 10;
    case 'timeout-received': return 11;
    case 'vote-received': return 12;
    default: return -1;
  }
}

/** Throws UnknownBugError for an unknown bug name. */
function createReplica(ctx: ReplicaContext, store: Store): DiemReplica {
  const own = diemOptions(ctx.options);
  return new DiemReplica({
    id: ctx.id, n: ctx.n, marker: ctx.marker, bugs: ctx.bugs, crypto: ctx.crypto, roundTimeoutTicks: ctx.roundTimeoutTicks,
    leaderOverride: ctx.leaderOverride, chainSeed: ctx.chainSeed, service: ctx.service,
    retransmitTimeouts: own.retransmitTimeouts, leaderElection: own.leaderElection,
  }, store);
}

export const diembft: ProtocolModule<DiemMessage, Observation> = Object.freeze({
  name: 'diembft',
  kinds: DIEM_KINDS,
  partitionKinds: ['proposal', 'vote', 'timeout'],
  kindOf,
  roundTag,
  thresholds,
  options: DIEM_OPTIONS,
  bugs: BUG_CATALOGUE,
  oracles: DIEM_ORACLES,
  observationTypes: OBSERVATION_TYPES,
  observationIndex,
  createReplica,
  describe,
  traceView,
  codec: diemCodec,
  mutations: diemMutations,
  attributes: diemAttributes,
  vocabulary: DIEM_VOCABULARY,
});
