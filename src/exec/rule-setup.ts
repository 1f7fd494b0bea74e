// Compiles a scenario's failure rules (docs/file-formats.md, "Failure rules") into the rule fault
// policy of src/sim/rule-policy.ts, or null when the scenario has none: a scenario without rules
// runs exactly as before rules existed.
import { cryptoFor, type CryptoKind } from '../kernel/crypto.js';
import type { NodeId } from '../kernel/actor.js';
import type { ProtocolModule } from '../kernel/protocol-module.js';
import { SimConfigError } from '../sim/errors.js';
import { fnv1a, RulePolicy, type CompiledRule, type EndMatch, type RuleEffect } from '../sim/rule-policy.js';
import { identityOf, RULE_ANY, RULE_LEADER, type FailureRule, type Scenario } from '../scenario/types.js';

export interface RuleReplica {
  readonly name: string;
  readonly identity: NodeId;
  readonly identityName: string;
}

export interface RuleSetup {
  readonly policy: RulePolicy<unknown>;
  /** The longest delay a rule gives a message: the liveness bound after the heal grows by it. */
  readonly maxDelayTicks: number;
}

export function compileRules(s: Scenario, protocol: ProtocolModule, replicas: readonly RuleReplica[],
  leaderOf: (round: number) => NodeId, seed: string, crypto: CryptoKind): RuleSetup | null {
  const rules = s.rules ?? [];
  if (rules.length === 0) return null;
  const faulty = new Set([...(s.byzantine ?? []), ...s.twins]);
  const compiled = rules.map((r) => compileRule(r, protocol, replicas));
  const keys = new WeakMap<object, string>();
  const messageKey = (msg: unknown): string => {
    let k = keys.get(msg as object);
    if (k === undefined) keys.set(msg as object, (k = bytesKey(protocol.codec.encode(msg))));
    return k;
  };
  const policy = new RulePolicy<unknown>({
    rules: compiled, seed, identityOf: replicas.map((r) => r.identity),
    byzantine: replicas.map((r) => faulty.has(r.identityName)), leaderOf, messageKey,
    mutations: protocol.mutations, crypto: cryptoFor(crypto, seed),
  });
  const maxDelayTicks = Math.max(0, ...rules.map((r) => (r.action === 'delay' ? r.ticks ?? 0 : 0)));
  return { policy, maxDelayTicks };
}

function compileRule(r: FailureRule, protocol: ProtocolModule, replicas: readonly RuleReplica[]): CompiledRule {
  const kind = r.kind === RULE_ANY ? -1 : protocol.kinds.indexOf(r.kind);
  if (r.kind !== RULE_ANY && kind < 0) {
    throw new SimConfigError('scenario', `rule names message kind '${r.kind}', which protocol '${protocol.name}' does not have`);
  }
  const p = r.probability ?? { num: 1, den: 1 };
  return { src: endOf(r.src, replicas), dest: endOf(r.dest, replicas), kind, rounds: roundsOf(r.rounds),
    num: p.num, den: p.den, effect: effectOf(r, protocol) };
}

function endOf(name: string, replicas: readonly RuleReplica[]): EndMatch {
  if (name === RULE_ANY) return { kind: 'any' };
  if (name === RULE_LEADER) return { kind: 'leader' };
  const index = replicas.findIndex((x) => x.name === name);
  if (index < 0) throw new SimConfigError('scenario', `rule names unknown replica '${name}' (identity '${identityOf(name)}')`);
  return { kind: 'replica', index };
}

function roundsOf(rounds: FailureRule['rounds']): (tag: number) => boolean {
  if (Array.isArray(rounds)) {
    const set = new Set<number>(rounds as readonly number[]);
    return (tag) => set.has(tag);
  }
  const { min, max } = rounds as { min: number; max: number };
  return (tag) => tag >= min && tag <= max;
}

function effectOf(r: FailureRule, protocol: ProtocolModule): RuleEffect {
  switch (r.action) {
    case 'drop': return { kind: 'drop' };
    case 'delay': return { kind: 'delay', ticks: r.ticks ?? 1 };
    case 'duplicate': return { kind: 'duplicate' };
    case 'mutate': {
      const names = protocol.mutations?.names ?? [];
      const mutation = r.mutation === undefined ? -1 : names.indexOf(r.mutation);
      if (names.length === 0 || (r.mutation !== undefined && mutation < 0)) {
        throw new SimConfigError('scenario', `rule names mutation '${r.mutation ?? '*'}', which protocol '${protocol.name}' does not declare`);
      }
      return { kind: 'mutate', mutation };
    }
  }
}

/** A content key of encoded message bytes: two FNV-1a hashes over the bytes and the length. */
function bytesKey(bytes: Uint8Array): string {
  let text = '';
  for (let k = 0; k < bytes.length; k += 4096) text += String.fromCharCode(...bytes.subarray(k, k + 4096));
  const h1 = fnv1a(text);
  const h2 = fnv1a(`${bytes.length}:${text}`);
  return `${h1.toString(16)}${h2.toString(16)}:${bytes.length}`;
}
