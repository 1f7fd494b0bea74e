// A fault-free world of n single-replica identities, for foundation tests: the replicas use their own
// round-robin leader election (no harness override) on a whole network.
import type { CommitObservation, AlarmObservation } from '../../src/kernel/observation.js';
import type { ProtocolModule } from '../../src/kernel/protocol-module.js';
import { protocolNamed } from '../../src/protocols/registry.js';
import { noopService } from '../../src/services/noop/noop-service.js';
import { NO_FAULTS, type FaultPolicy } from '../../src/kernel/fate.js';
import { World, type RunEnd } from '../../src/sim/world.js';

export interface HonestRun {
  readonly world: World<unknown>;
  /** Committed block ids per replica, in height order (height 1 first). */
  readonly chains: string[][];
  readonly alarms: string[];
  /** Every message a fault policy dropped, with its reason. */
  readonly drops: { readonly from: number; readonly to: number; readonly reason: string }[];
  /** Every delivered message, in delivery order. */
  readonly delivered: { readonly tick: number; readonly from: number; readonly to: number; readonly msg: unknown }[];
  run(stopAtHeight: number): RunEnd;
}

export function honestWorld(n: number, opts: {
  crypto?: 'mock' | 'ed25519'; seed?: string; faults?: FaultPolicy; delay?: { min: number; max: number };
  bugs?: string[]; budgetEvents?: number; protocol?: ProtocolModule;
} = {}): HonestRun {
  const chains: string[][] = Array.from({ length: n }, () => []);
  const alarms: string[] = [];
  const drops: HonestRun['drops'] = [];
  const delivered: HonestRun['delivered'] = [];
  const world = new World<unknown>({
    protocol: opts.protocol ?? protocolNamed('diembft'), n,
    replicas: Array.from({ length: n }, (_, i) => ({ name: `r${i}`, identity: i, marker: `r${i}` })),
    replicaContext: {
      bugs: opts.bugs ?? [], crypto: opts.crypto ?? 'mock', roundTimeoutTicks: 20, leaderOverride: null,
      chainSeed: opts.seed ?? 'test', service: noopService, options: {},
    },
    seed: opts.seed ?? 'test', delayTicks: opts.delay ?? { min: 1, max: 1 }, faults: opts.faults ?? NO_FAULTS,
    budget: { events: opts.budgetEvents ?? 2_000_000, ticks: 1_000_000 },
    observer: {
      drop(_tick, from, to, _msg, reason) { drops.push({ from, to, reason }); },
      deliver(tick, from, to, msg) { delivered.push({ tick, from, to, msg }); },
      observe(_tick, i, obs) {
        if (obs.type === 'commit') chains[i]!.push((obs as CommitObservation).blockId);
        if (obs.type === 'alarm') alarms.push(`${i}: ${(obs as AlarmObservation).detail}`);
      },
    },
  });
  return {
    world, chains, alarms, drops, delivered,
    run: (h) => world.run(() => chains.every((c, i) => !world.isUp(i) || c.length >= h)),
  };
}
