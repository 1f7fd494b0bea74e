// A generator config's `workload` (docs/services.md, docs/generator.md): `twins gen` copies the
// clients into every scenario, `twins fuzz` draws them within the configured bounds and shrinks
// toward fewer clients, fewer requests and smaller amounts, and a bad workload is refused with the
// file and the JSON path.
import { expect } from 'chai';
import fc from 'fast-check';
import { scenarios } from '../../src/gen/arbitraries.js';
import { ScenarioSpace, checkGeneratorConfig } from '../../src/gen/index.js';
import { UserError } from '../../src/scenario/errors.js';
import type { Scenario } from '../../src/scenario/types.js';
import { validateScenario } from '../../src/scenario/validate.js';
import { shippedConfig, shrinkSteps } from '../fuzz/kit.js';

const config = shippedConfig('fuzz_wallet');
const bound = config.workload!;

describe('gen: workloads attached to generated scenarios', () => {
  it('twins gen copies service, clients and workloads into every scenario', () => {
    const space = new ScenarioSpace(config, 'fuzz_wallet.json');
    for (const i of [0n, 1n, 7n]) {
      const s = validateScenario(space.at(i), 'generated');
      expect([s.service, s.clients, s.workloads]).to.deep.equal([bound.service, bound.clients, bound.workloads]);
    }
  });

  it('fuzz draws valid scenarios with 1..clients clients, 1..count requests and a maxAmount within bounds', () => {
    for (const s of fc.sample(scenarios(config), { seed: 5, numRuns: 60 })) {
      validateScenario(s, 'drawn');
      s.workloads!.forEach((w, k) => {
        expect(w.clients).to.be.within(1, bound.workloads[k]!.clients);
        expect(w.count).to.be.within(1, bound.workloads[k]!.count);
      });
      expect(s.clients!.maxAmount).to.be.within(1, bound.clients!.maxAmount!);
    }
  });

  it('shrinking only makes workloads smaller: fewer clients, fewer requests, smaller amounts', () => {
    const size = (s: Scenario): number[] => [...s.workloads!.flatMap((w) => [w.clients, w.count]), s.clients!.maxAmount!];
    const steps = shrinkSteps(scenarios(config), 3, 30);
    expect(steps.length).to.be.greaterThan(0);
    for (const { from, to } of steps) {
      size(to).forEach((x, i) => expect(x).to.be.at.most(size(from)[i]!));
    }
  });

  it('a workload that is not valid is refused with its JSON path', () => {
    const bad = { name: 'w', nodes: 4, twins: 1, rounds: 2, partitions: { min: 1, max: 2 },
      workload: { service: 'wallet', workloads: [{ type: 'timed', clients: 1, count: 2, timeoutTicks: 10, delays: [1] }] } };
    expect(() => checkGeneratorConfig(bad, 'w.json')).to.throw(UserError, /w\.json: \$\.workload\.workloads\[0\]\.delays: a timed workload/);
    const liar = { ...bad, workload: { service: 'wallet', workloads: [{ type: 'flood', clients: 1, count: 2, timeoutTicks: 10 }],
      replyFaults: { z: 'wrong-replies' } } };
    expect(() => checkGeneratorConfig(liar, 'w.json')).to.throw(UserError, /\$\.workload\.replyFaults\.z: unknown replica 'z'/);
  });
});
