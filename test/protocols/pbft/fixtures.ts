// Fixtures for PBFT replica tests: a replica of n = 4 driven by hand, and messages signed with the
// same mock keys the replicas use.
import type { ActorOutput, ClientTxn } from '../../../src/kernel/actor.js';
import { cryptoFor } from '../../../src/kernel/crypto.js';
import type { Digest } from '../../../src/kernel/hash.js';
import { emptyStore, type Store } from '../../../src/kernel/store.js';
import { batchDigest, checkpointDigest, prePrepareDigest, viewChangeDigest, voteDigest } from '../../../src/protocols/pbft/digests.js';
import type { PbftObservation } from '../../../src/protocols/pbft/observations.js';
import { PbftReplica } from '../../../src/protocols/pbft/replica.js';
import type { Batch, Checkpoint, CheckpointProof, PbftMessage, PreparedCert, PrePrepare, ViewChange, Vote } from '../../../src/protocols/pbft/types.js';
import { serviceNamed } from '../../../src/services/registry.js';
import type { FaultPolicy } from '../../../src/kernel/fate.js';
import { protocolNamed } from '../../../src/protocols/registry.js';
import { noopService } from '../../../src/services/noop/noop-service.js';
import { World } from '../../../src/sim/world.js';

export const SEED = 'pbft-fixture';
export const crypto = cryptoFor('mock', SEED);
export type Out = ActorOutput<PbftMessage, PbftObservation>;

export function replica(id: number, opts: { n?: number; bugs?: string[]; store?: Store; options?: Record<string, unknown> } = {}): PbftReplica {
  return new PbftReplica({ id, n: opts.n ?? 4, marker: `r${id}`, chainSeed: SEED, crypto: 'mock', bugs: opts.bugs ?? [],
    roundTimeoutTicks: 20, leaderOverride: null, service: serviceNamed('noop'), options: opts.options ?? {} },
  opts.store ?? emptyStore());
}

export function batch(seq: number, txns: ClientTxn[] = [], marker = 'r0'): Batch {
  return { seq, marker, txns };
}

export function prePrepare(v: number, b: Batch, signer = v % 4): PrePrepare {
  const d = batchDigest(b);
  return { kind: 'pre-prepare', v, seq: b.seq, d, batch: b, sig: crypto.sign(signer, prePrepareDigest(v, b.seq, d)) };
}

export function vote(kind: 'prepare' | 'commit', v: number, seq: number, d: Digest, i: number): Vote {
  return { kind, v, seq, d, i, sig: crypto.sign(i, voteDigest(kind, v, seq, d, i)) };
}

export function checkpoint(seq: number, d: Digest, i: number, v = 0): Checkpoint {
  return { kind: 'checkpoint', v, seq, d, i, sig: crypto.sign(i, checkpointDigest(v, seq, d, i)) };
}

/** The messages a step broadcast, by kind. */
export function sent(out: readonly Out[], kind: PbftMessage['kind']): PbftMessage[] {
  return out.flatMap((o) => (o.kind === 'broadcast' || o.kind === 'send') && o.msg.kind === kind ? [o.msg] : []);
}

export function observed<T extends PbftObservation['type']>(out: readonly Out[], type: T): Extract<PbftObservation, { type: T }>[] {
  return out.flatMap((o) => (o.kind === 'observe' && o.obs.type === type ? [o.obs as Extract<PbftObservation, { type: T }>] : []));
}

/** An honest world of n replicas running PBFT under `faults`, with every observation handed to `seen`. */
export function pbftWorld(n: number, seed: string, faults: FaultPolicy,
  seen: (tick: number, replica: number, obs: PbftObservation) => void): World<unknown> {
  return new World<unknown>({
    protocol: protocolNamed('pbft'), n, seed, delayTicks: { min: 1, max: 1 }, faults, budget: { events: 5_000_000, ticks: 5_000_000 },
    replicas: Array.from({ length: n }, (_, i) => ({ name: `r${i}`, identity: i, marker: `r${i}` })),
    replicaContext: { bugs: [], crypto: 'mock', roundTimeoutTicks: 20, leaderOverride: null, chainSeed: seed,
      service: noopService, options: {} },
    observer: { observe: (t, i, obs) => seen(t, i, obs as PbftObservation) },
  });
}

export function viewChange(v: number, i: number, P: PreparedCert[] = [], C: CheckpointProof = { seq: 0, d: 'genesis', msgs: [] }): ViewChange {
  return { kind: 'view-change', v, C, P, i, sig: crypto.sign(i, viewChangeDigest(v, C, P, i)) };
}

/** A prepared certificate for `b` in view v: the primary's pre-prepare and prepares of backups `from`. */
export function cert(v: number, b: Batch, from: number[]): PreparedCert {
  const pp = prePrepare(v, b);
  return { pp, prepares: from.map((i) => vote('prepare', v, b.seq, pp.d, i)) };
}

/** The timers a step armed, by their delays. */
export function timers(out: readonly Out[]): number[] {
  return out.flatMap((o) => (o.kind === 'set-timer' ? [o.delayTicks] : []));
}
