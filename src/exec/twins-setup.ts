// Compiles a Scenario into what the simulator needs (DESIGN §5): one replica per name (twins share
// their identity's key), a per-round partition schedule with per-type groups and directed drops,
// and the harness's leader for every round (scripted rounds, then the GST tail's honest rotation).
import type { NodeId } from '../kernel/actor.js';
import type { Groups } from '../kernel/oracle.js';
import type { ProtocolModule } from '../kernel/protocol-module.js';
import { TwinsPolicy, type RoundRules } from '../sim/twins-policy.js';
import type { WorldReplicaSpec } from '../sim/world.js';
import { ANY_KIND, CLIENT_KINDS, identityOf, permanentlyCrashed, replicasOf, type Partition, type RoundSpec, type Scenario } from '../scenario/types.js';
import type { ReplicaInfo } from './oracles/oracle.js';
import { SimConfigError } from '../sim/errors.js';

export interface CompiledScenario {
  readonly scenario: Scenario;
  readonly replicas: readonly (WorldReplicaSpec & ReplicaInfo)[];
  readonly n: number;
  readonly scriptedRounds: number;
  readonly gstRounds: number;
  /** Partitions and directed drops per scripted round: the run's fault policy. */
  readonly schedule: TwinsPolicy;
  leaderOf(round: number): NodeId;
  /** The groups of scripted round `round` for messages of kind `kind`; null outside the script. */
  partitionOf(round: number, kind: string): Groups | null;
}

export function compileScenario(s: Scenario, protocol: ProtocolModule): CompiledScenario {
  const identityIndex = new Map<string, number>(s.nodes.map((name, i) => [name, i]));
  const idOf = (name: string): number => {
    const i = identityIndex.get(name);
    if (i === undefined) throw new SimConfigError('scenario', `names unknown identity '${name}'`);
    return i;
  };
  const names = replicasOf(s);
  const replicaIndex = new Map<string, number>(names.map((name, i) => [name, i]));
  const down = permanentlyCrashed(s);
  const replicas = names.map((name, index) => {
    const identityName = identityOf(name);
    const honest = !s.twins.includes(identityName) && !(s.byzantine ?? []).includes(identityName);
    return {
      index, name, identityName, honest, identity: idOf(identityName),
      marker: honest ? name : (s.markers?.[name] ?? name),
      ...(down.has(name) ? { permanentlyCrashed: true } : {}),
    };
  });
  const rules = s.rounds.map((r) => compileRound(r, replicaIndex, protocol));
  // The GST tail's rotation skips identities whose only replica crashed for good.
  const honestIds = s.nodes.map((_, i) => i).filter((i) => !s.twins.includes(s.nodes[i]!) && !down.has(s.nodes[i]!));
  const rotation = honestIds.length > 0 ? honestIds : s.nodes.map((_, i) => i);
  const gstLeaders = (s.gst?.leaders ?? []).map(idOf);
  const scripted = s.rounds.map((r) => idOf(r.leader));
  const R = s.rounds.length;
  return {
    scenario: s, replicas, n: s.nodes.length, scriptedRounds: R, gstRounds: s.gst?.rounds ?? 0,
    schedule: new TwinsPolicy(names.length, protocol.kinds.length, rules),
    partitionOf(round: number, kind: string): Groups | null {
      const r = s.rounds[round - 1];
      return r === undefined ? null : r.byType?.[kind] ?? r.partitions;
    },
    leaderOf(round: number): NodeId {
      if (round >= 1 && round <= R) return scripted[round - 1]!;
      const k = Math.max(0, round - R - 1);
      return gstLeaders[k] ?? rotation[k % rotation.length]!;
    },
  };
}

function compileRound(r: RoundSpec, replicaIndex: Map<string, number>, protocol: ProtocolModule): RoundRules {
  const count = replicaIndex.size;
  const groupTable = (p: Partition): Int32Array => {
    const g = new Int32Array(count).fill(-1);
    p.forEach((group, gi) => { for (const name of group) g[indexOf(name, replicaIndex)] = gi; });
    // A replica left out of every group hears no one in this round.
    for (let i = 0; i < count; i++) if (g[i] === -1) g[i] = -2 - i;
    return g;
  };
  const base = groupTable(r.partitions);
  // A kind without its own partition (DiemBFT's sync) is never partitioned, only dropped by rule.
  const whole = new Int32Array(count);
  const groupOf = protocol.kinds.map((kind) => {
    if (!protocol.partitionKinds.includes(kind)) return whole;
    const override = r.byType?.[kind];
    return override === undefined ? base : groupTable(override);
  });
  const drops: [number, number, number][] = [];
  for (const d of r.drops ?? []) {
    if ((CLIENT_KINDS as readonly string[]).includes(d.type)) continue;   // client traffic: ./client-setup.ts
    const kinds = d.type === ANY_KIND ? protocol.kinds.map((_, k) => k) : [kindIndex(d.type, protocol)];
    for (const k of kinds) drops.push([k, indexOf(d.from, replicaIndex), indexOf(d.to, replicaIndex)]);
  }
  return { groupOf, drops };
}

function indexOf(name: string, replicaIndex: Map<string, number>): number {
  const i = replicaIndex.get(name);
  if (i === undefined) throw new SimConfigError('scenario', `names unknown replica '${name}'`);
  return i;
}

function kindIndex(kind: string, protocol: ProtocolModule): number {
  const k = protocol.kinds.indexOf(kind);
  if (k < 0) throw new SimConfigError('scenario', `names message kind '${kind}', which protocol '${protocol.name}' does not have`);
  return k;
}
