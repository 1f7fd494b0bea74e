// The protocol conformance kit (DESIGN §3): one suite every protocol module must pass. It drives the
// module only through the kernel interfaces (src/kernel), the simulator and the executor, never
// through the protocol's own code.
//
//   determinism   the same seed gives the same trace hash; pinned hashes of honest runs hold
//   agreement     honest n = 4, 7, 10 commit 100 entries each, with identical logs
//   crash         a replica crashed and restarted from its Store catches up
//   partition     a replica cut off, then healed, catches up
//   codec         messages sent as bytes (encode, then decode) run the same
//   bugs          every catalogued bug is caught by a shipped executor config case that injects only
//                 it, and the case's scenarios pass without it
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { protocolCatalog } from '../../src/exec/catalog.js';
import { runScenario } from '../../src/exec/run-scenario.js';
import type { Envelope } from '../../src/kernel/envelope.js';
import { DELIVER, dropFate, NO_FAULTS, type FaultPolicy } from '../../src/kernel/fate.js';
import type { CommitObservation } from '../../src/kernel/observation.js';
import type { ProtocolModule } from '../../src/kernel/protocol-module.js';
import { noopService } from '../../src/services/noop/noop-service.js';
import { World, type RunEnd } from '../../src/sim/world.js';
import { parseExecutorConfig, resolveCaseOptions } from '../../src/scenario/executor-config.js';
import type { Scenario } from '../../src/scenario/types.js';
import { parseScenarioText } from '../../src/scenario/validate.js';

export interface ConformanceSpec {
  readonly module: ProtocolModule;
  /** Trace hashes of honest runs (n identities, seed, link delay 1..3, run to height 20). */
  readonly pinned: readonly (readonly [n: number, seed: string, hash: string])[];
  /** The folder of shipped executor configs whose cases catch the module's bugs. */
  readonly configDir: string;
}

/** An honest world of n single-replica identities under `faults`, recording each replica's log. */
export function honestRun(module: ProtocolModule, n: number, seed: string, faults: FaultPolicy = NO_FAULTS,
  delay = { min: 1, max: 1 }): { world: World<unknown>; logs: string[][]; run(height: number): RunEnd } {
  const logs: string[][] = Array.from({ length: n }, () => []);
  const world = new World<unknown>({
    protocol: module, n, seed, delayTicks: delay, faults, budget: { events: 5_000_000, ticks: 5_000_000 },
    replicas: logs.map((_, i) => ({ name: `r${i}`, identity: i, marker: `r${i}` })),
    replicaContext: { bugs: [], crypto: 'mock', roundTimeoutTicks: 20, leaderOverride: null, chainSeed: seed,
      service: noopService, options: module.options.defaults },
    observer: { observe(_t, i, obs) {
      if (obs.type === 'commit') logs[i]![(obs as CommitObservation).height - 1] = (obs as CommitObservation).blockId;
    } },
  });
  return { world, logs, run: (h) => world.run(() => logs.every((l) => l.length >= h)) };
}

function expectSameLogs(logs: readonly string[][], height: number): void {
  for (const [i, log] of logs.entries()) {
    expect(log.length, `replica ${i} height`).to.be.at.least(height);
    expect(log.slice(0, height), `replica ${i} log`).to.deep.equal(logs[0]!.slice(0, height));
  }
}

/** Cuts replica `cut` off from everyone until `healed()` holds. */
function isolating(cut: number, healed: () => boolean): FaultPolicy {
  const CUT = dropFate('partition');
  return { fate: (env: Envelope<unknown>) => (!healed() && (env.from === cut || env.to === cut) ? CUT : DELIVER) };
}

/** The single-bug cases of the shipped configs that run `module`, with their scenarios. */
function bugCases(spec: ConformanceSpec): { bug: string; label: string; scenarios: Scenario[]; expect: string }[] {
  const out: { bug: string; label: string; scenarios: Scenario[]; expect: string }[] = [];
  for (const file of readdirSync(spec.configDir).filter((f) => f.endsWith('.json')).sort()) {
    const path = join(spec.configDir, file);
    const config = parseExecutorConfig(readFileSync(path, 'utf8'), path, protocolCatalog);
    for (const c of config.cases) {
      const options = resolveCaseOptions(config, c);
      if (options.bugs.length !== 1 || c.expect === 'pass' || c.scenarios?.endsWith('.json') !== true) continue;
      const target = join(spec.configDir, c.scenarios);
      const text = readFileSync(target, 'utf8');
      if ((JSON.parse(text) as { schemaVersion?: unknown }).schemaVersion !== 1) continue;   // a generator config
      const scenarios = [parseScenarioText(text, target)];
      if ((options.protocol ?? scenarios[0]!.protocol ?? 'diembft') !== spec.module.name) continue;
      out.push({ bug: options.bugs[0]!, label: `${file}#${c.name}`, scenarios, expect: c.expect });
    }
  }
  return out;
}

