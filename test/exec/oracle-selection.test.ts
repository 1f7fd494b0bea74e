// Oracles by name (DESIGN §7): a run judges with the generic oracles and the protocol's own, or with
// exactly the ones an executor config lists in `oracles`.
//
// Setup:  the shipped scenario S-D (scenarios/s_d_conflicting_votes.json) with conflicting_votes, which
//         breaks safety.one-vote-per-round and safety.agreement; and the correct protocol on it.
// Expect: by default every oracle of the protocol judges; a list keeps only the named ones, so a run
//         judged only by an oracle the bug does not break passes; the correct protocol passes under
//         every selection; an unknown id is refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { GENERIC_ORACLES, oraclesOf } from '../../src/exec/oracles/index.js';
import { runScenario } from '../../src/exec/run-scenario.js';
import { protocolNamed } from '../../src/protocols/registry.js';
import { SimConfigError } from '../../src/sim/errors.js';
import { parseScenarioText } from '../../src/scenario/validate.js';
import { ROOT } from '../cli/run-cli.js';

const FILE = join(ROOT, 'scenarios', 's_d_conflicting_votes.json');
const scenario = parseScenarioText(readFileSync(FILE, 'utf8'), FILE);
const BUG = { bugs: ['conflicting_votes'] };
const ids = (r: ReturnType<typeof runScenario>): string[] => [...new Set(r.violations.map((v) => v.oracle))].sort();

describe('oracles by name', () => {
  it('judges with the generic oracles and the protocol\'s own by default', () => {
    const all = oraclesOf(protocolNamed('diembft')).map((o) => o.id);
    expect(all).to.include.members(GENERIC_ORACLES.map((o) => o.id));
    expect(all).to.include.members(['safety.one-vote-per-round', 'safety.property-1', 'liveness.honest-leaders-commit']);
    expect(ids(runScenario(scenario, BUG))).to.include.members(['safety.agreement', 'safety.one-vote-per-round']);
  });

  it('keeps only the listed oracles', () => {
    expect(ids(runScenario(scenario, { ...BUG, oracles: ['safety.agreement'] }))).to.deep.equal(['safety.agreement']);
    expect(ids(runScenario(scenario, { ...BUG, oracles: ['safety.one-vote-per-round'] }))).to.deep.equal(['safety.one-vote-per-round']);
  });

  it('passes a run judged only by oracles the bug does not break', () => {
    const r = runScenario(scenario, { ...BUG, oracles: ['safety.certificate-quorum', 'safety.timeout-high-qc'] });
    expect(r.verdict).to.equal('pass');
    expect(r.traceHash, 'the run itself is the same').to.equal(runScenario(scenario, BUG).traceHash);
  });

  it('passes the correct protocol under every single-oracle selection', () => {
    for (const o of oraclesOf(protocolNamed('diembft'))) {
      expect(runScenario(scenario, { oracles: [o.id] }).verdict, o.id).to.equal('pass');
    }
  });

  it('refuses an oracle the protocol does not have', () => {
    expect(() => runScenario(scenario, { oracles: ['safety.no-such-oracle'] }))
      .to.throw(SimConfigError, /unknown oracle 'safety.no-such-oracle' of protocol 'diembft'/);
  });
});
