// Setup: every shipped generator config, run online through `twins exec` on the correct protocol;
//   and the symmetry_small space, whose removed scenarios are honest renamings of kept ones.
// Expect: every generated scenario passes; each removed scenario is a renaming of a kept one and
//   gets the same verdict, on the correct protocol and with an injected bug.
// Replay: npx twins exec <config wrapping generator-configs/X.json>
import { expect } from 'chai';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execCommand } from '../../src/cli/cmd-exec.js';
import { runScenario } from '../../src/exec/run-scenario.js';
import type { Summary } from '../../src/exec/report-types.js';
import { honestRenamings, parseGeneratorConfig, renameScenario, ScenarioSpace } from '../../src/gen/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { tempDir } from '../temp-dir.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const GEN_DIR = join(ROOT, 'generator-configs');
const SHIPPED = readdirSync(GEN_DIR).filter((f) => f.endsWith('.json') && !f.startsWith('fuzz_')).sort();

const roundsKey = (s: Scenario): string => JSON.stringify(s.rounds);

describe('shipped generator configs on the correct protocol', function () {
  this.timeout(900_000);
  const dir = tempDir('twins-gen-exec-');

  for (const file of SHIPPED) {
    it(`${file}: every generated scenario passes`, async () => {
      const config = join(dir, `${file}`);
      writeFileSync(config, JSON.stringify({ name: file.replace('.json', ''), cases: [
        { name: 'correct', scenarios: join(GEN_DIR, file), expect: 'pass' }] }));
      const code = await execCommand(config, { quiet: true, silent: true, reports: join(dir, 'reports'), workers: 2 });
      const summary = JSON.parse(readFileSync(join(dir, 'reports', file.replace('.json', ''), 'summary.json'), 'utf8')) as Summary;
      const c = summary.cases[0]!;
      expect(c.scenarios.total).to.be.greaterThan(0);
      expect(c.scenarios.pass, JSON.stringify(c.firstViolation)).to.equal(c.scenarios.total);
      expect(code).to.equal(0);
    });
  }
});

describe('symmetry: removed scenarios behave like their kept representative', function () {
  this.timeout(300_000);
  const file = join(GEN_DIR, 'symmetry_small.json');
  const space = new ScenarioSpace(parseGeneratorConfig(readFileSync(file, 'utf8'), file), file);
  const kept = new Map<string, Scenario>();
  const removed: Scenario[] = [];
  for (const item of space.walk()) {
    const s = space.scenarioOf(item);
    if (item.kept) kept.set(roundsKey(s), s);
    else removed.push(s);
  }

  it('reports how many scenarios it removed', () => {
    expect(removed.length).to.be.greaterThan(0);
    expect(kept.size + removed.length).to.equal(Number(space.arrangements));
  });

  it('each removed scenario is an honest renaming of a kept one, with the same verdict', () => {
    let compared = 0;
    for (const s of removed) {
      const rep = honestRenamings(s).map((m) => kept.get(roundsKey(renameScenario(s, m)))).find((k) => k !== undefined);
      expect(rep, `no kept renaming of ${roundsKey(s)}`).to.not.equal(undefined);
      for (const bugs of [[], ['conflicting_votes']]) {
        const a = runScenario(s, { bugs });
        const b = runScenario(rep!, { bugs });
        expect(a.verdict, `${roundsKey(s)} vs ${roundsKey(rep!)} with [${bugs.join()}]`).to.equal(b.verdict);
        compared++;
      }
    }
    expect(compared).to.equal(2 * removed.length);
  });
});
