// Bad generator configs get one clear message naming the file and the JSON path. The corpus in
// test/gen/bad-configs/ has one file per rule; expected.json gives its path and a message excerpt.
// `space: true` marks problems only the space can see (counts), not the parser.
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ScenarioSpace, isGeneratorConfig, parseGeneratorConfig } from '../../src/gen/index.js';
import { UserError } from '../../src/scenario/errors.js';
import { BAD_CONFIGS, expectedBad } from './helpers.js';

const corpus = readdirSync(BAD_CONFIGS).filter((f) => f !== 'expected.json').sort();

function load(name: string): void {
  const config = parseGeneratorConfig(readFileSync(new URL(name, BAD_CONFIGS), 'utf8'), name);
  new ScenarioSpace(config, name).assertGeneratable();
}

describe('gen config: bad configs are refused with the file and JSON path', () => {
  it('every corpus file has an expectation, and every expectation a file', () => {
    expect(corpus).to.deep.equal(Object.keys(expectedBad).sort());
  });

  for (const name of corpus) {
    const want = expectedBad[name]!;
    it(`${name}: ${want.path ?? 'syntax'} — ${want.contains}`, () => {
      let error: unknown = null;
      try {
        load(name);
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(UserError);
      const e = error as UserError;
      expect(e.jsonPath).to.equal(want.path);
      expect(e.file?.startsWith(name)).to.equal(true);
      expect(e.message).to.contain(want.contains);
    });
  }
});

describe('gen config: defaults and recognition', () => {
  it('fills every default: faulty leaders, no drops, replacement, enumerate, seed "0", gst 7, scenarios/<name>.jsonl', () => {
    const c = parseGeneratorConfig('{"name":"x","nodes":4,"twins":1,"rounds":2,"partitions":{"min":1,"max":2}}', null);
    expect(c).to.deep.include({
      leaders: 'faulty', replacement: true, order: 'enumerate', seed: '0', symmetry: false,
      gst: { rounds: 7 }, output: 'scenarios/x.jsonl',
    });
    expect(c.drops).to.deep.equal({ types: [], maxPerRound: 0 });
    expect(c.limitOrder).to.deep.equal({ partitions: 'first', roundConfigs: 'first', scenarios: 'first' });
  });

  it('samples scenarios by default in random order, and a string limitOrder applies to every step', () => {
    const base = '"name":"x","nodes":4,"twins":1,"rounds":2,"partitions":{"min":1,"max":2}';
    expect(parseGeneratorConfig(`{${base},"order":"random"}`, null).limitOrder.scenarios).to.equal('sample');
    expect(parseGeneratorConfig(`{${base},"limitOrder":"sample"}`, null).limitOrder)
      .to.deep.equal({ partitions: 'sample', roundConfigs: 'sample', scenarios: 'sample' });
  });

  it('tells a generator config (a number of nodes) from a scenario (a list of nodes)', () => {
    expect(isGeneratorConfig({ nodes: 4 })).to.equal(true);
    expect(isGeneratorConfig({ nodes: ['a', 'b', 'c', 'd'] })).to.equal(false);
    expect(isGeneratorConfig(null)).to.equal(false);
    expect(isGeneratorConfig([4])).to.equal(false);
  });
});
