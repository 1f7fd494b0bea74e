// Generator throughput: scenarios per second written to a .jsonl file, by the same code path as
// `twins gen` (writeScenarios). A bench runner calls benchGenerate(); run directly, this file prints
// one result per shipped workload:
//   node dist/bench/gen-bench.js [scenarios]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScenarioSpace, parseGeneratorConfig, withOverrides } from '../src/gen/index.js';
import { writeScenarios } from '../src/cli/cmd-gen.js';

export interface GenBenchOptions {
  /** Generator config file; defaults to generator-configs/all_random.json (workload W1). */
  readonly config?: string;
  /** Scenarios to write (overrides limits.scenarios). */
  readonly scenarios?: number;
  readonly seed?: string;
}

export interface GenBenchResult {
  readonly name: string;
  readonly scenarios: number;
  readonly seconds: number;
  readonly scenariosPerSecond: number;
  readonly bytesPerScenario: number;
}

const CONFIGS = fileURLToPath(new URL('../../generator-configs/', import.meta.url));

export async function benchGenerate(opts: GenBenchOptions = {}): Promise<GenBenchResult> {
  const file = opts.config ?? join(CONFIGS, 'all_random.json');
  const parsed = parseGeneratorConfig(readFileSync(file, 'utf8'), file);
  const dir = mkdtempSync(join(tmpdir(), 'twins-gen-bench-'));
  try {
    const config = withOverrides(parsed, {
      seed: opts.seed, scenarios: BigInt(opts.scenarios ?? 1_000_000), output: join(dir, 'out.jsonl'),
    });
    const space = new ScenarioSpace(config, file);
    const s = await writeScenarios(space, config.output);
    const n = Number(s.written + s.removed);
    return {
      name: `gen ${config.name}`,
      scenarios: Number(s.written),
      seconds: s.seconds,
      scenariosPerSecond: Math.round(n / s.seconds),
      bytesPerScenario: s.written > 0n ? Math.round(s.bytes / Number(s.written)) : 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const scenarios = Number(process.argv[2] ?? 1_000_000);
  for (const name of ['all_random.json', 'n7_sampled.json']) {
    const r = await benchGenerate({ config: join(CONFIGS, name), scenarios });
    process.stdout.write(`${r.name}: ${r.scenarios} scenarios in ${r.seconds.toFixed(2)}s, ` +
      `${r.scenariosPerSecond} scenarios/s, ${r.bytesPerScenario} bytes/scenario\n`);
  }
}
