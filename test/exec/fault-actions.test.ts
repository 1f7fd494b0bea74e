// The shipped fault-action configs (executor-configs/fault_*.json, docs/bugs.md "Faults beyond
// partitions"): each runs a bug with one fault action, without it, and the correct protocol with it
// (test/exec/shipped-configs.test.ts checks those verdicts). This file checks the stronger claim each
// config makes: on the same base scenario, no OTHER fault action exposes its bug.
//
// Setup:  each config's scenario, its fault taken out (the base), over the fault's rounds R:
//         - drop, delay and duplicate: the config's failure rule with that action (without a rule,
//           rules on every message in R from one identity, to it, and both, for each identity); delays of 5, 10 and 15
//           ticks, which keep a message inside the 20-tick round it belongs to, and, except against
//           the drop config, 30 and 60 ticks (a delay past the round is a drop to a protocol that
//           ignores messages of rounds it left, so against the drop config it would be the drop);
//         - mutate: for each identity, Byzantine, each mutation its protocol declares, on the rule's
//           messages from that identity (every message it sends in R when the config has no rule);
//         - crash: each identity crashing at the start of R and restarting after R, or for good;
//         - setattr: each identity, Byzantine, each attribute its protocol declares, set at the
//           start of R to 0, 1, 2, R+1, R+3 or 50.
// Expect: the config's own scenario breaks with its bug; every substitute passes with it.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../../src/exec/run-scenario.js';
import { protocolNamed } from '../../src/protocols/registry.js';
import type { FailureRule, RoundRange, RuleAction, Scenario } from '../../src/scenario/types.js';
import { parseScenarioText } from '../../src/scenario/validate.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

type Action = RuleAction | 'crash' | 'setattr';

const CASES: readonly { readonly action: Action; readonly bug: string }[] = [
  { action: 'drop', bug: 'commit_round_gap' },
  { action: 'delay', bug: 'timeout_keeps_vote_round' },
  { action: 'duplicate', bug: 'count_messages_not_signers' },
  { action: 'mutate', bug: 'block_round_unjustified' },
  { action: 'crash', bug: 'restart_from_high_qc' },
  { action: 'setattr', bug: 'preprepare_enters_view' },
];

const SHORT_DELAYS = [5, 10, 15];
const LONG_DELAYS = [30, 60];

function shipped(name: string): Scenario {
  return parseScenarioText(readFileSync(`${ROOT}scenarios/${name}`, 'utf8'), name);
}

/** The rounds the scenario's one fault covers. */
function faultRounds(s: Scenario): RoundRange {
  const rule = s.rules?.[0];
  if (rule !== undefined) {
    const r = rule.rounds;
    return Array.isArray(r) ? { min: Math.min(...r), max: Math.max(...r) } : r as RoundRange;
  }
  const crash = s.crashes?.[0];
  if (crash !== undefined) return { min: crash.round, max: (crash.restartRound ?? crash.round + 1) - 1 };
  const set = s.setAttrs![0]!;
  return { min: set.round, max: set.round };
}

/** Every other fault action on the base of `s`, by a readable name. */
function substitutes(s: Scenario, own: Action): [string, Scenario][] {
  const { rules, crashes: _c, setAttrs: _s, byzantine: _b, ...base } = s;
  const R = faultRounds(s);
  const proto = protocolNamed(s.protocol ?? 'diembft');
  const from = (x: string): Omit<FailureRule, 'action'> => {
    const { action: _, ticks: __, mutation: ___, ...rule } = rules?.[0] ?? { src: x, dest: '*', kind: '*', rounds: R, action: 'drop' };
    return { ...rule, src: x };
  };
  // Without a rule: the messages from one identity, to it, and both (the identity cut off).
  const to = (x: string): Omit<FailureRule, 'action'> => ({ src: '*', dest: x, kind: '*', rounds: R });
  const network: Omit<FailureRule, 'action'>[][] = rules !== undefined
    ? [[(({ action: _, ticks: __, mutation: ___, ...r }) => r)(rules[0]!)]]
    : s.nodes.flatMap((x) => [[from(x)], [to(x)], [from(x), to(x)]]);
  const out: [string, Scenario][] = [];
  const withRules = (name: string, rs: readonly FailureRule[], byz?: string): void => {
    out.push([`${name} ${JSON.stringify(rs.map((r) => [r.src, r.dest, r.kind]))}`,
      { ...base, ...(byz === undefined ? {} : { byzantine: [byz] }), rules: rs }]);
  };
  for (const rs of network) {
    if (own !== 'drop') withRules('drop', rs.map((r) => ({ ...r, action: 'drop' })));
    for (const ticks of own === 'delay' ? [] : own === 'drop' ? SHORT_DELAYS : [...SHORT_DELAYS, ...LONG_DELAYS]) {
      withRules(`delay ${ticks}`, rs.map((r) => ({ ...r, action: 'delay', ticks })));
    }
    if (own !== 'duplicate') withRules('duplicate', rs.map((r) => ({ ...r, action: 'duplicate' })));
  }
  for (const x of s.nodes) {
    if (own !== 'mutate') for (const m of proto.mutations?.names ?? []) withRules(`mutate ${m}`, [{ ...from(x), action: 'mutate', mutation: m }], x);
    if (own !== 'crash') {
      out.push([`crash ${x} in ${R.min}, restart in ${R.max + 1}`, { ...base, crashes: [{ replica: x, round: R.min, restartRound: R.max + 1 }] }]);
      out.push([`crash ${x} for good in ${R.min}`, { ...base, crashes: [{ replica: x, round: R.min, permanent: true }] }]);
    }
    if (own !== 'setattr') {
      for (const attribute of proto.attributes?.names ?? []) {
        for (const value of new Set([0, 1, 2, R.min + 1, R.min + 3, 50])) {
          out.push([`setattr ${x} ${attribute}=${value}`, { ...base, byzantine: [x], setAttrs: [{ replica: x, round: R.min, attribute, value }] }]);
        }
      }
    }
  }
  return out;
}

describe('fault-action configs: only their own action exposes their bug', function () {
  this.timeout(600_000);
  for (const { action, bug } of CASES) {
    it(`fault_${action}: ${bug} breaks under '${action}' and passes under every other action on the same base`, () => {
      const s = shipped(`fault_${action}.json`);
      expect(runScenario(s, { bugs: [bug] }).ok, 'the config\'s own fault exposes the bug').to.equal(false);
      const exposing: string[] = [];
      for (const [name, other] of substitutes(s, action)) {
        const r = runScenario(parseScenarioText(JSON.stringify(other), name), { bugs: [bug] });
        if (r.verdict !== 'pass') exposing.push(`${name}: ${r.verdict} ${r.violations[0]?.oracle ?? ''}`);
      }
      expect(exposing).to.deep.equal([]);
    });
  }
});
