// One benchmark workload, run in its own process so its peak RSS is its own:
//   node dist/bench/workload.js <W1|W2|W3|wallet|honest-mock|honest-ed25519> [scenarios] [seed]
// Prints one JSON object: scenarios (or rounds) per second, simulated events per second, peak RSS,
// the CPUs the process kept busy, and for scenario workloads the rate once warm.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EnterRoundObservation } from '../src/kernel/observation.js';
import { protocolNamed } from '../src/protocols/registry.js';
import { noopService } from '../src/services/noop/noop-service.js';
import { runScenario } from '../src/exec/run-scenario.js';
import { parseGeneratorConfig, ScenarioSpace, withOverrides } from '../src/gen/index.js';
import { NO_FAULTS } from '../src/kernel/fate.js';
import { World } from '../src/sim/world.js';
import type { Scenario } from '../src/scenario/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface WorkloadResult {
  readonly workload: string;
  readonly items: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly eventsPerSecond: number;
  readonly committedPerSecond?: number;
  /**
   * CPU time of the whole process over wall time, for the timed part: above 1 where V8's compiler
   * and garbage-collector threads ran beside the main thread on another core.
   */
  readonly cpuPerWall: number;
  /** Scenario workloads: scenarios per second after the first fifth (at most 2,000), once warm. */
  readonly warmPerSecond?: number;
  readonly peakRssMiB: number;
}

/** Starts a wall and CPU clock; the function returned reads both, in seconds. */
function clocks(): () => { wall: number; cpu: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wall: (performance.now() - wall) / 1000, cpu: (used.user + used.system) / 1e6 };
  };
}

function scenariosOf(configFile: string, count: number, seed?: string): Scenario[] {
  const config = parseGeneratorConfig(readFileSync(ROOT + configFile, 'utf8'), configFile);
  const space = new ScenarioSpace(withOverrides(config, { scenarios: BigInt(count), ...(seed === undefined ? {} : { seed }) }), configFile);
  return [...space.scenarios()].map((s) => s.scenario);
}

/** W1-W3: run generated Twins scenarios one after another on one core. */
function scenarioWorkload(name: string, configFile: string, count: number, crypto: 'mock' | 'ed25519', seed?: string): WorkloadResult {
  const scenarios = scenariosOf(configFile, count, seed);
  // A fresh process starts cold: the JIT compiles the executor, and the intern and memo tables fill
  // with the content that recurs from one scenario to the next. The headline figure counts that
  // start, as a short run pays it; the warm figure is what a long run settles at.
  const cold = Math.min(2000, Math.floor(scenarios.length / 5));
  let events = 0;
  const read = clocks();
  let warmFrom = 0;
  for (let i = 0; i < scenarios.length; i++) {
    if (i === cold) warmFrom = performance.now();
    events += runScenario(scenarios[i]!, { crypto }).events;
  }
  const warmSeconds = (performance.now() - warmFrom) / 1000;
  const { wall: seconds, cpu } = read();
  return { workload: name, items: scenarios.length, seconds, perSecond: scenarios.length / seconds,
    eventsPerSecond: events / seconds, cpuPerWall: cpu / seconds,
    warmPerSecond: (scenarios.length - cold) / warmSeconds, peakRssMiB: peakRss() };
}

/**
 * Wallet: fuzz_wallet's scenarios (W1's shape over 4 scripted rounds, with wallet clients running the
 * retransmit and flood workloads, Ed25519-signed requests and replies checked f+1 at a time) one after
 * another on one core: scenarios per second, and client requests committed per second (counted once
 * per scenario, on the replica that committed the most of them).
 */
function walletWorkload(count: number, seed?: string): WorkloadResult {
  const scenarios = scenariosOf('generator-configs/fuzz_wallet.json', count, seed);
  let events = 0;
  let requests = 0;
  const read = clocks();
  for (const s of scenarios) {
    const r = runScenario(s, { crypto: 'mock' }, { ledgers: true });
    events += r.events;
    requests += Math.max(0, ...(r.ledgers ?? []).map((l) =>
      l.entries.reduce((n, e) => n + e.requests.filter((q) => !q.client.startsWith('marker:')).length, 0)));
  }
  const { wall: seconds, cpu } = read();
  return { workload: 'wallet', items: scenarios.length, seconds, perSecond: scenarios.length / seconds,
    eventsPerSecond: events / seconds, committedPerSecond: requests / seconds, cpuPerWall: cpu / seconds,
    peakRssMiB: peakRss() };
}

/** An honest n = 4 run of `rounds` rounds: simulated rounds and committed blocks per second. */
function honestWorkload(crypto: 'mock' | 'ed25519', rounds: number): WorkloadResult {
  let committed = 0;
  let round = 0;
  const world = new World<unknown>({
    protocol: protocolNamed('diembft'), n: 4, replicas: [0, 1, 2, 3].map((i) => ({ name: `r${i}`, identity: i, marker: `r${i}` })),
    replicaContext: { bugs: [], crypto, roundTimeoutTicks: 20, leaderOverride: null, chainSeed: 'bench',
      service: noopService, options: {} },
    seed: 'bench', delayTicks: { min: 1, max: 1 }, faults: NO_FAULTS, budget: { events: 1e9, ticks: 1e9 },
    observer: { observe(_t, i, obs) {
      if (i !== 0) return;
      if (obs.type === 'commit') committed++;
      if (obs.type === 'enter-round') round = (obs as EnterRoundObservation).round;
    } },
  });
  const read = clocks();
  const end = world.run(() => round >= rounds);
  const { wall: seconds, cpu } = read();
  return { workload: `honest-n4-${crypto}`, items: round, seconds, perSecond: round / seconds,
    eventsPerSecond: end.events / seconds, committedPerSecond: committed / seconds, cpuPerWall: cpu / seconds,
    peakRssMiB: peakRss() };
}

function peakRss(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** `seed` replaces the generator config's seed (which scenarios a sample takes) of W1-W3. */
export function runWorkload(name: string, count: number | undefined, seed?: string): WorkloadResult {
  switch (name) {
    case 'W1': return scenarioWorkload('W1', 'generator-configs/all_random.json', count ?? 10_000, 'mock', seed);
    case 'W2': return scenarioWorkload('W2', 'bench/w2.json', count ?? 10_000, 'mock', seed);
    case 'W3': return scenarioWorkload('W3', 'generator-configs/all_random.json', count ?? 100, 'ed25519', seed);
    case 'wallet': return walletWorkload(count ?? 1_000, seed);
    case 'honest-mock': return honestWorkload('mock', count ?? 5_000);
    case 'honest-ed25519': return honestWorkload('ed25519', count ?? 200);
    default: throw new Error(`unknown workload ${name}`);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [name, count, seed] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(runWorkload(name ?? 'W1', count === undefined ? undefined : Number(count), seed)) + '\n');
}
