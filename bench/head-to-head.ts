// `npm run bench:detect`: the head-to-head table of docs/bugs.md. For every catalogued bug of every
// protocol, the runs and seconds to the first detection, median over seeds, for three searches of
// the protocol's generic generator config (bench/protocol-configs.ts: all_random.json for DiemBFT,
// pbft_random.json for PBFT; `--config` names one config and so one protocol):
//   - Twins random sampling: scenarios drawn at random from the config's plain Twins space (no
//     `search` block, no shrinking), run one after another;
//   - `twins fuzz` (strategy twins): the config's space with its `search` block, shrunk on failure;
//   - `twins fuzz --strategy byzzfuzz`: network and process faults over the config's identities.
// It also gives the size of the shrunk scenario of the median seed (scripted rounds, partitioned
// rounds, drops and rules). Runs in this process on one thread; a search that finds nothing within
// the budget counts as a miss (its runs are the budget).
//   node dist/bench/head-to-head.js [--seeds 1,2,3,4,5] [--runs 10000] [--bugs a,b] [--protocols a,b] [--config FILE]
import fc from 'fast-check';
import { loadGeneratorConfig } from '../src/cli/cmd-gen.js';
import { fuzz } from '../src/exec/fuzz.js';
import { runScenario } from '../src/exec/run-scenario.js';
import { scenarios } from '../src/gen/arbitraries.js';
import type { GeneratorConfig } from '../src/gen/config.js';
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
const onlyBugs = flag('--bugs')?.split(',');
const configFile = flag('--config');

interface Cell { readonly found: boolean; readonly runs: number; readonly seconds: number; readonly shrunk: Scenario | null }

type Method = (config: GeneratorConfig, bug: string, seed: number) => Cell;

function timed(f: () => Omit<Cell, 'seconds'>): Cell {
  const start = process.hrtime.bigint();
  const out = f();
  return { ...out, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

const randomSampling: Method = (config, bug, seed) => timed(() => {
  const { search: _, ...plain } = config;
  const arb = scenarios(plain);
  // Drawn in batches, as sampling would, and run until the first failure.
  for (let done = 0; done < budget;) {
    const batch = fc.sample(arb, { seed: seed * 1_000_003 + done, numRuns: Math.min(100, budget - done) });
    for (const s of batch) {
      done++;
      if (!runScenario(s, { bugs: [bug] }).ok) return { found: true, runs: done, shrunk: null };
    }
  }
  return { found: false, runs: budget, shrunk: null };
});

const fuzzWith = (strategy: 'twins' | 'byzzfuzz'): Method => (config, bug, seed) => timed(() => {
  const r = fuzz(config, { seed, numRuns: budget, exec: { bugs: [bug] }, strategy });
  return { found: r.failed, runs: r.numRuns, shrunk: r.shrunk };
});

function median(cells: readonly Cell[]): Cell {
  const sorted = [...cells].sort((a, b) => (a.found === b.found ? a.runs - b.runs : a.found ? -1 : 1));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function cellText(cells: readonly Cell[]): string {
  const m = median(cells);
  const found = cells.filter((c) => c.found).length;
  const runs = m.found ? `${m.runs}` : `>${budget}`;
  return `${runs} (${m.seconds.toFixed(2)} s) ${found}/${cells.length}`;
}

function main(): void {
  const methods: [string, Method][] = [['random', randomSampling], ['twins', fuzzWith('twins')], ['byzzfuzz', fuzzWith('byzzfuzz')]];
  const lines = [
    '| Protocol | Bug | Twins random sampling | `twins fuzz` | `twins fuzz --strategy byzzfuzz` | Shrunk (twins / byzzfuzz) |',
    '|---|---|---|---|---|---|',
  ];
  const configs = configFile === undefined
    ? benchProtocols(flag('--protocols')).map((name) => loadGeneratorConfig(randomConfigOf(name), {}))
    : [loadGeneratorConfig(configFile, {})];
  for (const config of configs) {
    const name = config.protocol ?? 'diembft';
    for (const bug of protocolNamed(name).bugs.map((b) => b.name)) {
      if (onlyBugs !== undefined && !onlyBugs.includes(bug)) continue;
      const cells = methods.map(([, m]) => seeds.map((s) => m(config, bug, s)));
      const shrunk = `${sizeOf(median(cells[1]!).shrunk)} / ${sizeOf(median(cells[2]!).shrunk)}`;
      lines.push(`| ${name} | \`${bug}\` | ${cells.map(cellText).join(' | ')} | ${shrunk} |`);
      process.stderr.write(`${lines[lines.length - 1]}\n`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
