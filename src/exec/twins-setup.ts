// Compiles a Scenario into what the simulator needs (DESIGN §5): one replica per name (twins share
// their identity's key), a per-round partition schedule with per-type groups and directed drops,
// and the harness's leader for every round (scripted rounds, then the GST tail's honest rotation).
import type { NodeId } from '../core/protocol.js';
import { KIND_INDEX, LINK_KINDS, PartitionSchedule, type RoundRules } from '../sim/network.js';
import type { WorldReplicaSpec } from '../sim/world.js';
import { identityOf, replicasOf, type Partition, type RoundSpec, type Scenario } from '../scenario/types.js';
import type { ReplicaInfo } from './oracles/oracle.js';
import { SimConfigError } from '../sim/errors.js';

export interface CompiledScenario {
  readonly replicas: readonly (WorldReplicaSpec & ReplicaInfo)[];
  readonly n: number;
  readonly scriptedRounds: number;
  readonly gstRounds: number;
  readonly schedule: PartitionSchedule;
  leaderOf(round: number): NodeId;
}

export function compileScenario(s: Scenario): CompiledScenario {
  const identityIndex = new Map<string, number>(s.nodes.map((name, i) => [name, i]));
  const idOf = (name: string): number => {
    const i = identityIndex.get(name);
    if (i === undefined) throw new SimConfigError('scenario', `names unknown identity '${name}'`);
    return i;
  };
  const names = replicasOf(s);
  const replicaIndex = new Map<string, number>(names.map((name, i) => [name, i]));
  const replicas = names.map((name, index) => {
    const identityName = identityOf(name);
    const honest = !s.twins.includes(identityName);
    return {
      index, name, identityName, honest, identity: idOf(identityName),
      marker: honest ? name : (s.markers?.[name] ?? name),
    };
  });
  const rules = s.rounds.map((r) => compileRound(r, replicaIndex));
  const honestIds = s.nodes.map((_, i) => i).filter((i) => !s.twins.includes(s.nodes[i]!));
  const rotation = honestIds.length > 0 ? honestIds : s.nodes.map((_, i) => i);
  const gstLeaders = (s.gst?.leaders ?? []).map(idOf);
  const scripted = s.rounds.map((r) => idOf(r.leader));
  const R = s.rounds.length;
  return {
    replicas, n: s.nodes.length, scriptedRounds: R, gstRounds: s.gst?.rounds ?? 0,
    schedule: new PartitionSchedule(names.length, rules),
    leaderOf(round: number): NodeId {
      if (round >= 1 && round <= R) return scripted[round - 1]!;
      const k = Math.max(0, round - R - 1);
      return gstLeaders[k] ?? rotation[k % rotation.length]!;
    },
  };
}

function compileRound(r: RoundSpec, replicaIndex: Map<string, number>): RoundRules {
  const count = replicaIndex.size;
  const groupTable = (p: Partition): Int32Array => {
    const g = new Int32Array(count).fill(-1);
    p.forEach((group, gi) => { for (const name of group) g[indexOf(name, replicaIndex)] = gi; });
    // A replica left out of every group hears no one in this round.
    for (let i = 0; i < count; i++) if (g[i] === -1) g[i] = -2 - i;
    return g;
  };
  const base = groupTable(r.partitions);
  const groupOf = LINK_KINDS.map((kind) => {
    if (kind === 'sync') return new Int32Array(count);
    const override = r.byType?.[kind];
    return override === undefined ? base : groupTable(override);
  });
  const drops: [number, number, number][] = [];
  for (const d of r.drops ?? []) {
    const kinds = d.type === 'any' ? LINK_KINDS.map((k) => KIND_INDEX[k]) : [KIND_INDEX[d.type]];
    for (const k of kinds) drops.push([k, indexOf(d.from, replicaIndex), indexOf(d.to, replicaIndex)]);
  }
  return { groupOf, drops };
}

function indexOf(name: string, replicaIndex: Map<string, number>): number {
  const i = replicaIndex.get(name);
  if (i === undefined) throw new SimConfigError('scenario', `names unknown replica '${name}'`);
  return i;
}
