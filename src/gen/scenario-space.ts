// The scenario space of a generator config: the three steps composed, addressable by index, and
// streamed lazily. Nothing here grows with the number of scenarios: the caches are bounded and the
// stream holds one scenario at a time.
import { workloadFields } from './workload-config.js';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../scenario/canonical.js';
import { UserError } from '../scenario/errors.js';
import type { Partition, RoundSpec, Scenario } from '../scenario/types.js';
import { arrangementCount, decodeArrangement } from './arrangements.js';
import { configToJson, type GeneratorConfig } from './config.js';
import { castOf, type Cast } from './identities.js';
import { CountLimitError, MAX_COUNT_WORK } from './partition-dp.js';
import { PartitionStep } from './partition-step.js';
import { RoundConfigStep } from './round-config-step.js';
import { groupsOf, renderRound, type RoundEntry } from './round-render.js';
import { PositionMap } from './scenario-order.js';
import { SymmetryFilter } from './symmetry.js';

/** Largest scenario step that may be walked without `limits.scenarios`. */
export const MAX_UNLIMITED_SCENARIOS = 100_000_000n;
const ROUND_CACHE_MAX = 1 << 16;

export interface StepCounts {
  readonly partitions: bigint;
  readonly roundConfigs: bigint;
  readonly scenarios: bigint;
}

/** One output position of a walk. */
export interface SpaceItem {
  readonly position: bigint;
  /** Index of the scenario in enumeration order (recorded as provenance.index). */
  readonly index: bigint;
  readonly rounds: readonly RoundEntry[];
  /** False when symmetry removed it (it is an honest renaming of a kept scenario). */
  readonly kept: boolean;
}

export class ScenarioSpace {
  readonly cast: Cast;
  readonly partitions: PartitionStep;
  readonly roundConfigs: RoundConfigStep;
  /** Arrangements of the (limited) round configurations, before the scenario limit. */
  readonly arrangements: bigint;
  readonly configHash: string;
  private readonly positions: PositionMap;
  private readonly symmetry: SymmetryFilter | null;
  private readonly roundCache = new Map<bigint, RoundEntry>();
  private readonly linePrefix: string;
  private readonly lineSuffix: string;
  private readonly prefixBytes: Buffer;
  private readonly suffixBytes: Buffer;

  constructor(readonly config: GeneratorConfig, readonly file: string | null = null) {
    this.cast = castOf(config);
    try {
      this.partitions = new PartitionStep(config, this.cast, file);
      this.roundConfigs = new RoundConfigStep(config, this.cast, this.partitions, file);
    } catch (err) {
      throw err instanceof CountLimitError ? tooLargeToCount(config, file) : err;
    }
    this.arrangements = arrangementCount(this.roundConfigs.size, config.rounds, config.replacement);
    if (this.arrangements === 0n) {
      throw new UserError(file, '$.replacement', `${config.rounds} rounds without replacement need at least ` +
        `${config.rounds} round configurations; there are ${this.roundConfigs.size}`);
    }
    this.positions = new PositionMap(config, this.arrangements, file);
    const render = (c: Parameters<typeof renderRound>[2]): string => renderRound(this.cast, config.drops.types, c).json;
    this.symmetry = config.symmetry ? new SymmetryFilter(this.cast, render, file) : null;
    this.configHash = hashConfig(config);
    const head = this.skeleton(0n);
    const json = JSON.stringify({ ...head, rounds: [] });
    const cut = json.indexOf('"rounds":[]') + '"rounds":['.length;
    this.linePrefix = json.slice(0, cut);
    this.lineSuffix = json.slice(cut, json.lastIndexOf('"index":"0"') + '"index":"'.length);
    this.prefixBytes = Buffer.from(this.linePrefix, 'utf8');
    this.suffixBytes = Buffer.from(this.lineSuffix, 'utf8');
  }

  /** Number of output positions (after every limit, before symmetry). */
  get size(): bigint {
    return this.positions.size;
  }

  /** Size of each step after its limit; `scenarios` counts output positions. */
  counts(): StepCounts {
    return { partitions: this.partitions.size, roundConfigs: this.roundConfigs.size, scenarios: this.size };
  }

  /** Size of each step with no limit anywhere (the raw space). */
  unlimitedCounts(): StepCounts {
    return {
      partitions: this.partitions.limited.full,
      roundConfigs: this.roundConfigs.unlimited,
      scenarios: arrangementCount(this.roundConfigs.unlimited, this.config.rounds, this.config.replacement),
    };
  }

  /** Throws the UserError a too-large walk deserves; call before generating. */
  assertGeneratable(): void {
    if (this.config.limits.scenarios === undefined && this.size > MAX_UNLIMITED_SCENARIOS) {
      throw new UserError(this.file, '$.limits.scenarios',
        `the space holds ${this.size} scenarios, more than ${MAX_UNLIMITED_SCENARIOS} can be written in ` +
        `${this.config.order} order; set limits.scenarios (or --scenarios N)`);
    }
  }

  indexAt(position: bigint): bigint {
    return this.positions.indexAt(position);
  }

  /** The scenario at output position `position`. */
  at(position: bigint): Scenario {
    return this.scenarioAtIndex(this.indexAt(position));
  }

  /** Scenario number `index` in enumeration (digit) order, built directly. */
  scenarioAtIndex(index: bigint): Scenario {
    return this.scenarioOf({ position: -1n, index, rounds: this.roundsOf(index), kept: true });
  }

