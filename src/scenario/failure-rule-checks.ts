// The rules of a scenario's `byzantine` and `rules` fields that a JSON Schema cannot express
// (docs/file-formats.md, "Failure rules"): Byzantine identities are nodes and at most f; a rule names
// known replicas (or `leader`, `*`), a kind of the protocol (or `*`), a round range with min <= max, a
// probability num <= den; `ticks` goes with `delay` alone and `mutation` with `mutate` alone; a
// mutate rule names a mutation the protocol declares and may only match a Byzantine sender.
import type { ProtocolModule } from '../kernel/protocol-module.js';
import { UserError } from './errors.js';
import { childPath } from './json-path.js';
import { identityOf, RULE_ANY, RULE_LEADER, type FailureRule, type Scenario } from './types.js';

type RequireReplica = (name: string, path: string) => void;

/** Throws a UserError, with a path below `base`, for the first rule of `byzantine` or `rules` that `s` breaks. */
export function checkFailureRules(s: Scenario, protocol: ProtocolModule, file: string, base: string,
  requireReplica: RequireReplica): void {
  const { f } = protocol.thresholds(s.nodes.length);
  const byzantine = s.byzantine ?? [];
  byzantine.forEach((id, i) => {
    if (!s.nodes.includes(id)) {
      throw new UserError(file, childPath(base, 'byzantine', i), `byzantine '${id}' is not a node; nodes: ${s.nodes.join(', ')}`);
    }
  });
  if (byzantine.length > f) {
    throw new UserError(file, childPath(base, 'byzantine'), `${byzantine.length} Byzantine identities, but n = ${s.nodes.length} tolerates at most f = ${f}`);
  }
  const faulty = new Set([...byzantine, ...s.twins]);
  s.rules?.forEach((rule, i) => checkRule(rule, protocol, faulty, file, childPath(base, 'rules', i), requireReplica));
  s.setAttrs?.forEach((a, i) => {
    const path = childPath(base, 'setAttrs', i);
    requireReplica(a.replica, childPath(path, 'replica'));
    if (!faulty.has(identityOf(a.replica))) {
      throw new UserError(file, childPath(path, 'replica'), `only a Byzantine replica's attributes may be set, and '${identityOf(a.replica)}' is neither in 'byzantine' nor in 'twins'`);
    }
    const names = protocol.attributes?.names ?? [];
    if (!names.includes(a.attribute)) {
      const known = names.length === 0 ? `protocol '${protocol.name}' declares no attributes` : `must be one of ${names.join(', ')}`;
      throw new UserError(file, childPath(path, 'attribute'), `${known}; got '${a.attribute}'`);
    }
  });
}

function checkRule(rule: FailureRule, protocol: ProtocolModule, faulty: ReadonlySet<string>, file: string, path: string,
  requireReplica: RequireReplica): void {
  for (const end of ['src', 'dest'] as const) {
    const name = rule[end];
    if (name !== RULE_ANY && name !== RULE_LEADER) requireReplica(name, childPath(path, end));
  }
  if (rule.kind !== RULE_ANY && !protocol.kinds.includes(rule.kind)) {
    throw new UserError(file, childPath(path, 'kind'), `must be one of ${[...protocol.kinds, RULE_ANY].join(', ')}; got '${rule.kind}'`);
  }
  if (!Array.isArray(rule.rounds)) {
    const r = rule.rounds as { min: number; max: number };
    if (r.min > r.max) throw new UserError(file, childPath(path, 'rounds', 'min'), `min ${r.min} is greater than max ${r.max}`);
  }
  const p = rule.probability;
  if (p !== undefined && p.num > p.den) {
    throw new UserError(file, childPath(path, 'probability', 'num'), `num ${p.num} is greater than den ${p.den}; a probability is at most 1`);
  }
  checkAction(rule, protocol, faulty, file, path);
}

function checkAction(rule: FailureRule, protocol: ProtocolModule, faulty: ReadonlySet<string>, file: string, path: string): void {
  if (rule.action === 'delay' && rule.ticks === undefined) {
    throw new UserError(file, path, "a 'delay' rule needs 'ticks'");
  }
  if (rule.action !== 'delay' && rule.ticks !== undefined) {
    throw new UserError(file, childPath(path, 'ticks'), `'ticks' belongs to a 'delay' rule, not '${rule.action}'`);
  }
  if (rule.action !== 'mutate') {
    if (rule.mutation !== undefined) {
      throw new UserError(file, childPath(path, 'mutation'), `'mutation' belongs to a 'mutate' rule, not '${rule.action}'`);
    }
    return;
  }
  const names = protocol.mutations?.names ?? [];
  if (names.length === 0) throw new UserError(file, childPath(path, 'action'), `protocol '${protocol.name}' declares no mutations`);
  if (rule.mutation !== undefined && !names.includes(rule.mutation)) {
    throw new UserError(file, childPath(path, 'mutation'), `must be one of ${names.join(', ')}; got '${rule.mutation}'`);
  }
  if (rule.src !== RULE_ANY && rule.src !== RULE_LEADER && !faulty.has(identityOf(rule.src))) {
    throw new UserError(file, childPath(path, 'src'),
      `a 'mutate' rule mutates only Byzantine senders, and '${identityOf(rule.src)}' is neither in 'byzantine' nor in 'twins'`);
  }
}
