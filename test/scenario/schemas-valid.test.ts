// Setup: every JSON Schema shipped in schemas/, and Ajv's JSON Schema 2020-12 meta-schema.
// Expect: each schema is a valid schema (the commands compile them without this check, to start
//   fast, so it is made here); a schema that breaks the meta-schema is told apart.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ROOT } from '../cli/run-cli.js';

describe('shipped schemas', () => {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, strictRequired: false });
  const files = readdirSync(join(ROOT, 'schemas')).filter((f) => f.endsWith('.schema.json'));

  it('are all checked here', () => {
    expect(files).to.include.members(['scenario.schema.json', 'executor-config.schema.json', 'report.schema.json',
      'journal.schema.json', 'generator-config.schema.json']);
  });

  for (const file of files) {
    it(`${file} is a valid JSON Schema 2020-12`, () => {
      const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8')) as object;
      const ok = ajv.validateSchema(schema);
      expect(ok, ajv.errorsText(ajv.errors)).to.equal(true);
    });
  }

  it('a schema that breaks the meta-schema is refused', () => {
    expect(ajv.validateSchema({ type: 'object', properties: { a: { type: 'integr' } } })).to.equal(false);
    expect(ajv.validateSchema({ type: 'object', required: 'a' })).to.equal(false);
  });
});
