// The rules of a scenario that a JSON Schema cannot express: names must refer to each other
// (twins are nodes, partitions name existing replicas, leaders are identities) and every partition
// splits the replicas into disjoint groups that cover them all (DESIGN §5). The protocol must be known,
// and every message kind a round names must be one of its kinds (its module's `kinds`).
import { UserError } from './errors.js';
import { childPath } from './json-path.js';
import { CLIENT_KINDS, dropTypesOf, identityOf, replicasOf, type Partition, type RoundSpec, type Scenario } from './types.js';
import { DEFAULT_PROTOCOL, findProtocol, protocolNames } from '../protocols/registry.js';
import { checkClientDrop, checkReplyFaults, checkServiceFields, isClientKind } from './client-rules.js';
import { checkFailureRules } from './failure-rule-checks.js';

interface Context {
  readonly file: string;
  readonly identities: ReadonlySet<string>;
  readonly twins: ReadonlySet<string>;
  readonly replicas: readonly string[];
  readonly replicaSet: ReadonlySet<string>;
  /** Kinds a round may give its own partition, and kinds (with `any`) a drop may name. */
  readonly partitionKinds: readonly string[];
  readonly dropTypes: readonly string[];
  readonly scenario: Scenario;
}

/** Throws a UserError, with a path below `base`, for the first cross-reference rule `s` breaks. */
export function checkScenarioRules(s: Scenario, file: string, base = '$'): void {
  const protocol = findProtocol(s.protocol ?? DEFAULT_PROTOCOL);
  if (protocol === undefined) {
    throw new UserError(file, childPath(base, 'protocol'), `unknown protocol '${s.protocol}'; known: ${protocolNames().join(', ')}`);
  }
  const identities = new Set(s.nodes);
  s.twins.forEach((t, i) => {
    if (!identities.has(t)) throw new UserError(file, childPath(base, 'twins', i), `twin '${t}' is not a node; nodes: ${s.nodes.join(', ')}`);
  });
  const twins = new Set(s.twins);
  for (const id of Object.keys(s.replicas ?? {})) {
    if (!twins.has(id)) {
      throw new UserError(file, childPath(base, 'replicas', id), `'${id}' is not a twin; only twinned identities run extra replicas`);
    }
  }
  const replicas = replicasOf(s);
  const ctx: Context = { file, identities, twins, replicas, replicaSet: new Set(replicas),
    partitionKinds: protocol.partitionKinds, scenario: s,
    dropTypes: (s.workloads?.length ?? 0) > 0 ? [...dropTypesOf(protocol.kinds), ...CLIENT_KINDS] : dropTypesOf(protocol.kinds) };
  for (const name of Object.keys(s.markers ?? {})) requireReplica(ctx, name, childPath(base, 'markers', name));
  s.rounds.forEach((round, i) => checkRound(ctx, round, childPath(base, 'rounds', i)));
  s.gst?.leaders?.forEach((leader, i) => requireIdentity(ctx, leader, childPath(base, 'gst', 'leaders', i)));
  checkServiceFields(s, file, base);
  checkReplyFaults(s, file, base, ctx.replicaSet);
  checkTiming(ctx, s, base);
  checkFailureRules(s, protocol, file, base, (name, path) => requireReplica(ctx, name, path));
}

/** Delays need min <= max; a crash names a replica, restarts after it crashed, and each replica crashes at most once. */
function checkTiming(ctx: Context, s: Scenario, base: string): void {
  if (s.delays !== undefined && s.delays.min > s.delays.max) {
    throw new UserError(ctx.file, childPath(base, 'delays', 'min'), `min ${s.delays.min} is greater than max ${s.delays.max}`);
  }
  const crashed = new Set<string>();
  s.crashes?.forEach((c, i) => {
    requireReplica(ctx, c.replica, childPath(base, 'crashes', i, 'replica'));
    if (crashed.has(c.replica)) {
      throw new UserError(ctx.file, childPath(base, 'crashes', i, 'replica'), `replica '${c.replica}' already crashes in an earlier entry; each replica crashes at most once`);
    }
    crashed.add(c.replica);
    if (c.permanent === true && c.restartRound !== undefined) {
      throw new UserError(ctx.file, childPath(base, 'crashes', i, 'permanent'),
        `a permanent crash never restarts; remove restartRound ${c.restartRound} or permanent`);
    }
    if (c.restartRound !== undefined && c.restartRound <= c.round) {
      throw new UserError(ctx.file, childPath(base, 'crashes', i, 'restartRound'),
        `restartRound ${c.restartRound} must be greater than the crash round ${c.round}`);
    }
  });
}

