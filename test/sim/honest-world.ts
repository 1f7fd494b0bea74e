// A fault-free world of n single-replica identities, for foundation tests: the replicas use their own
// round-robin leader election (no harness override) on a whole network.
import { diemProtocol } from '../../src/core/diem-protocol.js';
import type { DiemMessage } from '../../src/core/types.js';
import type { LinkPolicy } from '../../src/sim/network.js';
import { WHOLE_NETWORK } from '../../src/sim/network.js';
import { World, type RunEnd } from '../../src/sim/world.js';

export interface HonestRun {
  readonly world: World<DiemMessage>;
  /** Committed block ids per replica, in height order (height 1 first). */
  readonly chains: string[][];
  readonly alarms: string[];
  run(stopAtHeight: number): RunEnd;
}

export function honestWorld(n: number, opts: {
  crypto?: 'mock' | 'ed25519'; seed?: string; network?: LinkPolicy; delay?: { min: number; max: number };
  bugs?: string[]; budgetEvents?: number;
} = {}): HonestRun {
  const chains: string[][] = Array.from({ length: n }, () => []);
  const alarms: string[] = [];
  const world = new World<DiemMessage>({
    protocol: diemProtocol, n,
    replicas: Array.from({ length: n }, (_, i) => ({ name: `r${i}`, identity: i, marker: `r${i}` })),
    replicaOptions: {
      bugs: opts.bugs ?? [], crypto: opts.crypto ?? 'mock', roundTimeoutTicks: 20, retransmitTimeouts: true,
      leaderOverride: null, leaderElection: 'round-robin', chainSeed: opts.seed ?? 'test',
    },
    seed: opts.seed ?? 'test', delayTicks: opts.delay ?? { min: 1, max: 1 }, network: opts.network ?? WHOLE_NETWORK,
    budget: { events: opts.budgetEvents ?? 2_000_000, ticks: 1_000_000 },
    observer: {
      observe(_tick, i, obs) {
        if (obs.type === 'commit') chains[i]!.push(obs.blockId);
        if (obs.type === 'alarm') alarms.push(`${i}: ${obs.detail}`);
      },
    },
  });
  return {
    world, chains, alarms,
    run: (h) => world.run(() => chains.every((c, i) => !world.isUp(i) || c.length >= h)),
  };
}
