// The malformed-input corpus of test/bad-inputs/: every file must be refused with one UserError that
// names the file, the JSON path and the rule broken. File names say which parser reads them:
//   *.scenario.json   -> parseScenarioText
//   *.scenarios.jsonl -> parseScenarioJsonl
//   *.exec.json       -> parseExecutorConfig
// expected.json maps each file to {parser, path, contains, fileSuffix?, cliOnly?}. A cliOnly config is
// valid on its own; its error sits in a file one of its cases names, which only the CLI reads.
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { UserError } from '../../src/scenario/errors.js';
import { protocolCatalog } from '../../src/exec/catalog.js';
import { parseExecutorConfig } from '../../src/scenario/executor-config.js';
import { parseScenarioJsonl, parseScenarioText } from '../../src/scenario/validate.js';

interface Expected {
  readonly parser: 'scenario' | 'jsonl' | 'exec';
  readonly path: string | null;
  readonly contains: string;
  readonly fileSuffix?: string;
  readonly cliOnly?: boolean;
}

const DIR = new URL('../../../test/bad-inputs/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8')) as Record<string, Expected>;
// The corpus generator's own sources (mutate.ts, corpus.ts) sit here too; inputs are .json and .jsonl.
const corpus = readdirSync(DIR).filter((f) => f !== 'expected.json' && /\.jsonl?$/.test(f)).sort();

function parserFor(name: string): Expected['parser'] {
  if (name.endsWith('.scenario.json')) return 'scenario';
  if (name.endsWith('.scenarios.jsonl')) return 'jsonl';
  if (name.endsWith('.exec.json')) return 'exec';
  throw new Error(`${name} does not follow the corpus naming convention`);
}

function parse(name: string): unknown {
  const text = readFileSync(new URL(name, DIR), 'utf8');
  switch (parserFor(name)) {
    case 'scenario': return parseScenarioText(text, name);
    case 'jsonl': return parseScenarioJsonl(text, name);
    case 'exec': return parseExecutorConfig(text, name, protocolCatalog);
  }
}

function userErrorOf(f: () => unknown): UserError {
  try {
    f();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError, but the input was accepted');
}

describe('bad inputs: the malformed-input corpus', () => {
  it('holds at least 24 files, each with an expectation, and no stale expectation', () => {
    expect(corpus.length).to.be.at.least(24);
    expect(Object.keys(expected).sort()).to.deep.equal(corpus);
  });

  for (const name of corpus) {
    const exp = expected[name];
    if (exp === undefined) continue;
    if (exp.cliOnly === true) {
      it(`${name}: the config alone is valid; its error is in a file it names`, () => {
        expect(exp.parser).to.equal('exec');
        expect(() => parse(name)).not.to.throw();
      });
      continue;
    }
    it(`${name}: ${exp.path ?? '(syntax)'}: …${exp.contains}…`, () => {
      expect(parserFor(name)).to.equal(exp.parser);
      const err = userErrorOf(() => parse(name));
      expect(err.file).to.equal(name + (exp.fileSuffix ?? ''));
      expect(err.jsonPath).to.equal(exp.path);
      expect(err.message).to.include(exp.contains);
      expect(err.message).not.to.include('\n');
    });
  }
});
