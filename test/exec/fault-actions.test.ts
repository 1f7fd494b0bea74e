// The shipped fault-action configs (executor-configs/fault_*.json, docs/bugs.md "Faults beyond
// partitions"): each runs a bug with one fault action, without it, and the correct protocol with it
// (test/exec/shipped-configs.test.ts checks those verdicts). This file checks the stronger claim
// the drop, delay and duplicate configs make: the same rule with any other network action in its
// place does not expose their bug.
//
// Setup:  scenarios/fault_{drop,delay,duplicate}.json, each with one failure rule, default options.
// Expect: with the config's bug and the rule's own action, a violation; with the bug and the rule's
//         action replaced by each other one (drop, delay 30, duplicate, a round-up mutation of a
//         Byzantine a), a pass.
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
