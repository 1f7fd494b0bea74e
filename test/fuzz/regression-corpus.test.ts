// The regression corpus (DESIGN §8): the scenarios in scenarios/regression/ are minimal failures
// written by `twins fuzz` (and false alarms it found, recorded as `pass` once fixed). Replayed with
// the bugs its `regression` field names and the default run options, each must reproduce its
// recorded verdict and oracle; a finding that needed a bug must pass without it; and its file name
// must match its content.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { regressionFileName } from '../../src/exec/fuzz.js';
import { runScenario } from '../../src/exec/run-scenario.js';
import { BUG_NAMES } from '../../src/protocols/diembft/bugs.js';
import { parseScenarioText } from '../../src/scenario/validate.js';
import { ROOT } from '../cli/run-cli.js';

const DIR = join(ROOT, 'scenarios', 'regression');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('fuzz regression corpus: scenarios/regression/', () => {
  it('holds at least one regression scenario for every catalogued bug', () => {
    const bugs = new Set(files.flatMap((f) => parseScenarioText(readFileSync(join(DIR, f), 'utf8'), f).regression?.bugs ?? []));
    expect([...bugs]).to.include.members([...BUG_NAMES]);
  });

  for (const file of files) {
    it(`${file}: reproduces its recorded verdict with its bugs`, () => {
      const scenario = parseScenarioText(readFileSync(join(DIR, file), 'utf8'), file);
      const expected = scenario.regression;
      expect(expected, 'a `regression` field').to.not.equal(undefined);
      const result = runScenario(scenario, { bugs: expected!.bugs });
      expect(result.verdict).to.equal(expected!.verdict);
      if (expected!.oracle !== undefined) {
        expect(result.violations.map((v) => v.oracle)).to.include(expected!.oracle);
        expect(file).to.equal(regressionFileName(expected!.oracle, scenario, expected!.bugs));
      }
      if (expected!.bugs.length > 0) expect(runScenario(scenario, { bugs: [] }).verdict, 'without its bugs').to.equal('pass');
    });
  }
});
