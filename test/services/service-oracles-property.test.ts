// Property (docs/services.md): for random wallet workloads under random Twins scenarios on the correct
// protocol, no service oracle fires. The scenarios come from the fuzz space of
// generator-configs/fuzz_wallet.json (one twin, up to 4 scripted rounds of 1..2 groups, vote and
// proposal drops) with up to 3 retransmitting and one flooding client, and with client request and
// reply drops added by the property itself.
import { expect } from 'chai';
import fc from 'fast-check';
import { isServiceOracle } from '../../src/exec/oracles/index.js';
import { runScenario } from '../../src/exec/run-scenario.js';
import { scenarios } from '../../src/gen/arbitraries.js';
import { clientNamesOf, replicasOf, type Drop, type Scenario } from '../../src/scenario/types.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { shippedConfig } from '../fuzz/kit.js';

const RUNS = 150;

/** Adds up to two client drops to each scripted round (request or reply, any client and replica). */
function withClientDrops(s: Scenario): fc.Arbitrary<Scenario> {
  const clients = clientNamesOf(s);
  const replicas = replicasOf(s);
  const drop = fc.tuple(fc.boolean(), fc.constantFrom(...clients), fc.constantFrom(...replicas))
    .map(([request, c, r]): Drop => (request ? { from: c, to: r, type: 'request' } : { from: r, to: c, type: 'reply' }));
  return fc.tuple(...s.rounds.map(() => fc.array(drop, { maxLength: 2 }))).map((extra) => ({
    ...s, rounds: s.rounds.map((r, i) => ({ ...r, drops: [...(r.drops ?? []), ...extra[i]!] })),
  }));
}

describe('service oracles: property over random wallet workloads and Twins scenarios', function () {
  this.timeout(600_000);

  it(`no service oracle fires on the correct protocol (${RUNS} runs)`, () => {
    const space = scenarios(shippedConfig('fuzz_wallet')).chain(withClientDrops);
    let committed = 0;
    fc.assert(fc.property(space, fc.integer({ min: 1, max: 1000 }), (raw, seed) => {
      const s = validateScenario(raw, 'property');
      const r = runScenario(s, { seed });
      const fired = r.violations.filter((v) => isServiceOracle(v.oracle));
      expect(fired, JSON.stringify(s)).to.deep.equal([]);
      if (r.height > 0) committed++;
    }), { seed: 18, numRuns: RUNS });
    expect(committed, 'runs that committed anything').to.be.greaterThan(RUNS / 2);
  });
});
