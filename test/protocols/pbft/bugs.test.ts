// PBFT's bug catalogue (src/protocols/pbft/bugs.ts) and oracles (src/protocols/pbft/oracles/): each
// bug, injected alone into the scenario of its shipped config, fires the oracle docs/protocols.md
// names for it; the correct protocol passes the same scenario.
//
// Setup:  the scenarios of executor-configs/pbft_*.json, seed and delays as the configs set them.
// Expect: the named oracle among the violations with the bug; no violation without it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { runScenario } from '../../../src/exec/run-scenario.js';
import { BUG_NAMES, rulesFor, UnknownBugError } from '../../../src/protocols/pbft/bugs.js';
import { parseScenarioText } from '../../../src/scenario/validate.js';
import { ROOT } from '../../cli/run-cli.js';
import { batch, observed, prePrepare, replica, sent } from './fixtures.js';
import type { Vote } from '../../../src/protocols/pbft/types.js';

const CAUGHT: readonly (readonly [bug: string, scenario: string, oracle: string])[] = [
  ['prepared_small_quorum', 'pbft_whole_network', 'safety.certificate-signers'],
  ['commit_quorum_f_plus_one', 'pbft_whole_network', 'safety.certificate-signers'],
  ['checkpoint_stable_f_plus_one', 'pbft_whole_network', 'safety.checkpoint-proof'],
  ['view_change_f_plus_one', 'pbft_primary_cut_off', 'safety.certificate-signers'],
  ['new_primary_ignores_certs', 'pbft_commits_lost', 'safety.commit-keeps-seq'],
  ['preprepare_accepts_conflicting', 'pbft_twin_primary', 'safety.chain-integrity'],
  ['preprepare_enters_view', 'fault_setattr', 'safety.commit-keeps-seq'],
];

function scenario(name: string): ReturnType<typeof parseScenarioText> {
  const path = join(ROOT, 'scenarios', `${name}.json`);
  return parseScenarioText(readFileSync(path, 'utf8'), path);
}

describe('PBFT bugs and oracles', () => {
  it('the catalogue lists exactly the bugs below, and an unknown name is refused', () => {
    expect([...BUG_NAMES].sort()).to.deep.equal(CAUGHT.map((c) => c[0]).sort());
    expect(() => rulesFor(['no_such_bug'])).to.throw(UnknownBugError, /unknown bug "no_such_bug"/);
  });

  for (const [bug, name, oracle] of CAUGHT) {
    it(`${bug}: ${oracle} fires on ${name}; the correct protocol passes it`, () => {
      const s = scenario(name);
      expect(runScenario(s, { bugs: [bug] }).violations.map((v) => v.oracle)).to.include(oracle);
      expect(runScenario(s, {}).violations).to.deep.equal([]);
    });
  }

  it('new_primary_ignores_certs also breaks agreement: a executed a batch where the others execute a null request', () => {
    const oracles = runScenario(scenario('pbft_commits_lost'), { bugs: ['new_primary_ignores_certs'] }).violations.map((v) => v.oracle);
    expect(oracles).to.include.members(['safety.seq-agreement', 'safety.agreement']);
  });

  it('preprepare_accepts_conflicting: a backup prepares a second digest at one (v, seq); the correct one refuses it', () => {
    const x = prePrepare(0, batch(1, [], 'a'));
    const y = prePrepare(0, batch(1, [], "a'"));
    const prepares = (bugs: string[]): string[] => {
      const r = replica(1, { bugs });
      return [x, y].flatMap((pp) => (sent(r.step({ kind: 'message', from: 0, msg: pp }), 'prepare') as Vote[]).map((v) => v.d));
    };
    expect(prepares([])).to.deep.equal([x.d]);
    expect(prepares(['preprepare_accepts_conflicting'])).to.deep.equal([x.d, y.d]);
  });

  it('preprepare_enters_view: a backup in view 0 enters view 1 on its primary\'s pre-prepare; the correct one waits for the NEW-VIEW', () => {
    const pp = prePrepare(1, batch(1, [], 'r1'));
    const step = (bugs: string[]): { entered: number[]; prepared: string[] } => {
      const out = replica(2, { bugs }).step({ kind: 'message', from: 1, msg: pp });
      return { entered: observed(out, 'enter-round').map((o) => o.round), prepared: (sent(out, 'prepare') as Vote[]).map((v) => `${v.v}/${v.d}`) };
    };
    expect(step([])).to.deep.equal({ entered: [], prepared: [] });
    expect(step(['preprepare_enters_view'])).to.deep.equal({ entered: [2], prepared: [`1/${pp.d}`] });
  });
});
