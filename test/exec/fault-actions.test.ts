// The shipped fault-action configs (executor-configs/fault_*.json, docs/bugs.md "Faults beyond
// partitions"): each runs a bug with one fault action, without it, and the correct protocol with it
// (test/exec/shipped-configs.test.ts checks those verdicts). This file checks the stronger claim
// the drop, delay, duplicate and mutate configs make: the same rule with any other network action in
// its place does not expose their bug; and the crash config's: the crashed replica cut off by drop
// rules instead, over the same rounds, does not expose its bug.
//
// Setup:  scenarios/fault_{drop,delay,duplicate,mutate}.json, each with one failure rule, and
//         scenarios/fault_crash.json (c crashes in round 3, restarts in round 4), default options.
// Expect: with the config's bug and the rule's own action, a violation; with the bug and the rule's
//         action replaced by each other one (drop, delay 30, duplicate, a round-up mutation of a
//         Byzantine a), a pass. With restart_from_high_qc: the crash fails; every message to and from c
//         dropped in rounds 3 and 4 instead passes, and so does c crashed for good (never restarted).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../../src/exec/run-scenario.js';
import type { FailureRule, RuleAction, Scenario } from '../../src/scenario/types.js';
import { parseScenarioText } from '../../src/scenario/validate.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function shipped(name: string): Scenario {
  return parseScenarioText(readFileSync(`${ROOT}scenarios/${name}`, 'utf8'), name);
}

function withAction(s: Scenario, action: RuleAction): Scenario {
  const { ticks: _, mutation: __, ...rule } = s.rules![0]!;
  const next: FailureRule = action === 'delay' ? { ...rule, action, ticks: 30 }
    : action === 'mutate' ? { ...rule, src: 'a', action, mutation: 'round-up' } : { ...rule, action };
  return { ...s, ...(action === 'mutate' ? { byzantine: ['a'] } : {}), rules: [next] };
}

const CASES = [
  { action: 'drop', bug: 'commit_one_chain' },
  { action: 'delay', bug: 'commit_round_gap' },
  { action: 'duplicate', bug: 'count_messages_not_signers' },
  { action: 'mutate', bug: 'block_round_unjustified' },
] as const;
const ACTIONS: readonly RuleAction[] = ['drop', 'delay', 'duplicate', 'mutate'];

describe('fault-action configs: only their own action exposes their bug', () => {
  for (const { action, bug } of CASES) {
    it(`${bug} breaks under '${action}' and passes with every other action in its place`, () => {
      const s = shipped(`fault_${action}.json`);
      expect(runScenario(s, { bugs: [bug] }).ok).to.equal(false);
      for (const other of ACTIONS.filter((a) => a !== action)) {
        const r = runScenario(withAction(s, other), { bugs: [bug] });
        expect(r.verdict, `${other}: ${JSON.stringify(r.violations[0])}`).to.equal('pass');
      }
    });
  }
});

describe('fault-action configs: only a crash and restart exposes restart_from_high_qc', () => {
  it('c crashed in round 3 and restarted breaks; c cut off by drop rules, or crashed for good, passes', () => {
    const s = shipped('fault_crash.json');
    expect(runScenario(s, { bugs: ['restart_from_high_qc'] }).violations.map((v) => v.oracle)).to.include('safety.round-entry');
    const cut = (src: string, dest: string): FailureRule => ({ src, dest, kind: '*', rounds: { min: 3, max: 4 }, action: 'drop' });
    const { crashes: _, ...rest } = s;
    const r = runScenario({ ...rest, rules: [cut('c', '*'), cut('*', 'c')] }, { bugs: ['restart_from_high_qc'] });
    expect(r.verdict, JSON.stringify(r.violations[0])).to.equal('pass');
    const forGood = runScenario({ ...s, crashes: [{ replica: 'c', round: 3, permanent: true }] }, { bugs: ['restart_from_high_qc'] });
    expect(forGood.verdict, `crashed for good: ${JSON.stringify(forGood.violations[0])}`).to.equal('pass');
  });
});
