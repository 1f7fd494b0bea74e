// Where a case's scenarios come from (DESIGN §7): an inline scenario, a `.json` scenario file, a
// `.jsonl` file (one per line), or a generator config run online (scenarios generated and executed
// without a file). Every source is indexed so that a finding names its scenario exactly.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';
import type { ExecutorCase } from '../scenario/executor-config.js';
import { parseJson } from '../scenario/json-syntax.js';
import { parseScenarioLine, parseScenarioText } from '../scenario/validate.js';
import type { Scenario } from '../scenario/types.js';
import { isGeneratorConfig, parseGeneratorConfig, ScenarioSpace } from '../gen/index.js';
import { UserError } from './errors.js';
import { readInputText } from './input-file.js';
import { countScenarioLines } from './jsonl-slices.js';
import { readLines } from './lines.js';

export interface IndexedScenario {
  readonly index: number;
  readonly scenario: Scenario;
}

/** A generator config by its text, so every thread enumerates exactly the space the main thread checked. */
export interface GeneratorRef {
  readonly file: string;
  readonly text: string;
}

export interface ScenarioSource {
  /** Human description ("3 scenarios from x.jsonl"). */
  readonly label: string;
  /** Path of the file, relative to the working directory, or null for an inline scenario. */
  readonly file: string | null;
  /**
   * Checks what can be checked before the run: the file exists and, for a .jsonl file, holds a
   * scenario. Each line of a .jsonl file is parsed and checked by the thread that runs it.
   */
  validate(): void;
  /** Number of scenario indices (positions) in the source. */
  count(): number;
  /** For a generator config run online: its text, so worker threads can generate index ranges themselves. */
  readonly generator?: GeneratorRef;
  /** For a .jsonl file: the file, so worker threads can read and parse byte ranges of it themselves. */
  readonly jsonl?: string;
  /** Scenarios with index in [from, to), in index order. */
  scenarios(from?: number, to?: number): Iterable<IndexedScenario>;
}

export function sourceOf(c: ExecutorCase, configFile: string, casePath: string): ScenarioSource {
  if (c.scenario !== undefined) {
    const scenario = c.scenario;
    return { label: 'inline scenario', file: null, validate: () => undefined, count: () => 1,
      scenarios: (from = 0, to = 1) => (from <= 0 && to > 0 ? [{ index: 0, scenario }] : []) };
  }
  const target = resolve(dirname(configFile), c.scenarios ?? '');
  const shown = relative(process.cwd(), target) || target;
  if (!existsSync(target) || !statSync(target).isFile()) {
    throw new UserError(configFile, `${casePath}.scenarios`, `no such file '${shown}'`);
  }
  if (target.endsWith('.jsonl')) return jsonlSource(shown, configFile, `${casePath}.scenarios`);
  return jsonSource(shown);
}

function jsonlSource(file: string, configFile: string, refPath: string): ScenarioSource {
  let total: number | null = null;
  const count = (): number => (total ??= countScenarioLines(file));
  function* scenarios(from = 0, to = Infinity): Generator<IndexedScenario> {
    let index = 0;
    for (const { line, lineNo } of readLines(file)) {
      if (line.trim() === '') continue;
      if (index >= to) return;
      if (index >= from) yield { index, scenario: parseScenarioLine(line, file, lineNo) };
      index++;
    }
  }
  return {
    label: file, file, jsonl: file,
    validate: () => {
      // A case with nothing to run would report a verdict about no scenario at all.
      if (count() === 0) throw new UserError(configFile, refPath, `'${file}' holds no scenario (every line is blank)`);
    },
    count,
    scenarios,
  };
}

function jsonSource(file: string): ScenarioSource {
  const text = readInputText(file);
  const value = parseJson(text, file);
  if (isGeneratorConfig(value)) {
    const space = new ScenarioSpace(parseGeneratorConfig(text, file));
    return {
      label: `generator ${file} (online)`, file, generator: { file, text },
      validate: () => undefined,
      count: () => Number(space.size),
      *scenarios(from = 0, to = Number(space.size)) {
        const end = BigInt(Math.min(to, Number(space.size)));
        for (const { position, scenario } of space.scenarios(BigInt(from), end)) yield { index: Number(position), scenario };
      },
    };
  }
  const scenario = parseScenarioText(text, file);
  return { label: file, file, validate: () => undefined, count: () => 1,
    scenarios: (from = 0, to = 1) => (from <= 0 && to > 0 ? [{ index: 0, scenario }] : []) };
}
