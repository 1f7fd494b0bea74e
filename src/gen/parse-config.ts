// Reads a generator config: JSON, then the schema (ajv), then the rules a schema cannot say, then
// defaults. Every problem is a UserError naming the file and the JSON path (exit 2 in the CLI).
import type { ErrorObject } from 'ajv/dist/2020.js';
import { UserError } from '../scenario/errors.js';
import { generatorConfigValidator } from '../scenario/schemas.js';
import { parseJson } from '../scenario/json-syntax.js';
import { dropTypesOf, replicasOf, type DropType } from '../scenario/types.js';
import { checkWorkloadAttachment } from './workload-config.js';
import { DEFAULT_PROTOCOL, findProtocol, protocolNames } from '../protocols/registry.js';
import {
  DEFAULT_GST, DEFAULT_SEED, STEPS, defaultLimitOrder, defaultOutput,
  type GeneratorConfig, type GenerationOrder, type LeaderChoice, type LimitOrder, type Step, type WorkloadAttachment,
} from './config.js';
import { identityName } from './identities.js';
import { checkSearch, searchWithDefaults, type RawSearch } from './search-options.js';

/** The config as the schema admits it, before defaults. */
interface RawConfig {
  protocol?: string;
  name: string;
  nodes: number;
  twins: number;
  rounds: number;
  partitions: { min: number; max: number; requireQuorum?: boolean };
  leaders?: LeaderChoice;
  drops?: { types: DropType[]; maxPerRound: number };
  replacement?: boolean;
  order?: GenerationOrder;
  seed?: string | number;
  limits?: Partial<Record<Step, number>>;
  limitOrder?: LimitOrder | Partial<Record<Step, LimitOrder>>;
  symmetry?: boolean;
  gst?: { rounds: number; leaders?: string[] } | null;
  output?: string;
  search?: RawSearch;
  workload?: WorkloadAttachment;
}

/** The schema errors of `value`, or null when it matches (schemas/generator-config.schema.json). */
function schemaErrorsOf(value: unknown): ErrorObject[] | null {
  const validate = generatorConfigValidator();
  return validate(value) ? null : validate.errors ?? [];
}

/** Tells a generator config from a scenario: a generator config has a *number* of nodes. */
export function isGeneratorConfig(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) &&
    typeof (value as { nodes?: unknown }).nodes === 'number';
}

/** Parses and checks a generator config; `file` only labels error messages. */
export function parseGeneratorConfig(text: string, file: string | null): GeneratorConfig {
  return checkGeneratorConfig(parseJson(text, file ?? '<config>'), file);
}

/** The same checks for a value already parsed from JSON (e.g. inline in an executor config). */
export function checkGeneratorConfig(value: unknown, file: string | null): GeneratorConfig {
  const errors = schemaErrorsOf(value);
  if (errors !== null) throw schemaError(errors, file);
  const raw = value as unknown as RawConfig;
  checkRules(raw, file);
  return withDefaults(raw);
}

function checkRules(raw: RawConfig, file: string | null): void {
  const fail = (path: string, detail: string): never => {
    throw new UserError(file, path, detail);
  };
  const replicas = raw.nodes + raw.twins;
  if (raw.twins > raw.nodes) fail('$.twins', `${raw.twins} twins but only ${raw.nodes} identities`);
  const { min, max } = raw.partitions;
  if (min > max) fail('$.partitions.min', `min ${min} is greater than max ${max}`);
  if (max > replicas) {
    fail('$.partitions.max', `${max} groups cannot be filled by ${replicas} replicas ` +
      `(${raw.nodes} identities, ${raw.twins} twinned)`);
  }
  const protocol = findProtocol(raw.protocol ?? DEFAULT_PROTOCOL);
  if (protocol === undefined) fail('$.protocol', `unknown protocol "${raw.protocol}"; known: ${protocolNames().join(', ')}`);
  const dropTypes = dropTypesOf(protocol!.kinds);
  raw.drops?.types.forEach((t, i) => {
    if (!dropTypes.includes(t)) fail(`$.drops.types[${i}]`, `must be one of ${dropTypes.map((d) => JSON.stringify(d)).join(', ')}`);
  });
  const leaders = raw.leaders ?? 'faulty';
  if (leaders === 'faulty' && raw.twins === 0) fail('$.leaders', '"faulty" leaders need at least one twin');
  if (leaders === 'honest' && raw.twins === raw.nodes) fail('$.leaders', '"honest" leaders need an identity that is not twinned');
  if (raw.drops !== undefined && raw.drops.maxPerRound > 0 && raw.drops.types.length === 0) {
    fail('$.drops.types', 'drops.maxPerRound > 0 needs at least one message type');
  }
  if (raw.search !== undefined) checkSearch(raw.search, raw.nodes - raw.twins, fail);
  const names = Array.from({ length: raw.nodes }, (_, i) => identityName(i));
  raw.gst?.leaders?.forEach((id, i) => {
    if (!names.includes(id)) fail(`$.gst.leaders[${i}]`, `"${id}" is not an identity (${names.join(', ')})`);
  });
  const replicaNames = replicasOf({ nodes: names, twins: names.slice(0, raw.twins) });
  if (raw.workload !== undefined) checkWorkloadAttachment(raw.workload, file, replicaNames);
  if (raw.search?.workload !== undefined) {
    if (raw.workload !== undefined) {
      fail('$.search.workload', 'the config already attaches `workload` to every scenario; keep only one of the two');
    }
    checkWorkloadAttachment(raw.search.workload, file, replicaNames, '$.search.workload');
  }
}

