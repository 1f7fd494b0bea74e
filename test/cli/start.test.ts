// Setup: the main job's two steps at a smaller size: `twins gen` writes 300 all_random scenarios,
//   then executor-configs/main.json's cases run on them.
// Expect: all pass on the correct protocol; conflicting_votes breaks safety; exit 0.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, twins } from './run-cli.js';
import { tempDir } from '../temp-dir.js';

describe('cli: the main job (npm start) at a smaller size', function () {
  this.timeout(300_000);

  it('generates all_random scenarios and meets main.json\'s expectations on them', () => {
    const dir = tempDir('twins-start-');
    const jsonl = join(dir, 'all_random.jsonl');
    const gen = twins(['gen', 'generator-configs/all_random.json', '--scenarios', '300', '--output', jsonl, '--quiet']);
    expect(gen.code, gen.stderr).to.equal(0);
    expect(readFileSync(jsonl, 'utf8').trim().split('\n')).to.have.length(300);
    const main = JSON.parse(readFileSync(join(ROOT, 'executor-configs/main.json'), 'utf8'));
    delete main.$schema;
    for (const c of main.cases) c.scenarios = jsonl;
    const config = join(dir, 'main.json');
    writeFileSync(config, JSON.stringify(main));
    const r = twins(['exec', config, '--reports', join(dir, 'reports'), '--quiet', '--workers', '2']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.match(/PASS {2}all_random_correct: expected pass, got pass \(300 scenarios: 300 pass/);
    expect(r.stdout).to.match(/PASS {2}all_random_conflicting_votes: expected safety-violation, got safety-violation/);
  });
});
