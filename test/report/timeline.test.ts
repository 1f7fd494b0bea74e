// Setup: the conflicting_votes scenario (a, b, c, d and the twin d') and its trace.
// Expect: one row per replica in replicasOf order with the twins adjacent and badged, one column
// per scripted and traced round with a GST line, and the two conflicting commits highlighted.

import { expect } from 'chai';
import { renderTimeline } from '../../src/exec/report/index.js';
import { buildTimelineModel } from '../../src/exec/report/timeline-model.js';
import { replicasOf } from '../../src/scenario/types.js';
import { conflictingVotesReport, BLOCKS } from './fixtures.js';

function fixture() {
  const { finding, trace } = conflictingVotesReport().findings[0]!;
  return { scenario: finding.scenario as Parameters<typeof renderTimeline>[0], trace, violations: finding.violations };
}

describe('report: renderTimeline', () => {
  it('draws one row per replica, in replicasOf order, twins adjacent', () => {
    const { scenario, trace, violations } = fixture();
    const svg = renderTimeline(scenario, trace, violations);
    const labels = [...svg.matchAll(/<text[^>]*class="replica-label"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).to.deep.equal(replicasOf(scenario).map((r) => r.replace("'", '&#39;')));
    expect(labels).to.deep.equal(['a', 'b', 'c', 'd', 'd&#39;']);
    expect(svg.match(/class="mark twin-badge"/g)).to.have.length(2);
    expect(svg.match(/class="twin-bracket"/g)).to.have.length(1);
  });

  it('has a column per scripted round plus the GST rounds the trace reaches', () => {
    const { scenario, trace, violations } = fixture();
    const model = buildTimelineModel(scenario, trace, violations);
    expect(model.columns.map((c) => c.round)).to.deep.equal([1, 2, 3, 4]);
    expect(model.columns.map((c) => c.scripted)).to.deep.equal([true, true, true, false]);
    expect(model.columns[3]!.leaders).to.deep.equal(['a']);
    const svg = renderTimeline(scenario, trace, violations);
    expect(svg).to.contain('GST / heal');
    expect(svg).to.contain('R4 · GST');
  });

  it('highlights exactly the commits of the replicas the violation names, with the oracle id', () => {
    const { scenario, trace, violations } = fixture();
    const svg = renderTimeline(scenario, trace, violations);
    const conflicts = [...svg.matchAll(/<g class="mark commit conflict" data-replica="([^"]*)" data-height="(\d+)" data-block="([^"]*)"/g)];
    expect(conflicts.map((m) => [m[1], m[2], m[3]])).to.deep.equal([['b', '1', BLOCKS.d1], ['c', '1', BLOCKS.d1p]]);
    expect(svg.match(/class="mark commit"/g)).to.have.length(3);
    expect(svg.match(/class="oracle-label"[^>]*>safety\.agreement</g)).to.have.length(2);
    expect(svg).to.contain('h1 3fa2…').and.to.contain('h1 9c1e…');
  });

  it('marks leaders, two QCs per twin round, votes and the per-type stripe of round 3', () => {
    const { scenario, trace, violations } = fixture();
    const svg = renderTimeline(scenario, trace, violations);
    expect(svg.match(/class="mark leader"/g)).to.have.length(3 * 2 + 1);
    expect(svg.match(/class="mark qc"/g)).to.have.length(5);
    expect(svg.match(/class="mark vote"/g)).to.have.length(2 * 8 + 4);
    expect(svg.match(/class="mark bytype"/g)).to.have.length(5);
    expect(svg.match(/class="mark timeout"/g)).to.have.length(2);
    expect(svg).to.contain(`signers a, b, c, d`);
  });

  it('draws a violation mark when no commit shows it, and never throws on an empty trace', () => {
    const { scenario } = fixture();
    const v = { oracle: 'liveness.commit-after-gst', kind: 'liveness' as const, round: 6, tick: 90,
      replicas: ['c'], detail: 'c committed nothing after GST' };
    const svg = renderTimeline(scenario, [], [v]);
    expect(svg.match(/class="mark violation"/g)).to.have.length(1);
    expect(buildTimelineModel(scenario, [], [v]).columns).to.have.length(6);
  });

  it('caps very long runs at a readable width and says how many rounds were left out', () => {
    const { scenario } = fixture();
    const trace = [{ tick: 1, type: 'timeout' as const, replica: 'a', round: 100, highQcRound: 0 }];
    const svg = renderTimeline(scenario, trace, []);
    expect(svg).to.contain('60 later round(s) not drawn');
  });
});
