// Setup: the validators the build generated (src/scenario/validators-build.ts), and the same sets
//   compiled in this process by Ajv; seed documents of every kind they check (a scenario, an executor
//   config, a generator config, a run's summary and finding line, a journal's header and batch, each
//   protocol's options), each valid and mutated systematically (test/bad-inputs/mutate.ts).
// Expect: the build's generated code is the one in use (made from this build's schemas), and for
//   every document both give the same verdict and the same errors (data, schema, paths), so every
//   message is the same.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mutations } from '../bad-inputs/mutate.js';
import { execSeedConfig, fingerprintOf } from '../bad-inputs/corpus.js';
import { ROOT, twins } from '../cli/run-cli.js';
import { tempDir } from '../temp-dir.js';
import { findProtocol, PROTOCOL_NAMES } from '../../src/protocols/registry.js';
import {
  compiledHere, compilerOf, generatedValidators, protocolOptionsValidator, VALIDATOR_SETS, type SetName, type Validator,
} from '../../src/scenario/schemas.js';

interface Outcome { readonly ok: boolean; readonly errors: unknown }

function outcome(validate: Validator, value: unknown): Outcome {
  const ok = validate(value);
  return { ok, errors: ok ? null : structuredClone(validate.errors) };
}

/** The document, then every mutation of it that is still JSON (syntax errors never reach a schema). */
function documents(doc: unknown): unknown[] {
  const out: unknown[] = [doc];
  for (const m of mutations(doc)) {
    try {
      out.push(JSON.parse(m.text));
    } catch {
      // a cut text
    }
  }
  return out;
}

describe('generated validators', function () {
  this.timeout(120_000);
  const seeds: Partial<Record<string, unknown[]>> = {};

  before(() => {
    const dir = tempDir('twins-validators-');
    const execConfig = execSeedConfig(join(ROOT, 'scenarios/conflicting_votes.json'));
    const config = join(dir, 'x.json');
    writeFileSync(config, execConfig);
    const r = twins(['exec', config, '--reports', join(dir, 'reports'), '--quiet', '--workers', '1']);
    expect(r.code, r.stderr).to.equal(0);
    const summary = JSON.parse(readFileSync(join(dir, 'reports/seed/summary.json'), 'utf8')) as unknown;
    const finding = JSON.parse(readFileSync(join(dir, 'reports/seed/findings.jsonl'), 'utf8').split('\n')[0]!) as unknown;
    const batch = { case: 0, last: 0, count: 1, safety: 1, liveness: 0, crash: 0, first: { 'safety-violation': [0, 0] }, lines: 1, bytes: 10,
      groups: [{ verdict: 'safety-violation', oracle: 'safety.x', shape: 'y', count: 1, at: [0, 0] }] };
    seeds['scenario'] = documents(JSON.parse(readFileSync(join(ROOT, 'scenarios/conflicting_votes.json'), 'utf8')));
    seeds['executorConfig'] = documents(JSON.parse(execConfig));
    seeds['generatorConfig'] = documents(JSON.parse(readFileSync(join(ROOT, 'generator-configs/n7_sampled.json'), 'utf8')));
    seeds['summary'] = documents(summary);
    seeds['finding'] = documents(finding);
    seeds['journalHeader'] = documents({ journal: 1, fingerprint: fingerprintOf(execConfig) });
    seeds['journalBatch'] = documents(batch);
  });

  it('are the build\'s own, made from these schemas', () => {
    expect(generatedValidators()).to.not.equal(null);
  });

  const kinds: Record<SetName, Record<string, string>> = {
    firstError: { scenario: 'scenario', executorConfig: 'executorConfig', findingInput: 'finding', summaryInput: 'summary',
      journalHeader: 'journalHeader', journalBatch: 'journalBatch' },
    everyError: { summary: 'summary', finding: 'finding' },
    generatorConfig: { generatorConfig: 'generatorConfig' },
  };
  for (const [set, refs] of Object.entries(kinds) as [SetName, Record<string, string>][]) {
    it(`${set}: every validator of the set is checked here`, () => {
      expect(Object.keys(refs).sort()).to.deep.equal(Object.keys(VALIDATOR_SETS[set].refs).sort());
    });
    for (const [ref, seed] of Object.entries(refs)) {
      it(`${set}.${ref}: the same verdict and errors as Ajv compiling it here`, () => {
        const built = generatedValidators()!.sets[set]()[ref]!;
        const here = compiledHere(set, ref);
        const docs = seeds[seed]!;
        expect(docs.length).to.be.greaterThan(5);
        let failed = 0;
        for (const doc of docs) {
          const a = outcome(built, doc);
          expect(a, JSON.stringify(doc).slice(0, 200)).to.deep.equal(outcome(here, doc));
          if (!a.ok) failed++;
        }
        expect(failed).to.be.greaterThan(0);
      });
    }
  }

  // The shipped protocols: the build generates their option validators. A protocol another test
  // registers (test/conformance/leader-log.ts) has none and is compiled when first used.
  for (const name of PROTOCOL_NAMES) {
    it(`${name}'s options: the same verdict and errors as Ajv compiling them here`, () => {
      const { schema, defaults } = findProtocol(name)!.options;
      const generated = generatedValidators()!;
      const ref = generated.protocolOptions[JSON.stringify(schema)];
      expect(ref, 'generated').to.be.a('string');
      const built = generated.sets.firstError()[ref!]!;
      const here = compilerOf(VALIDATOR_SETS.firstError).compile(schema);
      const docs = documents(defaults);
      expect(docs.length).to.be.greaterThan(3);
      for (const doc of docs) {
        const a = outcome(built, doc);
        expect(a, JSON.stringify(doc)).to.deep.equal(outcome(here, doc));
        expect(outcome(protocolOptionsValidator(schema), doc)).to.deep.equal(a);
      }
      expect(docs.some((d) => !built(d))).to.equal(true);
    });
  }
});
