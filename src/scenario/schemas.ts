// The JSON Schemas of schemas/ and their validators. The schemas are loaded with require() relative to
// the compiled module (dist/src/scenario/ -> schemas/ at the package root) rather than with JSON import
// attributes, because `tsc` would copy imported JSON to dist/schemas/, which the published package
// does not ship; schemas/ itself is shipped, since editors use it through "$schema".
//
// The validators are compiled when the package is built: `npm run build` runs validators-build.ts,
// which writes Ajv's standalone code for every set below (and every registered protocol's option
// schema) to validators.generated.cjs beside this module. Loading that code takes a few milliseconds
// where compiling the schemas took about 0.3 s and loading Ajv's compiler 0.15 s, in every thread that
// checks input. The generated code is used only if it was generated from the schemas and options of
// this build (its fingerprint); otherwise, or when it is missing (a build by `tsc` alone), the
// validators are compiled here on first use, as before, with the same options and so the same errors.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Ajv2020, AnySchemaObject, ErrorObject, Options } from 'ajv/dist/2020.js';

const require = createRequire(import.meta.url);
const SCHEMA_DIR = '../../../schemas/';

function load(file: string): AnySchemaObject {
  return require(SCHEMA_DIR + file) as AnySchemaObject;
}

export const SCENARIO_SCHEMA = load('scenario.schema.json');
export const EXECUTOR_CONFIG_SCHEMA = load('executor-config.schema.json');
export const REPORT_SCHEMA = load('report.schema.json');
export const JOURNAL_SCHEMA = load('journal.schema.json');
export const GENERATOR_CONFIG_SCHEMA = load('generator-config.schema.json');

function schemaId(schema: AnySchemaObject): string {
  const id = schema.$id;
  if (typeof id !== 'string') throw new Error('schema without $id');
  return id;
}

/** A compiled schema: true when the value matches; otherwise `errors` says why. */
export interface Validator {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Validators compiled by one Ajv instance: its options, the schemas it holds, and each validator's schema ref by name. */
export interface ValidatorSet {
  readonly options: Options;
  readonly schemas: readonly AnySchemaObject[];
  readonly refs: Readonly<Record<string, string>>;
}

const INPUT_SCHEMAS = [SCENARIO_SCHEMA, EXECUTOR_CONFIG_SCHEMA, REPORT_SCHEMA, JOURNAL_SCHEMA];
const CHECKED = {
  // verbose: errors carry the failing data and schema, which the messages quote.
  verbose: true, strict: true, allowUnionTypes: true,
  // The "exactly one of scenario or scenarios" rule names its fields in oneOf branches.
  strictRequired: false,
  // The shipped schemas are checked against the JSON Schema meta-schema by a test
  // (test/scenario/schemas-valid.test.ts), not by every thread that starts: that check compiles
  // the meta-schema, the largest part of a command's start-up.
  validateSchema: false,
} as const;
const REPORT_ID = schemaId(REPORT_SCHEMA);
const JOURNAL_ID = schemaId(JOURNAL_SCHEMA);

export type SetName = 'firstError' | 'everyError' | 'generatorConfig';

/**
 * Input files stop at the first error (one message per bad input); reports list every problem. A
 * protocol's option schema is compiled in `firstError`.
 */
export const VALIDATOR_SETS: Readonly<Record<SetName, ValidatorSet>> = {
  firstError: {
    options: { allErrors: false, ...CHECKED }, schemas: INPUT_SCHEMAS,
    refs: {
      scenario: schemaId(SCENARIO_SCHEMA), executorConfig: schemaId(EXECUTOR_CONFIG_SCHEMA),
      findingInput: `${REPORT_ID}#/$defs/finding`, summaryInput: REPORT_ID,
      journalHeader: `${JOURNAL_ID}#/$defs/header`, journalBatch: `${JOURNAL_ID}#/$defs/batch`,
    },
  },
  everyError: {
    options: { allErrors: true, ...CHECKED }, schemas: INPUT_SCHEMAS,
    refs: { summary: REPORT_ID, finding: `${REPORT_ID}#/$defs/finding` },
  },
  generatorConfig: {
    options: { allErrors: false, strict: true, allowUnionTypes: true, validateSchema: false },
    schemas: [GENERATOR_CONFIG_SCHEMA], refs: { generatorConfig: schemaId(GENERATOR_CONFIG_SCHEMA) },
  },
};

/** The file validators-build.ts writes, relative to this module. */
export const GENERATED_FILE = 'validators.generated.cjs';

/** What the generated code was made from: the sets' options, schemas and refs. */
export function setsFingerprint(): string {
  return createHash('sha256').update(JSON.stringify(VALIDATOR_SETS)).digest('hex');
}

/** The key of a protocol option schema in the generated code. */
export function optionSchemaKey(schema: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(schema);
}

/** The module validators-build.ts writes. */
export interface GeneratedValidators {
  readonly fingerprint: string;
  /** Each set's validators by name; evaluated when called. */
  readonly sets: Readonly<Record<SetName, () => Readonly<Record<string, Validator>>>>;
  /** The name in `firstError` of each protocol option schema's validator, by optionSchemaKey. */
  readonly protocolOptions: Readonly<Record<string, string>>;
}

/** Compiles on first use: schema compilation is most of a command's start-up time otherwise. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** The generated validators when they were made from this build's sets, else null. */
export const generatedValidators = lazy((): GeneratedValidators | null => {
  let g: GeneratedValidators;
  try {
    g = require(`./${GENERATED_FILE}`) as GeneratedValidators;
  } catch (err) {
    if ((err as { code?: unknown }).code === 'MODULE_NOT_FOUND') return null;
    throw err;
  }
  return g.fingerprint === setsFingerprint() ? g : null;
});

/** An Ajv instance holding a set's schemas, for compiling here. */
export function compilerOf(set: ValidatorSet, extra: Options = {}): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const ajv = new Ajv({ ...set.options, ...extra });
  for (const s of set.schemas) ajv.addSchema(s);
  return ajv;
}

