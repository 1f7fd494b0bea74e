// Shared builders for the DiemBFT unit tests: replica options, certificates signed with the mock keys,
// and a small FIFO network driver (timers never fire) for end-to-end checks of the replica.
import { thresholds } from '../../../src/protocols/diembft/bugs.js';
import { cryptoFor } from '../../../src/kernel/crypto.js';
import type { SignedReply } from '../../../src/kernel/reply.js';
import { roundTag } from '../../../src/protocols/diembft/module.js';
import { DiemReplica } from '../../../src/protocols/diembft/replica.js';
import { noopService } from '../../../src/services/noop/noop-service.js';
import { genesisFor } from '../../../src/protocols/diembft/genesis.js';
import { lciHash, makeBlock, qcSigsHash, tmoDigest, voteInfoHash } from '../../../src/protocols/diembft/hash.js';
import type { NodeId, Observation, ReplicaOptions, ReplicaOutput, Store } from '../../../src/protocols/diembft/protocol.js';
import type { Block, DiemMessage, QC, Round, StateId, TC, Txn } from '../../../src/protocols/diembft/types.js';

export const SEED = 'test-chain';
export const genesis = genesisFor(SEED);
export const mock = cryptoFor('mock', SEED);

export function options(id: NodeId, n: number, extra: Partial<ReplicaOptions> = {}): ReplicaOptions {
  return { id, n, bugs: [], crypto: 'mock', roundTimeoutTicks: 20, retransmitTimeouts: false,
    leaderOverride: null, leaderElection: 'round-robin', marker: `m${id}`, chainSeed: SEED, service: noopService, ...extra };
}

export function emptyStore(): Store {
  return { data: new Map<string, unknown>() };
}

export function replica(id: NodeId, n: number, extra: Partial<ReplicaOptions> = {}, store = emptyStore()): DiemReplica {
  return new DiemReplica(options(id, n, extra), store);
}

/** A QC on `block` signed by `signers`, with the given commit state, assembled by `author`. */
export function qcFor(block: Block, execState: StateId, signers: readonly NodeId[], commitStateId: StateId | null,
  author: NodeId = signers[0] ?? 0): QC {
  const voteInfo = { id: block.id, round: block.round, parentId: block.qc!.voteInfo.id,
    parentRound: block.qc!.voteInfo.round, execStateId: execState };
  const ledgerCommitInfo = { commitStateId, voteInfoHash: voteInfoHash(voteInfo) };
  const signatures = [...signers].sort((a, b) => a - b).map((s) => mock.sign(s, lciHash(ledgerCommitInfo)));
  return { voteInfo, ledgerCommitInfo, signatures, author, authorSignature: mock.sign(author, qcSigsHash(signatures)) };
}

/** A TC for `round` from `signers`, each reporting the matching high QC round. */
export function tcFor(round: Round, signers: readonly NodeId[], highQcRounds: readonly Round[]): TC {
  return { round, tmoHighQcRounds: [...highQcRounds],
    tmoSignatures: signers.map((s, i) => mock.sign(s, tmoDigest(round, highQcRounds[i]!))) };
}

export function block(author: NodeId, round: Round, qc: QC, payload: readonly Txn[] = []): Block {
  return makeBlock(author, round, payload, qc);
}

export function observations(outputs: readonly ReplicaOutput<DiemMessage>[]): Observation[] {
  return outputs.flatMap((o) => (o.kind === 'observe' ? [o.obs] : []));
}

export function rejections(outputs: readonly ReplicaOutput<DiemMessage>[]): string[] {
  return observations(outputs).flatMap((o) => (o.type === 'reject' ? [`${o.what}: ${o.detail}`] : []));
}

export function messages(outputs: readonly ReplicaOutput<DiemMessage>[]): DiemMessage[] {
  return outputs.flatMap((o) => (o.kind === 'send' || o.kind === 'broadcast' ? [o.msg] : []));
}

export const quorumOf = (n: number): number => thresholds(n).quorum;

/**
 * Delivers `msg` from `from` to `r`, and answers the sync request it causes (if any) as a sender that
 * holds the blocks `held` finds would: each block asked for, then its ancestors. Returns every output
 * of both steps and the ids asked for.
 */
export function deliverWithSync(r: DiemReplica, from: NodeId, msg: DiemMessage, held: (id: string) => Block | null):
    { readonly out: ReplicaOutput<DiemMessage>[]; readonly asked: readonly string[] } {
  const first = r.step({ kind: 'message', from, msg });
  const request = messages(first).find((m) => m.kind === 'sync-request');
  if (request === undefined || request.kind !== 'sync-request') return { out: [...first], asked: [] };
  const blocks: Block[] = [];
  for (const id of request.ids) {
    for (let b = held(id); b !== null && b.qc !== null; b = held(b.qc.voteInfo.id)) blocks.push(b);
  }
  const second = blocks.length === 0 ? [] : r.step({ kind: 'message', from,
    msg: { kind: 'sync-response', round: request.round, ids: request.ids, blocks } });
  return { out: [...first, ...second], asked: request.ids };
}

export interface Delivery { readonly from: NodeId; readonly to: NodeId; readonly msg: DiemMessage }

/** A tiny network: FIFO delivery of every send and broadcast (self included); timers never fire. */
export class FifoNet {
  readonly replicas: DiemReplica[];
  readonly seen: Observation[][];
  /** The signed client replies each replica sent, in order. */
  readonly replies: SignedReply[][];
  private readonly queue: Delivery[] = [];
  /** Called before each delivery; returning false drops that delivery. */
  onDeliver: (d: Delivery) => boolean = () => true;

  constructor(n: number, bugs: string[] = [], extra: (i: NodeId) => Partial<ReplicaOptions> = () => ({})) {
    this.replicas = Array.from({ length: n }, (_, i) => replica(i, n, { bugs, ...extra(i) }));
    this.seen = this.replicas.map(() => []);
    this.replies = this.replicas.map(() => []);
  }

  /** The replies replica `i` sent since the last call. */
  takeReplies(i: number): SignedReply[] {
    return this.replies[i]!.splice(0);
  }

  apply(from: NodeId, outputs: ReturnType<DiemReplica['step']>): void {
    for (const o of outputs) {
      if (o.kind === 'send') this.queue.push({ from, to: o.to, msg: o.msg });
      else if (o.kind === 'broadcast') this.replicas.forEach((_, to) => this.queue.push({ from, to, msg: o.msg }));
      else if (o.kind === 'observe') this.seen[from]!.push(o.obs);
      else if (o.kind === 'reply') this.replies[from]!.push(o.reply);
    }
  }

  /** Delivers proposals up to `lastRound` and votes below it, so no QC of `lastRound` forms. */
  run(lastRound: number): void {
    this.replicas.forEach((r, i) => this.apply(i, r.step({ kind: 'start' })));
    for (let d = this.queue.shift(); d !== undefined; d = this.queue.shift()) {
      const limit = d.msg.kind === 'vote' ? lastRound - 1 : lastRound;
      if (roundTag(d.msg) > limit || !this.onDeliver(d)) continue;
      this.apply(d.to, this.replicas[d.to]!.step({ kind: 'message', from: d.from, msg: d.msg }));
    }
  }
}