function withDefaults(raw: RawConfig): GeneratorConfig {
  const order = raw.order ?? 'enumerate';
  const limits: Partial<Record<Step, bigint>> = {};
  const limitOrder = {} as Record<Step, LimitOrder>;
  for (const step of STEPS) {
    const limit = raw.limits?.[step];
    if (limit !== undefined) limits[step] = BigInt(limit);
    const lo = raw.limitOrder;
    limitOrder[step] = (typeof lo === 'string' ? lo : lo?.[step]) ?? defaultLimitOrder(step, order);
  }
  const types = raw.drops?.types ?? [];
  const kinds = findProtocol(raw.protocol ?? DEFAULT_PROTOCOL)!.kinds;
  return {
    ...(raw.protocol === undefined ? {} : { protocol: raw.protocol }),
    name: raw.name,
    nodes: raw.nodes,
    twins: raw.twins,
    rounds: raw.rounds,
    partitions: { min: raw.partitions.min, max: raw.partitions.max, requireQuorum: raw.partitions.requireQuorum ?? false },
    leaders: raw.leaders ?? 'faulty',
    drops: { types: dropTypesOf(kinds).filter((t) => types.includes(t)), maxPerRound: raw.drops?.maxPerRound ?? 0 },
    replacement: raw.replacement ?? true,
    order,
    seed: raw.seed === undefined ? DEFAULT_SEED : String(raw.seed),
    limits,
    limitOrder,
    symmetry: raw.symmetry ?? false,
    gst: raw.gst === undefined ? DEFAULT_GST : raw.gst,
    output: raw.output ?? defaultOutput(raw.name),
    ...(raw.search === undefined ? {} : { search: searchWithDefaults(raw.search) }),
    ...(raw.workload === undefined ? {} : { workload: raw.workload }),
  };
}

/** The most specific schema error, as a UserError with a `$.a.b[0]` path. */
function schemaError(errors: readonly ErrorObject[], file: string | null): UserError {
  const depth = (e: ErrorObject): number => e.instancePath.split('/').length +
    (e.keyword === 'additionalProperties' ? 1 : 0) - (e.keyword === 'oneOf' ? 1 : 0);
  // At equal depth a type error is the least specific: in a oneOf ({"gst": {}}) it is the branch whose
  // type did not match, while the branch whose type did names what is really wrong.
  const best = [...errors].sort((a, b) => depth(b) - depth(a)
    || Number(a.keyword === 'type') - Number(b.keyword === 'type'))[0];
  if (best === undefined) return new UserError(file, '$', 'does not match the generator config schema');
  let path = toJsonPath(best.instancePath);
  let detail = best.message ?? 'is invalid';
  if (best.keyword === 'additionalProperties') {
    const field = String((best.params as { additionalProperty: string }).additionalProperty);
    path += `.${field}`;
    detail = `unknown field "${field}"`;
  } else if (best.keyword === 'enum') {
    detail = `must be one of ${(best.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (best.keyword === 'required') {
    const field = String((best.params as { missingProperty: string }).missingProperty);
    detail = `missing required field "${field}"`;
  }
  return new UserError(file, path, detail);
}

function toJsonPath(pointer: string): string {
  return '$' + pointer.split('/').slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');
}
