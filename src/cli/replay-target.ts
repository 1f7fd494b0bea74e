// Resolves what `twins replay` and `twins report` re-run: a finding (`findings.jsonl:LINE`), a
// scenario file (`.json`, or `.jsonl[:LINE]`), or an executor config case (`config.json --case N`).
import type { Command } from 'commander';
import { DEFAULT_RUN_OPTIONS, resolveCaseOptions, type RunOptions } from '../scenario/executor-config.js';
import { parseJson } from '../scenario/json-syntax.js';
import { isRecord } from '../scenario/json-path.js';
import { findingRunOptions, parseFindingLine } from './finding-input.js';
import { parseScenarioLine, parseScenarioText } from '../scenario/validate.js';
import type { Scenario } from '../scenario/types.js';
import { bugNamesOf } from '../exec/catalog.js';
import { UserError } from './errors.js';
import { loadExecutorConfig } from './exec-run.js';
import { assertRegularFile, readInputText } from './input-file.js';
import { readLines } from './lines.js';
import { sourceOf } from './scenario-source.js';

export interface ReplayFlags {
  readonly bugs?: string;
  readonly seed?: string;
  readonly crypto?: string;
  readonly delay?: string;
  readonly roundTimeout?: string;
  readonly case?: string;
  readonly index?: string;
}

/** The target argument and run-option flags shared by `replay` and `report`. */
export function withTargetOptions(cmd: Command, verb: string): Command {
  return cmd
    .argument('<target>', 'findings.jsonl:LINE, a scenario .json, a .jsonl[:LINE], or an executor config with --case')
    .option('--bugs <list>', 'comma-separated bug names (overrides the finding\'s)')
    .option('--seed <seed>', 'run seed')
    .option('--crypto <kind>', 'mock or ed25519')
    .option('--delay <ticks>', 'link delay in ticks')
    .option('--round-timeout <ticks>', 'round timeout in ticks')
    .option('--case <name>', `with an executor config: the case to ${verb}`)
    .option('--index <k>', 'with --case: the scenario index within the case', '0');
}

export interface ReplayTarget {
  readonly label: string;
  readonly scenario: Scenario;
  readonly options: RunOptions;
}

export function resolveReplayTarget(target: string, flags: ReplayFlags): ReplayTarget {
  const m = /^(.*?)(?::(\d+))?$/.exec(target)!;
  const file = m[1]!;
  const line = m[2] === undefined ? null : Number(m[2]);
  if (flags.case !== undefined) return fromConfigCase(file, flags.case, Number(flags.index ?? 0), flags);
  const lineText = line !== null || file.endsWith('.jsonl') ? nthLine(file, line ?? 1) : null;
  if (lineText !== null) {
    const value = parseJson(lineText, `${file}:${line ?? 1}`);
    if (isRecord(value) && 'scenario' in value && 'options' in value) {
      const finding = parseFindingLine(lineText, file, line ?? 1);
      const scenario = finding.scenario as Scenario;
      return { label: `${file}:${line ?? 1}`, scenario,
        options: applyFlags(findingRunOptions(finding, `${file}:${line ?? 1}`), flags, scenario) };
    }
    const scenario = parseScenarioLine(lineText, file, line ?? 1);
    return { label: `${file}:${line ?? 1}`, scenario, options: applyFlags(DEFAULT_RUN_OPTIONS, flags, scenario) };
  }
  const scenario = parseScenarioText(readText(file), file);
  return { label: file, scenario, options: applyFlags(DEFAULT_RUN_OPTIONS, flags, scenario) };
}

function fromConfigCase(file: string, name: string, index: number, flags: ReplayFlags): ReplayTarget {
  const config = loadExecutorConfig(file);
  const i = config.cases.findIndex((c) => c.name === name);
  const c = config.cases[i];
  if (c === undefined) {
    throw new UserError(file, '$.cases', `no case named '${name}'; cases: ${config.cases.map((x) => x.name).join(', ')}`);
  }
  for (const s of sourceOf(c, file, `$.cases[${i}]`).scenarios()) {
    if (s.index === index) return { label: `${file} case ${name} #${index}`, scenario: s.scenario,
      options: applyFlags(resolveCaseOptions(config, c), flags, s.scenario) };
  }
  throw new UserError(file, `$.cases[${i}]`, `case '${name}' has no scenario #${index}`);
}

/** The flags over `base`; bug names are checked against the protocol the scenario runs (its own, else the options'). */
function applyFlags(base: RunOptions, flags: ReplayFlags, scenario: Scenario): RunOptions {
  const bugs = flags.bugs === undefined ? base.bugs : flags.bugs.split(',').map((b) => b.trim()).filter((b) => b !== '');
  const protocol = scenario.protocol ?? base.protocol;
  for (const b of bugs) {
    if (!bugNamesOf(protocol).includes(b)) {
      throw new UserError(null, '--bugs', `unknown bug '${b}'; known: ${bugNamesOf(protocol).join(', ')}`);
    }
  }
  const crypto = flags.crypto ?? base.crypto;
  if (crypto !== 'mock' && crypto !== 'ed25519') throw new UserError(null, '--crypto', `must be mock or ed25519, got '${crypto}'`);
  return {
    ...base, bugs, crypto, seed: flags.seed ?? base.seed,
    delayTicks: flags.delay === undefined ? base.delayTicks : positiveInt(flags.delay, '--delay'),
    roundTimeoutTicks: flags.roundTimeout === undefined ? base.roundTimeoutTicks : positiveInt(flags.roundTimeout, '--round-timeout'),
  };
}

export function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UserError(null, flag, `must be a positive integer, got '${text}'`);
  return n;
}

function readText(file: string): string {
  return readInputText(file);
}

function nthLine(file: string, n: number): string {
  assertRegularFile(file);
  for (const { line, lineNo } of readLines(file)) if (lineNo === n) return line;
  throw new UserError(`${file}:${n}`, null, 'no such line');
}
