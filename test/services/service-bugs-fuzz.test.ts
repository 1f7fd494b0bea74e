// The service layer's bugs (src/services/bugs.ts, docs/services.md) are found by the fuzzer from a
// fixed seed with wallet clients attached, and shrink to scenarios that fail with the bug and pass
// without it. (The DiemBFT bugs of this layer are in test/fuzz/bugs.test.ts.)
import { expect } from 'chai';
import { fuzz } from '../../src/exec/fuzz.js';
import { runScenario } from '../../src/exec/run-scenario.js';
import { SERVICE_BUG_NAMES } from '../../src/services/bugs.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { shippedConfig } from '../fuzz/kit.js';

const TARGETS: readonly { readonly bug: string; readonly config: string }[] = [
  { bug: 'wallet_transfer_unsigned', config: 'fuzz_wallet' },
  { bug: 'wallet_balance_off_by_one', config: 'fuzz_wallet' },
  { bug: 'client_accepts_f', config: 'fuzz_wallet_liar' },
];

describe('fuzz: the service layer\'s bugs are found and shrunk', function () {
  this.timeout(300_000);

  it('has a target for every service-layer bug', () => {
    expect(TARGETS.map((t) => t.bug)).to.have.members([...SERVICE_BUG_NAMES]);
  });

  for (const { bug, config } of TARGETS) {
    it(`${bug}: ${config} with seed 1 fails within 200 runs and shrinks to a scenario that passes without it`, () => {
      const report = fuzz(shippedConfig(config), { seed: 1, numRuns: 200, exec: { bugs: [bug] } });
      expect(report.failed).to.equal(true);
      const oracle = report.violation!.oracle;
      expect(oracle).to.match(/^safety\.service-/);
      const shrunk = validateScenario(JSON.parse(JSON.stringify(report.shrunk)), 'shrunk');
      expect(runScenario(shrunk, { bugs: [bug] }).violations.map((v) => v.oracle)).to.include(oracle);
      expect(runScenario(shrunk, {}).verdict).to.equal('pass');
    });
  }
});
