// The test one mutant gets (`npm run mutate`, docs/bugs.md "Mutation score"): the tool's own search,
// not the unit tests. Stryker's command runner starts this file once per mutant, with the mutant
// switched on through `__STRYKER_ACTIVE_MUTANT__` in the instrumented build of its sandbox. It runs
//
//   1. every shipped executor config, as `npm start` runs them (mutation/configs.ts);
//   2. `twins fuzz <generator config> --seed S --runs R --workers 1`, reports into a temporary folder;
//   3. `twins fuzz <generator config> --strategy byzzfuzz --seed S --runs B --workers 1`: one
//      Byzantine replica whose messages of drawn rounds are mutated (re-signed) toward drawn
//      receivers, which reaches the defensive checks no honest or twinned sender triggers.
//
// Exit 0 only when every config met its expectation and the fuzz run found nothing: the mutant
// survived. Any other exit kills it: a config missing its expectation, an oracle firing in the fuzz
// run, or a crash. Stryker's own timeout (mutation/run.ts) kills a mutant that makes the run hang.
// The last line on stderr says what killed it; Stryker keeps the output as the mutant's status reason.
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fuzzCommand } from '../src/cli/cmd-fuzz.js';
import { shippedConfigMisses } from './configs.js';
import { parseCheckArgs, type CheckSettings } from './settings.js';

/**
 * Runs `fn` with what it writes to stdout collected and returned, and what it writes to stderr
 * collected and kept to the lines that say what failed (a mutant's output becomes Stryker's status
 * reason, stored once per mutant in the report).
 */
async function capture<T>(fn: () => Promise<T>): Promise<{ value: T; out: string; failures: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const writes = streams.map((s) => s.write);
  streams.forEach((stream, i) => {
    const into = i === 0 ? out : err;
    stream.write = ((chunk: string | Uint8Array): boolean => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof stream.write;
  });
  try {
    return { value: await fn(), out: out.join(''), failures: failureLines(err.join('')) };
  } finally {
    streams.forEach((stream, i) => { stream.write = writes[i]!; });
  }
}

/** The lines of a report that say what failed: each FAIL line and the line after it. */
function failureLines(text: string): string[] {
  const lines = text.split('\n');
  return lines.flatMap((line, i) => (line.startsWith('FAIL') ? [line, lines[i + 1] ?? ''] : [])).slice(0, 8);
}

/** The shipped executor configs; null when every case met its expectation, else the first that missed. */
function configsJob(): string | null {
  const misses = shippedConfigMisses(fileURLToPath(new URL('../../', import.meta.url)));
  return misses.length === 0 ? null : `configs: ${misses[0]!}`;
}

interface FuzzJson {
  readonly verdict: string;
  readonly runsToFailure: number | null;
  readonly violation: { readonly oracle?: string; readonly detail?: string } | null;
}

/** The fuzz run; null when nothing was found, else the verdict and the oracle that fired. */
async function fuzzJob(settings: CheckSettings, dir: string, strategy: 'twins' | 'byzzfuzz'): Promise<string | null> {
  const runs = strategy === 'twins' ? settings.runs : settings.byzzfuzzRuns;
  if (runs === 0) return null;
  const { value, out, failures } = await capture(() => fuzzCommand(settings.generatorConfig, {
    seed: String(settings.seed), runs: String(runs), workers: '1', write: false, quiet: true, json: true,
    reports: dir, strategy, ...(settings.timeLimit === null ? {} : { timeLimit: String(settings.timeLimit) }),
  }));
  if (value === 0) return null;
  const outcome = JSON.parse(out) as FuzzJson;
  for (const line of failures) process.stderr.write(`${line}\n`);
  return `${strategy === 'twins' ? 'fuzz' : 'byzzfuzz'}: ${outcome.verdict} at run ${outcome.runsToFailure ?? '?'}` +
    `${outcome.violation?.oracle === undefined ? '' : ` (${outcome.violation.oracle})`}`;
}

async function main(): Promise<number> {
  const settings = parseCheckArgs(process.argv.slice(2));
  // Inside the working directory (Stryker's sandbox), so a check killed at its time box leaves
  // nothing behind once Stryker removes the sandbox; `.twins-tmp-*` is gitignored.
  const dir = mkdtempSync(join(process.cwd(), '.twins-tmp-mutant-'));
  const config = resolve(settings.generatorConfig);
  try {
    const search = { ...settings, generatorConfig: config };
    const missed = configsJob() ?? await fuzzJob(search, dir, 'twins') ?? await fuzzJob(search, dir, 'byzzfuzz');
    if (missed === null) {
      process.stderr.write('mutant-check: survived (every shipped config met its expectation, the fuzz runs found nothing)\n');
      return 0;
    }
    process.stderr.write(`mutant-check: killed by ${missed}\n`);
    return 1;
  } catch (e) {
    process.stderr.write(`mutant-check: killed by a crash: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