// Paths are written only for a rule broken: a scenario that keeps every rule (nearly all of them,
// and every line of a large .jsonl file) is checked without building a string.
function checkRound(ctx: Context, round: RoundSpec, path: string): void {
  requireIdentity(ctx, round.leader, () => childPath(path, 'leader'));
  checkPartition(ctx, round.partitions, () => childPath(path, 'partitions'));
  for (const [type, partition] of Object.entries(round.byType ?? {})) {
    requireKind(ctx, type, ctx.partitionKinds, childPath(path, 'byType', type));
    checkPartition(ctx, partition, () => childPath(path, 'byType', type));
  }
  round.drops?.forEach((drop, i) => {
    requireKind(ctx, drop.type, ctx.dropTypes, () => childPath(path, 'drops', i, 'type'));
    if (isClientKind(drop.type)) return checkClientDrop(ctx.scenario, drop, ctx.file, childPath(path, 'drops', i), ctx.replicaSet);
    requireReplica(ctx, drop.from, () => childPath(path, 'drops', i, 'from'));
    requireReplica(ctx, drop.to, () => childPath(path, 'drops', i, 'to'));
  });
}

type LazyPath = string | (() => string);
const pathOf = (p: LazyPath): string => (typeof p === 'string' ? p : p());

/** Groups must name known replicas, be disjoint and together cover every replica. */
function checkPartition(ctx: Context, partition: Partition, lazyPath: LazyPath): void {
  const groupOf = new Map<string, number>();
  partition.forEach((group, g) => {
    group.forEach((name, k) => {
      if (ctx.replicaSet.has(name) && !groupOf.has(name)) {
        groupOf.set(name, g);
        return;
      }
      const path = pathOf(lazyPath);
      const at = childPath(path, g, k);
      requireReplica(ctx, name, at);
      const earlier = groupOf.get(name);
      if (earlier === g) throw new UserError(ctx.file, at, `replica '${name}' appears twice in group ${g}`);
      if (earlier !== undefined) throw new UserError(ctx.file, at, `replica '${name}' is in groups ${earlier} and ${g}; groups must be disjoint`);
      groupOf.set(name, g);
    });
  });
  if (groupOf.size === ctx.replicas.length) return;
  const missing = ctx.replicas.filter((r) => !groupOf.has(r));
  if (missing.length > 0) {
    const list = missing.map((r) => `'${r}'`).join(', ');
    throw new UserError(ctx.file, pathOf(lazyPath), `partition does not cover every replica: missing ${list}; every replica must be in exactly one group`);
  }
}

function requireKind(ctx: Context, kind: string, known: readonly string[], path: LazyPath): void {
  if (!known.includes(kind)) throw new UserError(ctx.file, pathOf(path), `must be one of ${known.join(', ')}; got '${kind}'`);
}

function requireReplica(ctx: Context, name: string, path: LazyPath): void {
  if (ctx.replicaSet.has(name)) return;
  const id = identityOf(name);
  let why: string;
  if (!ctx.identities.has(id)) why = `replicas: ${ctx.replicas.join(', ')}`;
  else if (!ctx.twins.has(id)) why = `'${id}' is not twinned, so it has the single replica '${id}'`;
  else why = `'${id}' has the replicas ${ctx.replicas.filter((r) => identityOf(r) === id).join(', ')}`;
  throw new UserError(ctx.file, pathOf(path), `unknown replica '${name}'; ${why}`);
}

function requireIdentity(ctx: Context, name: string, path: LazyPath): void {
  if (ctx.identities.has(name)) return;
  const id = identityOf(name);
  const detail = id !== name && ctx.identities.has(id)
    ? `leader '${name}' is a replica name, not an identity; write '${id}' (every replica of a twinned leader leads)`
    : `leader '${name}' is not an identity; identities: ${[...ctx.identities].join(', ')}`;
  throw new UserError(ctx.file, pathOf(path), detail);
}
