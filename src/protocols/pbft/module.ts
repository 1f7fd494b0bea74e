// The PBFT protocol module (DESIGN §3, pbft.md): everything the rest of the tool learns about PBFT,
// found through src/protocols/registry.ts under the name "pbft".
//
// Twins semantics: a message's round tag is its view plus one (scenario rounds count from 1, views
// from 0), so a scenario's round r scripts view r-1, and the `leader` of round r is the primary of
// view r-1. VIEW-CHANGE and NEW-VIEW are tagged with the view they move to; CHECKPOINT, FETCH and
// COMMITTED carry the sender's view for the same purpose.
//
// The GST tail counts commits, not rounds (`tailUnit`): a view changes only when a request times
// out, so a healed, progressing PBFT enters no new view, and a tail of N views would last until the
// liveness bound. A tail of N commits ends once every honest replica has committed N sequence
// numbers proposed after the heal (src/exec/commit-tail.ts).
import type { ProtocolModule, ReplicaContext } from '../../kernel/protocol-module.js';
import type { Store } from '../../kernel/store.js';
import { unreachable } from '../../kernel/unreachable.js';
import { BUG_CATALOGUE } from './bugs.js';
import { pbftCodec } from './codec.js';
import { observationIndex, PBFT_OBSERVATION_TYPES, type PbftObservation } from './observations.js';
import { PBFT_OPTIONS } from './options.js';
import { PBFT_ORACLES } from './oracles/index.js';
import { PbftReplica } from './replica.js';
import { pbftAttributes } from './attributes.js';
import { pbftMutations } from './mutations.js';
import { PBFT_VOCABULARY } from './vocabulary.js';
import { thresholds } from './thresholds.js';
import { traceView } from './trace-view.js';
import type { PbftMessage } from './types.js';

/** Kinds as scenarios name them; `fetch` is catching up (FETCH and its COMMITTED answer). */
export const PBFT_KINDS = ['pre-prepare', 'prepare', 'commit', 'checkpoint', 'fetch', 'view-change', 'new-view'] as const;

function kindOf(msg: PbftMessage): number {
  switch (msg.kind) {
    case 'pre-prepare': return 0;
    case 'prepare': return 1;
    case 'commit': return 2;
    case 'checkpoint': return 3;
    case 'fetch': return 4;
    case 'committed': return 4;
    case 'view-change': return 5;
    case 'new-view': return 6;
    default: return unreachable(msg);
  }
}

/** The round a message is tagged with: its view plus one. */
export function roundTag(msg: PbftMessage): number {
  return msg.v + 1;
}

/** A short readable description of a message for traces. */
export function describe(msg: PbftMessage): string {
  switch (msg.kind) {
    case 'pre-prepare': return `pre-prepare v${msg.v} seq ${msg.seq} ${msg.d.slice(0, 4)} (${msg.batch.txns.length} request(s))`;
    case 'prepare': return `prepare v${msg.v} seq ${msg.seq} ${msg.d.slice(0, 4)} by ${msg.i}`;
    case 'commit': return `commit v${msg.v} seq ${msg.seq} ${msg.d.slice(0, 4)} by ${msg.i}`;
    case 'checkpoint': return `checkpoint seq ${msg.seq} ${msg.d.slice(0, 4)} by ${msg.i}`;
    case 'fetch': return `fetch from seq ${msg.fromSeq} by ${msg.i}`;
    case 'view-change': return `view-change to v${msg.v} from checkpoint ${msg.C.seq} with ${msg.P.length} certificate(s) by ${msg.i}`;
    case 'new-view': return `new-view v${msg.v} with ${msg.V.length} view-change(s) and ${msg.O.length} pre-prepare(s)`;
    case 'committed': return `committed ${msg.entries.length} entr${msg.entries.length === 1 ? 'y' : 'ies'} by ${msg.i}`;
    default: return unreachable(msg);
  }
}

/** Throws UnknownBugError for an unknown bug name. */
function createReplica(ctx: ReplicaContext, store: Store): PbftReplica {
  return new PbftReplica(ctx, store);
}

export const pbft: ProtocolModule<PbftMessage, PbftObservation> = Object.freeze({
  name: 'pbft',
  kinds: PBFT_KINDS,
  partitionKinds: ['pre-prepare', 'prepare', 'commit', 'checkpoint', 'view-change', 'new-view'],
  kindOf,
  roundTag,
  thresholds,
  options: PBFT_OPTIONS,
  bugs: BUG_CATALOGUE,
  oracles: PBFT_ORACLES,
  observationTypes: PBFT_OBSERVATION_TYPES,
  observationIndex,
  createReplica,
  describe,
  traceView,
  codec: pbftCodec,
  mutations: pbftMutations,
  attributes: pbftAttributes,
  vocabulary: PBFT_VOCABULARY,
  tailUnit: 'commit',
});
