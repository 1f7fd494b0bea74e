// Every shipped generator config parses, generates, and every scenario it generates is a valid
// scenario for the executor's validator (src/scenario/validate.ts), which shares no code with src/gen.
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ScenarioSpace, parseGeneratorConfig } from '../../src/gen/index.js';
import { validateScenario } from '../../src/scenario/validate.js';

const DIR = new URL('../../../generator-configs/', import.meta.url);
const shipped = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
/** Validation costs more than generation; a prefix plus a spread of positions covers each config. */
const CHECKED_PER_CONFIG = 5000n;

describe('gen shipped configs', () => {
  it('ships all_random, exhaustive_small, n7_sampled and a symmetry config', () => {
    expect(shipped).to.include.members(['all_random.json', 'exhaustive_small.json', 'n7_sampled.json']);
    const symmetric = shipped.filter((f) => (JSON.parse(readFileSync(new URL(f, DIR), 'utf8')) as { symmetry?: boolean }).symmetry);
    expect(symmetric.length).to.be.greaterThan(0);
  });

  for (const file of shipped) {
    it(`${file}: scenarios across the whole output validate (up to 5,000, evenly spread) and name the config in provenance`, () => {
      const config = parseGeneratorConfig(readFileSync(new URL(file, DIR), 'utf8'), file);
      const space = new ScenarioSpace(config, file);
      space.assertGeneratable();
      const step = space.size / CHECKED_PER_CONFIG + 1n;
      let checked = 0;
      for (let p = 0n; p < space.size; p += step) {
        const s = space.at(p);
        expect(validateScenario(JSON.parse(JSON.stringify(s)), file)).to.deep.equal(s);
        expect(s.provenance).to.deep.include({ generator: config.name, seed: config.seed });
        expect(s.rounds).to.have.length(config.rounds);
        checked++;
      }
      expect(checked).to.be.greaterThan(0);
    });
  }

  it('n7_sampled.json: every round has a group with 5 distinct identities (requireQuorum, f = 2)', () => {
    const config = parseGeneratorConfig(readFileSync(new URL('n7_sampled.json', DIR), 'utf8'), 'n7_sampled.json');
    for (const { scenario } of new ScenarioSpace(config).scenarios(0n, 500n)) {
      for (const round of scenario.rounds) {
        const distinct = round.partitions.map((g) => new Set(g.map((r) => r.replace(/'+$/, ''))).size);
        expect(Math.max(...distinct)).to.be.at.least(5);
        expect(round.partitions.length).to.be.within(2, 3);
        expect(['a', 'b']).to.include(round.leader);
      }
    }
  });
});