  /** Every output position in [from, to), removed ones included (with kept = false). */
  *walk(from = 0n, to: bigint = this.size): Generator<SpaceItem> {
    if (to > this.size) to = this.size;
    for (let position = from; position < to; position++) {
      const index = this.positions.indexAt(position);
      const digits = decodeArrangement(index, this.roundConfigs.size, this.config.rounds, this.config.replacement);
      const rounds = digits.map((d) => this.entry(d));
      const kept = this.symmetry === null || this.symmetry.isCanonical(digits, rounds.map((r) => r.config),
        rounds.map((r) => r.json));
      yield { position, index, rounds, kept };
    }
  }

  /** Step 1, lazily: the (limited) partitions in step order, groups in canonical order. */
  *stepPartitions(): Generator<Partition> {
    for (let i = 0n; i < this.partitions.size; i++) {
      yield groupsOf(this.cast, this.partitions.at(i).labels);
    }
  }

  /** Step 2, lazily: the (limited) round configurations in step order. */
  *stepRoundConfigs(): Generator<RoundSpec> {
    for (let i = 0n; i < this.roundConfigs.size; i++) yield this.entry(i).spec;
  }

  /** The kept scenarios at output positions [from, to); refuses a space too large to walk. */
  *scenarios(from = 0n, to: bigint = this.size): Generator<{ position: bigint; index: bigint; scenario: Scenario }> {
    this.assertGeneratable();
    for (const item of this.walk(from, to)) {
      if (item.kept) yield { position: item.position, index: item.index, scenario: this.scenarioOf(item) };
    }
  }

  scenarioOf(item: SpaceItem): Scenario {
    return { ...this.skeleton(item.index), rounds: item.rounds.map((r) => r.spec) };
  }

  /** JSON text of a scenario, identical to JSON.stringify(scenarioOf(item)) but built by concatenation. */
  lineOf(item: SpaceItem): string {
    let rounds = '';
    for (let j = 0; j < item.rounds.length; j++) rounds += (j === 0 ? '' : ',') + item.rounds[j]!.json;
    return `${this.linePrefix}${rounds}${this.lineSuffix}${item.index}"}}`;
  }

  /** Bytes of the line of `item`, newline included. */
  lineByteLength(item: SpaceItem): number {
    let n = this.prefixBytes.length + this.suffixBytes.length + item.index.toString().length + 3;
    for (const r of item.rounds) n += r.bytes.length + 1;
    return n;
  }

  /**
   * Writes the line of `item` and a newline into `buf` at `offset`, returning the offset after it,
   * or -1 (writing nothing) when it does not fit. The bytes equal lineOf(item) + '\n'; assembling
   * them from cached buffers keeps the garbage per scenario small, hence the memory flat.
   */
  encodeLine(item: SpaceItem, buf: Buffer, offset: number): number {
    const index = item.index.toString();
    let end = offset + this.prefixBytes.length + this.suffixBytes.length + index.length + 3;
    for (const r of item.rounds) end += r.bytes.length + 1;
    if (end > buf.length) return -1;
    // TypedArray.set: far cheaper than Buffer#copy for short pieces.
    buf.set(this.prefixBytes, offset);
    let at = offset + this.prefixBytes.length;
    for (let j = 0; j < item.rounds.length; j++) {
      if (j > 0) buf[at++] = 0x2c; // ','
      const bytes = item.rounds[j]!.bytes;
      buf.set(bytes, at);
      at += bytes.length;
    }
    buf.set(this.suffixBytes, at);
    at += this.suffixBytes.length;
    at += buf.write(index, at, 'latin1');
    buf[at++] = 0x22; // '"'
    buf[at++] = 0x7d; // '}'
    buf[at++] = 0x7d; // '}'
    buf[at++] = 0x0a; // newline
    return at;
  }

  private roundsOf(index: bigint): RoundEntry[] {
    return decodeArrangement(index, this.roundConfigs.size, this.config.rounds, this.config.replacement)
      .map((d) => this.entry(d));
  }

  private entry(digit: bigint): RoundEntry {
    let e = this.roundCache.get(digit);
    if (e === undefined) {
      e = renderRound(this.cast, this.config.drops.types, this.roundConfigs.at(digit));
      if (this.roundCache.size >= ROUND_CACHE_MAX) this.roundCache.clear();
      this.roundCache.set(digit, e);
    }
    return e;
  }

  /** Everything of a scenario but its rounds, keys in output order. */
  private skeleton(index: bigint): Omit<Scenario, 'rounds'> & { rounds: [] } {
    const { config, cast } = this;
    return {
      schemaVersion: 1, ...(config.protocol === undefined ? {} : { protocol: config.protocol }),
      nodes: cast.nodes, twins: cast.twins, rounds: [],
      ...(config.gst === null ? {} : { gst: config.gst }),
      ...workloadFields(config.workload),
      provenance: { generator: config.name, configHash: this.configHash, seed: config.seed, index: index.toString() },
    };
  }
}

function tooLargeToCount(config: GeneratorConfig, file: string | null): UserError {
  const why = [config.partitions.requireQuorum ? 'a required quorum group' : '',
    config.drops.maxPerRound > 0 ? 'drops, which weigh each partition by its group sizes' : ''].filter((x) => x !== '');
  return new UserError(file, '$.partitions.max', `the partitions of ${config.nodes + config.twins} replicas into ` +
    `${config.partitions.min}..${config.partitions.max} groups${why.length > 0 ? ` with ${why.join(' and ')}` : ''} ` +
    `are too many shapes to count (over ${MAX_COUNT_WORK} steps); lower partitions.max, twins or nodes` +
    `${why.length > 0 ? ', or drop requireQuorum or drops' : ''}`);
}

/** First 16 hex digits of SHA-256 over the config's canonical JSON without `output` (which changes no scenario). */
export function hashConfig(config: GeneratorConfig): string {
  const { output: _output, ...rest } = configToJson(config);
  return createHash('sha256').update(canonicalJson(rest)).digest('hex').slice(0, 16);
}
