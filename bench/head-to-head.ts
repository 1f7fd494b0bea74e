// `npm run bench:detect`: the head-to-head table of docs/bugs.md. For every catalogued bug of every
// protocol, the runs and seconds to the first detection, median over seeds, for three searches of
// the protocol's generic generator config (bench/protocol-configs.ts: all_random.json for DiemBFT,
// pbft_random.json for PBFT; `--config` names one config and so one protocol):
//   - `random`: Twins random sampling, scenarios drawn at random from the config's plain Twins space
//     (no `search` block, no shrinking), run one after another;
//   - `twins`: `twins fuzz` (strategy twins), the config's space with its `search` block, shrunk on failure;
//   - `byzzfuzz`: `twins fuzz --strategy byzzfuzz`, network and process faults over the config's identities.
// It also gives the size of the shrunk scenario of the median seed (scripted rounds, partitioned
// rounds, drops and rules). Runs in this process on one thread.
//
// Each search stops at its budget of runs or of seconds (`--time-limit`, per seed), whichever comes
// first; a search that finds nothing counts as a miss with the runs it made. A bug the catalogue says
// only one fault action exposes (`exposedBy`), or only a run with clients (`needsClients`), is not
// run by a method that never draws that action or any client: its cell says so.
//   node dist/bench/head-to-head.js [--methods random,twins,byzzfuzz] [--seeds 1,2,3,4,5] [--runs 10000]
//     [--time-limit 120] [--bugs a,b] [--protocols a,b] [--config FILE]
import fc from 'fast-check';
import { loadGeneratorConfig } from '../src/cli/cmd-gen.js';
import { fuzz } from '../src/exec/fuzz.js';
import { runScenario } from '../src/exec/run-scenario.js';
import { scenarios } from '../src/gen/arbitraries.js';
import { strategyFaults } from '../src/gen/strategies.js';
import type { GeneratorConfig } from '../src/gen/config.js';
import type { BugInfo, FaultAction } from '../src/kernel/protocol-module.js';
import { protocolNamed } from '../src/protocols/registry.js';
import type { Scenario } from '../src/scenario/types.js';
import { benchProtocols, randomConfigOf, sizeOf } from './protocol-configs.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const seeds = (flag('--seeds') ?? '1,2,3,4,5').split(',').map(Number);
const budget = Number(flag('--runs') ?? '10000');
const timeLimitSeconds = Number(flag('--time-limit') ?? '120');
const onlyBugs = flag('--bugs')?.split(',');
const configFile = flag('--config');

interface Cell { readonly found: boolean; readonly runs: number; readonly seconds: number; readonly shrunk: Scenario | null }

type Search = (config: GeneratorConfig, bug: string, seed: number) => Cell;

interface Method {
  readonly name: string;
  readonly title: string;
  /** The fault actions beyond partitions and drops its scenarios can carry, for `config`. */
  readonly draws: (config: GeneratorConfig) => readonly FaultAction[];
  /** Whether its scenarios can have clients, for `config`. */
  readonly drawsClients: (config: GeneratorConfig) => boolean;
  readonly search: Search;
  /** Whether it shrinks what it finds. */
  readonly shrinks: boolean;
}

const now = (): bigint => process.hrtime.bigint();
const secondsSince = (start: bigint): number => Number(now() - start) / 1e9;

const randomSampling: Search = (config, bug, seed) => {
  const { search: _, ...plain } = config;
  const arb = scenarios(plain);
  const start = now();
  // Drawn in batches, as sampling would, and run until the first failure.
  let done = 0;
  while (done < budget && secondsSince(start) < timeLimitSeconds) {
    const batch = fc.sample(arb, { seed: seed * 1_000_003 + done, numRuns: Math.min(100, budget - done) });
    for (const s of batch) {
      done++;
      if (!runScenario(s, { bugs: [bug] }).ok) return { found: true, runs: done, seconds: secondsSince(start), shrunk: null };
    }
  }
  return { found: false, runs: done, seconds: secondsSince(start), shrunk: null };
};

