// `twins gen <config>`: prints the seed and the effective options, streams the scenario space to a
// .jsonl file (temporary file, then rename: no partial output), shows progress on stderr and ends
// with a summary line. `--count` prints the size of each step without generating.
import { Option, type Command } from 'commander';
import { createWriteStream, renameSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname } from 'node:path';
import {
  ScenarioSpace, parseGeneratorConfig, withOverrides, type ConfigOverrides, type GeneratorConfig,
} from '../gen/index.js';
import { countsJson, describeCounts, describeOptions } from '../gen/describe.js';
import { UserError } from './errors.js';
import { readInputText } from './input-file.js';
import { createProgress, type Progress } from './progress.js';
import { badFlag, plural } from './words.js';
import { makeDirs, removeDirs, removeQuietly, removeStaleTemps, tempPathOf } from './safe-path.js';

export interface GenFlags {
  readonly seed?: string;
  readonly scenarios?: string;
  readonly output?: string;
  readonly out?: string;
  readonly count?: boolean;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

export function register(program: Command): void {
  program.command('gen')
    .description('generate Twins scenarios from a generator config into a .jsonl file')
    .argument('<config>', 'generator config (.json, see schemas/generator-config.schema.json)')
    .option('--seed <seed>', 'override the config\'s seed (which scenarios a sample or random order takes)')
    .option('--scenarios <n>', 'override limits.scenarios')
    .option('--out <path>', 'override the output .jsonl path')
    .addOption(new Option('--output <path>', 'the same as --out').hideHelp())
    .option('--count', 'print the size of each step without generating')
    .option('--json', 'print counts (with --count) or the summary as JSON on stdout')
    .option('--quiet', 'no progress and no option listing')
    .action(async (file: string, flags: GenFlags) => {
      await runGen(file, flags);
    });
}

/** Loads a generator config file and applies the command-line overrides. */
export function loadGeneratorConfig(file: string, flags: GenFlags): GeneratorConfig {
  const text = readInputText(file);
  return withOverrides(parseGeneratorConfig(text, file), overridesOf(flags));
}

function overridesOf(flags: GenFlags): ConfigOverrides {
  let scenarios: bigint | undefined;
  if (flags.scenarios !== undefined) {
    if (!/^[1-9][0-9]*$/.test(flags.scenarios)) {
      throw badFlag('--scenarios', 'a positive integer', flags.scenarios);
    }
    scenarios = BigInt(flags.scenarios);
  }
  return { seed: flags.seed, scenarios, output: flags.out ?? flags.output };
}

export async function runGen(file: string, flags: GenFlags): Promise<void> {
  const config = loadGeneratorConfig(file, flags);
  const space = new ScenarioSpace(config, file);
  if (flags.count === true) {
    process.stdout.write(flags.json === true
      ? JSON.stringify(countsJson(space)) + '\n'
      : describeCounts(space).join('\n') + '\n');
    return;
  }
  space.assertGeneratable();
  // The seed goes first, then every option derived from the config, so a log reproduces the run.
  const info = flags.json === true ? process.stderr : process.stdout;
  info.write(`gen ${config.name}: seed ${config.seed}\n`);
  if (flags.quiet !== true) {
    info.write(`  reproduce: npx twins gen ${file} --seed ${config.seed}` +
      `${flags.scenarios === undefined ? '' : ` --scenarios ${flags.scenarios}`}\n`);
    for (const line of describeOptions(space)) info.write(`  ${line}\n`);
    info.write(`  writing ${space.size} of ${plural(space.arrangements, 'scenario')} to ${config.output}\n`);
  }
  const total = space.size <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(space.size) : undefined;
  const progress = createProgress({ label: `gen ${config.name}`, total, quiet: flags.quiet === true, stream: process.stderr });
  const summary = await writeScenarios(space, config.output, { progress });
  progress.done();
  if (flags.json === true) process.stdout.write(JSON.stringify(summaryJson(summary)) + '\n');
  else process.stdout.write(summaryLine(summary) + '\n');
}

export interface WriteSummary {
  readonly output: string;
  /** Scenarios written (lines). */
  readonly written: bigint;
  /** Distinct scenarios among them (each position maps to its own index; checked in index order). */
  readonly distinct: bigint;
  /** Positions dropped by symmetry as renamings of kept scenarios. */
  readonly removed: bigint;
  readonly bytes: number;
  readonly seconds: number;
}

export function summaryLine(s: WriteSummary): string {
  const rate = s.seconds > 0 ? Math.round(Number(s.written + s.removed) / s.seconds) : 0;
  const removed = s.removed > 0n ? `, ${s.removed} removed by symmetry` : '';
  return `wrote ${plural(s.written, 'scenario')} (${s.distinct} distinct${removed}) to ${s.output} ` +
    `in ${s.seconds.toFixed(2)}s, ${rate} scenarios/s`;
}

function summaryJson(s: WriteSummary): Record<string, unknown> {
  return {
    output: s.output, written: s.written.toString(), distinct: s.distinct.toString(), removed: s.removed.toString(),
    bytes: s.bytes, seconds: s.seconds,
  };
}

export interface WriteOptions {
  readonly progress?: Progress;
  /** Output positions [from, to) only, e.g. one shard. */
  readonly from?: bigint;
  readonly to?: bigint;
}

/**
 * Streams a space to `output` in chunks with backpressure, into `<output>.tmp-<pid>` renamed into
 * place only when complete: a failed or interrupted run leaves no partial file (DESIGN §11).
 */
export async function writeScenarios(space: ScenarioSpace, output: string, opts: WriteOptions = {}): Promise<WriteSummary> {
  const started = process.hrtime.bigint();
  const tmp = tempPathOf(output);
  const onSignal = (signal: NodeJS.Signals): void => {
    removeQuietly(tmp);
    process.kill(process.pid, signal);
  };
  // An exit that skips the catch below (a reader of stdout that went away ends the process) removes it too.
  const onExit = (): void => removeQuietly(tmp);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', onExit);
  let stream: WriteStream | null = null;
  let created: string[] = [];
  try {
    created = makeDirs(dirname(output));
    // A run killed with -9 could not remove its temporary file; this one does.
    removeStaleTemps(output);
    stream = await openOutput(tmp);
    const counts = await streamLines(space, stream, opts);
    const s = stream;
    await new Promise<void>((resolve, reject) => s.end((err?: Error | null) => (err ? reject(err) : resolve())));
    renameSync(tmp, output);
    return { output, ...counts, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } catch (err) {
    stream?.destroy();
    removeQuietly(tmp);
    removeDirs(created);
    throw asUserError(err, output);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('exit', onExit);
  }
}

async function openOutput(tmp: string): Promise<WriteStream> {
  const stream = createWriteStream(tmp);
  await once(stream, 'open');
  return stream;
}

const CHUNK_BYTES = 1 << 18;
const TICK_EVERY = 1024;

type LineCounts = Pick<WriteSummary, 'written' | 'distinct' | 'removed' | 'bytes'>;

async function streamLines(space: ScenarioSpace, stream: WriteStream, opts: WriteOptions): Promise<LineCounts> {
  let written = 0n;
  let removed = 0n;
  let repeats = 0n;
  let bytes = 0;
  let buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  let sinceTick = 0;
  let lastIndex = -1n;
  const checkIncreasing = space.config.order === 'enumerate';
  const flush = async (): Promise<void> => {
    bytes += used;
    // A fresh buffer per chunk: the stream may still hold the previous one.
    const ok = stream.write(buf.subarray(0, used));
    buf = Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
    if (!ok) await once(stream, 'drain');
  };
  for (const item of space.walk(opts.from, opts.to)) {
    if (++sinceTick === TICK_EVERY) {
      opts.progress?.tick(sinceTick);
      sinceTick = 0;
    }
    // In index order a repeat shows as a non-increasing index; random order is a bijection.
    if (checkIncreasing && item.index <= lastIndex) repeats++;
    lastIndex = item.index;
    if (!item.kept) {
      removed++;
      continue;
    }
    let end = space.encodeLine(item, buf, used);
    if (end < 0) {
      await flush();
      if (space.lineByteLength(item) > buf.length) buf = Buffer.allocUnsafe(space.lineByteLength(item));
      end = space.encodeLine(item, buf, 0);
    }
    used = end;
    written++;
  }
  opts.progress?.tick(sinceTick);
  if (used > 0) await flush();
  return { written, distinct: written - repeats, removed, bytes };
}

/** File-system failures are the user's output path, not an internal error. */
function asUserError(err: unknown, output: string): unknown {
  if (err instanceof UserError) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return new UserError(output, null, `cannot write the output file (${code})`);
  }
  return err;
}
