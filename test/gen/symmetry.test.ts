// Symmetry keeps exactly one scenario per class of scenarios equal up to renaming honest
// identities. Checked by brute force with renameScenario, which shares no code with the filter:
// every removed scenario is an honest renaming of a kept one, and no two kept ones are renamings
// of each other.
import { expect } from 'chai';
import { ScenarioSpace, honestRenamings, renameScenario } from '../../src/gen/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { configOf } from './helpers.js';

const body = (s: Scenario): string => JSON.stringify({ ...s, provenance: undefined });

interface Split { kept: Scenario[]; removed: Scenario[] }

function split(fields: Record<string, unknown>): Split {
  const space = new ScenarioSpace(configOf({ ...fields, symmetry: true }));
  const out: Split = { kept: [], removed: [] };
  for (const item of space.walk()) (item.kept ? out.kept : out.removed).push(space.scenarioOf(item));
  return out;
}

const SPACES: Record<string, Record<string, unknown>> = {
  'n = 4, one twin, any leader, 2 rounds (symmetry_small.json)': { rounds: 2, leaders: 'all' },
  'n = 4, one twin, honest leaders, one vote/timeout drop, 1 round': {
    rounds: 1, leaders: 'honest', drops: { types: ['vote', 'timeout'], maxPerRound: 1 },
  },
  'n = 5, two twins, 2 groups, honest leaders, 1 round, one proposal drop': {
    nodes: 5, twins: 2, rounds: 1, partitions: { min: 2, max: 2 }, leaders: 'honest',
    drops: { types: ['proposal'], maxPerRound: 1 },
  },
};

describe('gen symmetry: one representative per honest-renaming class', () => {
  for (const [title, fields] of Object.entries(SPACES)) {
    describe(title, () => {
      const { kept, removed } = split(fields);
      const keptBodies = new Set(kept.map(body));

      it('removes something, and keeps plus removed is the whole space', () => {
        const total = new ScenarioSpace(configOf(fields)).size;
        expect(removed.length).to.be.greaterThan(0);
        expect(BigInt(kept.length + removed.length)).to.equal(total);
      });

      it('every removed scenario is an honest renaming of a kept one', () => {
        for (const s of removed) {
          const images = honestRenamings(s).map((m) => body(renameScenario(s, m)));
          expect(images.some((b) => keptBodies.has(b)), body(s)).to.equal(true);
        }
      });

      it('no two kept scenarios are renamings of each other', () => {
        for (const s of kept) {
          const others = honestRenamings(s).map((m) => body(renameScenario(s, m))).filter((b) => b !== body(s));
          expect(others.filter((b) => keptBodies.has(b)), body(s)).to.deep.equal([]);
        }
      });

      it('keeps as many scenarios as there are classes', () => {
        const classes = new Set([...kept, ...removed].map((s) =>
          honestRenamings(s).map((m) => body(renameScenario(s, m))).sort()[0]));
        expect(kept.length).to.equal(classes.size);
      });
    });
  }

  it('renames twins never: a twinned leader stays the leader', () => {
    const { kept } = split({ rounds: 1, leaders: 'faulty' });
    expect(kept.every((s) => s.rounds[0]!.leader === 'a')).to.equal(true);
  });
});