/** Seconds are to the first failure (the search); the shrink that follows is not counted. */
const fuzzWith = (strategy: 'twins' | 'byzzfuzz'): Search => (config, bug, seed) => {
  const start = now();
  let detected = 0;
  const r = fuzz(config, { seed, numRuns: budget, exec: { bugs: [bug] }, strategy,
    shouldStop: () => secondsSince(start) >= timeLimitSeconds,
    onRun: (phase) => { if (phase === 'search') detected = secondsSince(start); } });
  return { found: r.failed, runs: r.numRuns, seconds: r.failed ? detected : secondsSince(start), shrunk: r.shrunk };
};

const METHODS: readonly Method[] = [
  { name: 'random', title: 'Twins random sampling', draws: () => [], drawsClients: (c) => c.workload !== undefined,
    search: randomSampling, shrinks: false },
  { name: 'twins', title: '`twins fuzz`', draws: (c) => strategyFaults('twins', c),
    drawsClients: (c) => c.workload !== undefined || c.search?.workload !== undefined, search: fuzzWith('twins'), shrinks: true },
  // ByzzFuzz scenarios carry the config's identities, rounds and GST tail, never its clients.
  { name: 'byzzfuzz', title: '`twins fuzz --strategy byzzfuzz`', draws: (c) => strategyFaults('byzzfuzz', c), drawsClients: () => false,
    search: fuzzWith('byzzfuzz'), shrinks: true },
];

function chosenMethods(): readonly Method[] {
  const wanted = flag('--methods')?.split(',') ?? METHODS.map((m) => m.name);
  for (const w of wanted) {
    if (!METHODS.some((m) => m.name === w)) throw new Error(`--methods: unknown method '${w}'; known: ${METHODS.map((m) => m.name).join(', ')}`);
  }
  return METHODS.filter((m) => wanted.includes(m.name));
}

function median(cells: readonly Cell[]): Cell {
  const sorted = [...cells].sort((a, b) => (a.found === b.found ? a.runs - b.runs : a.found ? -1 : 1));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The median seed's runs and seconds, then how many seeds found the bug; `>N` is a miss after N runs. */
function cellText(cells: readonly Cell[]): string {
  const m = median(cells);
  const found = cells.filter((c) => c.found).length;
  const runs = m.found ? `${m.runs}` : `>${m.runs}`;
  return `${runs} (${m.seconds.toFixed(2)} s) ${found}/${cells.length}`;
}

interface Column { readonly text: string; readonly shrunk: string }

function column(method: Method, config: GeneratorConfig, bug: BugInfo): Column {
  if (bug.exposedBy !== undefined && !method.draws(config).includes(bug.exposedBy)) {
    return { text: `not drawable (needs ${bug.exposedBy})`, shrunk: '-' };
  }
  if (bug.needsClients === true && !method.drawsClients(config)) return { text: 'not drawable (needs clients)', shrunk: '-' };
  const cells = seeds.map((s) => method.search(config, bug.name, s));
  return { text: cellText(cells), shrunk: sizeOf(median(cells).shrunk) };
}

function main(): void {
  const methods = chosenMethods();
  const shrinking = methods.filter((m) => m.shrinks);
  const lines = [
    `| Protocol | Bug | ${methods.map((m) => m.title).join(' | ')} |${shrinking.length === 0 ? '' : ` Shrunk (${shrinking.map((m) => m.name).join(' / ')}) |`}`,
    `|---|---|${methods.map(() => '---|').join('')}${shrinking.length === 0 ? '' : '---|'}`,
  ];
  const configs = configFile === undefined
    ? benchProtocols(flag('--protocols')).map((name) => loadGeneratorConfig(randomConfigOf(name), {}))
    : [loadGeneratorConfig(configFile, {})];
  for (const config of configs) {
    const name = config.protocol ?? 'diembft';
    for (const bug of protocolNamed(name).bugs) {
      if (onlyBugs !== undefined && !onlyBugs.includes(bug.name)) continue;
      const cols = methods.map((m) => column(m, config, bug));
      const shrunk = methods.flatMap((m, k) => (m.shrinks ? [cols[k]!.shrunk] : [])).join(' / ');
      lines.push(`| ${name} | \`${bug.name}\` | ${cols.map((c) => c.text).join(' | ')} |${shrinking.length === 0 ? '' : ` ${shrunk} |`}`);
      process.stderr.write(`${lines[lines.length - 1]}\n`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
