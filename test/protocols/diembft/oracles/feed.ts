// Feeds one DiemBFT oracle a hand-made observation sequence and returns what it reported.
//
// Setup: n = 4, f = 1, quorum 3; twin a/a' (identity 0, Byzantine), honest b, c, d (identities 1-3).
import type { OracleDef, ReplicaInfo, Violation } from '../../../../src/kernel/oracle.js';
import type { Observation } from '../../../../src/protocols/diembft/protocol.js';

const REPLICAS: readonly ReplicaInfo[] = [
  { index: 0, name: 'a', identity: 0, identityName: 'a', honest: false },
  { index: 1, name: "a'", identity: 0, identityName: 'a', honest: false },
  { index: 2, name: 'b', identity: 1, identityName: 'b', honest: true },
  { index: 3, name: 'c', identity: 2, identityName: 'c', honest: true },
  { index: 4, name: 'd', identity: 3, identityName: 'd', honest: true },
];

/** One observation: which replica made it, and what. Ticks count up from 1 in sequence order. */
export type Step = readonly [replica: string, obs: Observation];

/** The violations `oracle` reports over `steps`, as `oracle rN replicas: detail`. */
export function feed(oracle: OracleDef<Observation>, steps: readonly Step[]): string[] {
  const found: Omit<Violation, 'kind'>[] = [];
  const instance = oracle.create({
    replicas: REPLICAS, n: 4, f: 1, quorum: 3, crypto: 'mock', chainSeed: '1', livenessTicks: 100,
    run: { healTick: null, scriptedRounds: 7, gstRounds: 0, leaderOf: (r) => r % 4 },
    partitionOf: () => null,
    report: (v) => found.push(v),
  });
  steps.forEach(([name, obs], i) => {
    const replica = REPLICAS.find((r) => r.name === name);
    if (replica === undefined) throw new Error(`no replica ${name}`);
    if (oracle.observes.includes(obs.type)) instance.observe?.(i + 1, replica, obs);
  });
  return found.map((v) => `${v.oracle} r${v.round} ${v.replicas.join(',')}: ${v.detail}`);
}