export function conformanceSuite(spec: ConformanceSpec): void {
  const { module } = spec;
  describe(`protocol conformance: ${module.name}`, () => {
    it('determinism: the same seed gives the same trace hash, and the pinned hashes hold', () => {
      const delay = { min: 1, max: 4 };
      expect(honestRun(module, 4, 's1', NO_FAULTS, delay).run(30).traceHash)
        .to.equal(honestRun(module, 4, 's1', NO_FAULTS, delay).run(30).traceHash);
      for (const [n, seed, hash] of spec.pinned) {
        expect(honestRun(module, n, seed, NO_FAULTS, { min: 1, max: 3 }).run(20).traceHash, `n = ${n}, ${seed}`).to.equal(hash);
      }
    });

    for (const n of [4, 7, 10]) {
      it(`agreement: honest n = ${n} commit 100 entries with identical logs`, () => {
        const run = honestRun(module, n, `honest-${n}`);
        expect(run.run(100).reason).to.equal('stopped');
        expectSameLogs(run.logs, 100);
      });
    }

    it('crash: a replica crashed and restarted from its Store catches up', () => {
      const run = honestRun(module, 4, 'crash');
      let othersAtRestart = -1;
      let ownAtRestart = -1;
      run.world.schedule(50, () => run.world.crash(3));
      run.world.schedule(200, () => {
        othersAtRestart = run.logs[0]!.length;
        ownAtRestart = run.logs[3]!.length;
        run.world.restart(3);
      });
      expect(run.run(100).reason).to.equal('stopped');
      expect(ownAtRestart, 'the others went on without it').to.be.lessThan(othersAtRestart);
      expect(othersAtRestart, 'it has something to catch up on after restart').to.be.lessThan(100);
      expectSameLogs(run.logs, 100);
    });

    it('partition: a replica cut off and then healed catches up', () => {
      let healed = false;
      const run = honestRun(module, 4, 'partition', isolating(3, () => healed));
      let cutHeight = -1;
      let othersHeight = -1;
      run.world.schedule(200, () => { healed = true; cutHeight = run.logs[3]!.length; othersHeight = run.logs[0]!.length; });
      expect(run.run(100).reason).to.equal('stopped');
      expect(cutHeight, 'it fell behind while cut off').to.be.lessThan(othersHeight);
      expect(othersHeight, 'it has something to catch up on after heal').to.be.lessThan(100);
      expectSameLogs(run.logs, 100);
    });

    it('codec: a run whose every message crosses the network as bytes commits the same log', () => {
      const viaBytes: FaultPolicy = { fate: (env: Envelope<unknown>) =>
        ({ kind: 'replace', message: module.codec.decode(module.codec.encode(env.message)), delayTicks: null }) };
      const plain = honestRun(module, 4, 'codec');
      const coded = honestRun(module, 4, 'codec', viaBytes);
      expect(plain.run(30).reason).to.equal('stopped');
      expect(coded.run(30).reason).to.equal('stopped');
      expectSameLogs(coded.logs, 30);
      expect(coded.logs[0]!.slice(0, 30)).to.deep.equal(plain.logs[0]!.slice(0, 30));
      expect(() => module.codec.decode(new TextEncoder().encode('{"kind":"no-such-kind"}'))).to.throw();
    });

    const cases = bugCases(spec);
    for (const bug of module.bugs.map((b) => b.name)) {
      it(`bugs: ${bug} is caught by a shipped case that injects only it, and passes without it`, () => {
        const mine = cases.filter((c) => c.bug === bug);
        expect(mine.map((c) => c.label), `shipped single-bug cases for ${bug}`).to.not.deep.equal([]);
        for (const c of mine) {
          const verdicts = c.scenarios.map((s) => runScenario(s, { bugs: [bug] }).verdict);
          expect(verdicts, `${c.label} with ${bug}`).to.include(c.expect);
          for (const s of c.scenarios) expect(runScenario(s, {}).verdict, `${c.label} without ${bug}`).to.equal('pass');
        }
      });
    }
  });
}
