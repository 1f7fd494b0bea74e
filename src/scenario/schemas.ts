// The JSON Schemas of schemas/, compiled once per process. They are loaded with require() relative to
// the compiled module (dist/src/scenario/ -> schemas/ at the package root) rather than with JSON import
// attributes, because `tsc` would copy imported JSON to dist/schemas/, which the published package
// does not ship; schemas/ itself is shipped, since editors use it through "$schema".
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject, ValidateFunction } from 'ajv/dist/2020.js';

const require = createRequire(import.meta.url);
const SCHEMA_DIR = '../../../schemas/';

function load(file: string): AnySchemaObject {
  return require(SCHEMA_DIR + file) as AnySchemaObject;
}

export const SCENARIO_SCHEMA = load('scenario.schema.json');
export const EXECUTOR_CONFIG_SCHEMA = load('executor-config.schema.json');
export const REPORT_SCHEMA = load('report.schema.json');
export const JOURNAL_SCHEMA = load('journal.schema.json');

function schemaId(schema: AnySchemaObject): string {
  const id = schema.$id;
  if (typeof id !== 'string') throw new Error('schema without $id');
  return id;
}

function compiler(allErrors: boolean): Ajv2020 {
  // verbose: errors carry the failing data and schema, which the messages quote.
  const ajv = new Ajv2020({ allErrors, verbose: true, strict: true, allowUnionTypes: true,
    // The "exactly one of scenario or scenarios" rule names its fields in oneOf branches.
    strictRequired: false,
    // The shipped schemas are checked against the JSON Schema meta-schema by a test
    // (test/scenario/schemas-valid.test.ts), not by every thread that starts: that check compiles
    // the meta-schema, the largest part of a command's start-up.
    validateSchema: false });
  for (const s of [SCENARIO_SCHEMA, EXECUTOR_CONFIG_SCHEMA, REPORT_SCHEMA, JOURNAL_SCHEMA]) ajv.addSchema(s);
  return ajv;
}

function validator(ajv: Ajv2020, id: string): ValidateFunction {
  const v = ajv.getSchema(id);
  if (v === undefined) throw new Error(`schema ${id} did not compile`);
  return v;
}

/** Compiles on first use: schema compilation is most of a command's start-up time otherwise. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

// Input files stop at the first error (one message per bad input); reports list every problem.
const firstError = lazy(() => compiler(false));
const everyError = lazy(() => compiler(true));

export const scenarioValidator = lazy(() => validator(firstError(), schemaId(SCENARIO_SCHEMA)));
export const executorConfigValidator = lazy(() => validator(firstError(), schemaId(EXECUTOR_CONFIG_SCHEMA)));
export const summaryValidator = lazy(() => validator(everyError(), schemaId(REPORT_SCHEMA)));
export const findingValidator = lazy(() => validator(everyError(), `${schemaId(REPORT_SCHEMA)}#/$defs/finding`));

const optionValidators = new WeakMap<object, ValidateFunction>();

/** A validator for a protocol module's option schema (an opaque bag to everything else), compiled once. */
export function protocolOptionsValidator(schema: Readonly<Record<string, unknown>>): ValidateFunction {
  let v = optionValidators.get(schema);
  if (v === undefined) optionValidators.set(schema, (v = firstError().compile(schema as AnySchemaObject)));
  return v;
}
export const findingInputValidator = lazy(() => validator(firstError(), `${schemaId(REPORT_SCHEMA)}#/$defs/finding`));
export const summaryInputValidator = lazy(() => validator(firstError(), schemaId(REPORT_SCHEMA)));
export const journalHeaderValidator = lazy(() => validator(firstError(), `${schemaId(JOURNAL_SCHEMA)}#/$defs/header`));
export const journalBatchValidator = lazy(() => validator(firstError(), `${schemaId(JOURNAL_SCHEMA)}#/$defs/batch`));
