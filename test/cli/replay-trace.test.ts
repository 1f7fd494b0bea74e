// `twins replay` reads as a story: a header, replicas by name, one id width, filters, a compact
// per-round form; and it exits as `exec` judged the scenario (0 for a finding its case expects).
import { expect } from 'chai';
import { join } from 'node:path';
import { twins } from './run-cli.js';
import { tempDir } from '../temp-dir.js';

const CV = ['replay', 'scenarios/conflicting_votes.json', '--bugs', 'conflicting_votes'];

describe('twins replay: a readable trace', function () {
  this.timeout(120_000);

  it('starts with a header naming the scenario, its cast and the options', () => {
    const lines = twins(CV).stdout.split('\n');
    expect(lines[0]).to.equal('replay scenarios/conflicting_votes.json');
    expect(lines[1]).to.equal("  scenario: 4 nodes (a b c d), twins d (d, d'); 3 scripted rounds, GST tail of 7 rounds");
    expect(lines[2]).to.match(/^ {2}options: seed 1, bugs \[conflicting_votes\], crypto mock, /);
    expect(lines[3]).to.match(/^ +tick +round +replica +event$/);
  });

  it('gives the GST tail in the protocol\'s unit: commits for PBFT', () => {
    const lines = twins(['replay', 'scenarios/pbft_whole_network.json', '--quiet']).stdout.split('\n');
    expect(lines[1]).to.equal('  scenario: 4 nodes (a b c d), no twins; 1 scripted view, GST tail of 2 commits');
  });

  it('names replicas, never numbers them, and shows every block id by 8 hex digits', () => {
    const out = twins(CV).stdout;
    expect(out).to.contain('<- proposal from d: proposal r1 block e71fecfc by d on qc 0');
    expect(out).not.to.match(/\bby \d+\b/);
    // No 4-digit id where 8 are shown elsewhere.
    expect(out).not.to.match(/\b(?:block|for) [0-9a-f]{4}\b(?![0-9a-f])/);
  });

  it('--replica, --round and --kind narrow the trace', () => {
    const r = twins([...CV, '--replica', 'a', '--round', '2', '--kind', 'vote,commit']);
    const events = r.stdout.split('\n').filter((l) => /^ +\d+ +r/.test(l));
    expect(events).to.have.length(3);
    for (const e of events) expect(e).to.match(/^ +\d+ {2}r2 +a +(votes for|COMMITS) /);
    const range = twins([...CV, '--round', '2-3', '--kind', 'propose']).stdout.split('\n').filter((l) => /^ +\d+ +r/.test(l));
    expect(range.map((l) => /r(\d)/.exec(l)![1])).to.deep.equal(['2', '2', '3', '3']);
    const bad = twins([...CV, '--replica', 'z']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.equal("error: --replica: unknown replica 'z'; replicas: a, b, c, d, d'\n");
    expect(twins([...CV, '--kind', 'nope']).code).to.equal(2);
    expect(twins([...CV, '--round', '3-1']).code).to.equal(2);
  });

  it('--compact shows per round who proposed, who voted for what, certificates, drops and commits', () => {
    const out = twins([...CV, '--compact']).stdout;
    expect(out).to.contain("round 1 (leader d; groups {a b c d d'})\n" +
      "  proposed   d e71fecfc on QC r0; d' 4a4d66e2 on QC r0\n" +
      "  voted      e71fecfc -> d: d a b; 4a4d66e2 -> d: d' a c\n" +
      "  certified  QC e71fecfc at d [a b d]; QC 4a4d66e2 at d' [a c d]\n" +
      "  dropped    proposal d->c (drop-rule); proposal d->d' (drop-rule); proposal d'->b (drop-rule); ");
    expect(out).to.contain('  committed  d h1 e71fecfc; d\' h1 4a4d66e2; a h1 e71fecfc; b h1 e71fecfc; c h1 4a4d66e2\n');
    expect(out.split('\n').length).to.be.lessThan(twins(CV).stdout.split('\n').length / 5);
  });

  it('--quiet prints the header and the verdict without the trace', () => {
    const lines = twins([...CV, '--quiet']).stdout.trim().split('\n');
    expect(lines[3]).to.equal('verdict: safety-violation');
    expect(lines[lines.length - 1]).to.match(/^trace hash [0-9a-f]{16}, \d+ events, \d+ ticks, height \d+$/);
  });

  it('exits 0 for a finding its case expects, 1 for a scenario file that violates safety', () => {
    const reports = tempDir('twins-replay-');
    twins(['exec', 'executor-configs/conflicting_votes_bug.json', '--reports', reports, '--quiet']);
    expect(twins(['replay', join(reports, 'conflicting_votes_bug/findings.jsonl:1'), '--quiet']).code).to.equal(0);
    expect(twins(['report', join(reports, 'conflicting_votes_bug/findings.jsonl:1'), '--out', join(reports, 'p.html')]).code).to.equal(0);
    expect(twins([...CV, '--quiet']).code).to.equal(1);
    expect(twins(['replay', 'executor-configs/conflicting_votes_bug.json', '--case', 'bug', '--quiet']).code).to.equal(0);
  });
});