const compilers: Record<SetName, () => Ajv2020> = {
  firstError: lazy(() => compilerOf(VALIDATOR_SETS.firstError)),
  everyError: lazy(() => compilerOf(VALIDATOR_SETS.everyError)),
  generatorConfig: lazy(() => compilerOf(VALIDATOR_SETS.generatorConfig)),
};

/** The validators of a set compiled here, without the generated code (tests compare the two). */
export function compiledHere(name: SetName, ref: string): Validator {
  const v = compilers[name]().getSchema(VALIDATOR_SETS[name].refs[ref] ?? ref);
  if (v === undefined) throw new Error(`schema ${ref} did not compile`);
  return v;
}

const generatedSets: Record<SetName, () => Readonly<Record<string, Validator>> | null> = {
  firstError: lazy(() => generatedValidators()?.sets.firstError() ?? null),
  everyError: lazy(() => generatedValidators()?.sets.everyError() ?? null),
  generatorConfig: lazy(() => generatedValidators()?.sets.generatorConfig() ?? null),
};

function validator(set: SetName, name: string): () => Validator {
  return lazy(() => generatedSets[set]()?.[name] ?? compiledHere(set, name));
}

export const scenarioValidator = validator('firstError', 'scenario');
export const executorConfigValidator = validator('firstError', 'executorConfig');
export const findingInputValidator = validator('firstError', 'findingInput');
export const summaryInputValidator = validator('firstError', 'summaryInput');
export const journalHeaderValidator = validator('firstError', 'journalHeader');
export const journalBatchValidator = validator('firstError', 'journalBatch');
export const summaryValidator = validator('everyError', 'summary');
export const findingValidator = validator('everyError', 'finding');
export const generatorConfigValidator = validator('generatorConfig', 'generatorConfig');

const optionValidators = new WeakMap<object, Validator>();

/** A validator for a protocol module's option schema (an opaque bag to everything else), compiled once. */
export function protocolOptionsValidator(schema: Readonly<Record<string, unknown>>): Validator {
  let v = optionValidators.get(schema);
  if (v === undefined) {
    const name = generatedValidators()?.protocolOptions[optionSchemaKey(schema)];
    v = (name === undefined ? undefined : generatedSets.firstError()?.[name]) ?? compilers.firstError().compile(schema as AnySchemaObject);
    optionValidators.set(schema, v);
  }
  return v;
}
