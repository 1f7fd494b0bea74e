// Setup:  the shipped PBFT config executor-configs/pbft_view_change_f_plus_one.json (its bug case: a
//   new-view accepted with f+1 view-changes) run by `twins exec` into a temporary folder, and its one
//   finding replayed by `twins replay`; DiemBFT's conflicting_votes scenario for contrast.
// Expect: the console speaks PBFT where a PBFT run is told: exec's first-violation line names the
//   view (round tag 2 is view 1), replay's header counts scripted views and calls the timeout option
//   the request timeout, its event column is `view` with v-tags, the timer is the replica timer,
//   `--round 1` keeps view 1's events, and the verdict lines name views; JUnit does too. DiemBFT's
//   lines keep their round words.
// Replay: npx tsc -p . && npx mocha dist/test/cli/pbft-replay-words.test.js
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { twins } from './run-cli.js';
import { tempDir } from '../temp-dir.js';

describe('twins exec and replay tell a PBFT run in views', function () {
  this.timeout(120_000);
  let reports = '';
  let execOut = '';

  before(() => {
    reports = tempDir('pbft-words');
    const r = twins(['exec', 'executor-configs/pbft_view_change_f_plus_one.json', '--reports', reports]);
    expect(r.code, r.stderr).to.equal(0);
    execOut = r.stdout;
  });

  it('exec names the view a violation happened in', () => {
    expect(execOut).to.contain('      safety.certificate-signers in view 1 at tick 22 [b]: b accepted a new-view certificate');
    expect(execOut).not.to.match(/ in round \d/);
  });

  it('replay prints views, the request timeout and the replica timer', () => {
    const finding = join(reports, 'pbft_view_change_f_plus_one', 'findings.jsonl:1');
    const lines = twins(['replay', finding]).stdout.split('\n');
    expect(lines[1]).to.match(/; 2 scripted views, /);
    expect(lines[2]).to.match(/, request timeout 20 ticks$/);
    expect(lines[3]).to.match(/^ +tick +view +replica +event$/);
    const events = lines.filter((l) => /^ +\d+ {2}v/.test(l));
    expect(events.length).to.be.greaterThan(100);
    expect(lines.filter((l) => /^ +\d+ {2}r\d/.test(l))).to.deep.equal([]);
    expect(lines).to.include('      22  v1    b        enters view 1 via new-view');
    expect(lines.some((l) => l.endsWith('replica timer fired'))).to.equal(true);
    expect(lines).to.include('  safety.certificate-signers view 1 tick 22: b accepted a new-view certificate for view 1 seq 0 ' +
      'with 2 distinct signers (1, 2), need 3');
    const view1 = twins(['replay', finding, '--round', '1']).stdout.split('\n').filter((l) => /^ +\d+ {2}v/.test(l));
    expect(view1.length).to.be.greaterThan(0);
    for (const l of view1) expect(l).to.match(/^ +\d+ {2}v1 /);
    const compact = twins(['replay', finding, '--compact', '--round', '1']).stdout;
    expect(compact).to.contain('\nview 1 (primary b; groups {a} {b c d})\n');
    expect(compact).to.match(/\n {2}committed {2}c s1 670f134c; /);
  });

  it('JUnit names views for PBFT', () => {
    const junit = readFileSync(join(reports, 'pbft_view_change_f_plus_one', 'junit.xml'), 'utf8');
    expect(junit).to.contain('at tick 22, view 1, replicas b');
    expect(junit).not.to.match(/, round \d+, replicas/);
  });

  it('DiemBFT keeps its rounds', () => {
    const lines = twins(['replay', 'scenarios/conflicting_votes.json', '--bugs', 'conflicting_votes']).stdout.split('\n');
    expect(lines[1]).to.match(/; 3 scripted rounds, /);
    expect(lines[2]).to.match(/, round timeout 20 ticks$/);
    expect(lines[3]).to.match(/^ +tick +round +replica +event$/);
    expect(lines.some((l) => l.endsWith('round timer fired'))).to.equal(true);
  });
});
