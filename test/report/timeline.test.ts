// Setup: the conflicting_votes scenario (a, b, c, d and the twin d') and its trace.
// Expect: one row per replica in replicasOf order with the twins adjacent and badged, one column
// per scripted and traced round with a GST line, and the two conflicting commits highlighted.

import { expect } from 'chai';
import { renderTimeline } from '../../src/exec/report/index.js';
import { buildTimelineModel } from '../../src/exec/report/timeline-model.js';
import { cellSlots } from '../../src/exec/report/timeline-layout.js';
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
    // A violation in round 100 keeps every round up to it: 40 are drawn, 60 counted.
    const v = { oracle: 'liveness.commit-after-gst', kind: 'liveness' as const, round: 100, tick: 900, replicas: ['a'], detail: 'x' };
    const trace = [{ tick: 1, type: 'timeout' as const, replica: 'a', round: 100, highQcRound: 0 }];
    const svg = renderTimeline(scenario, trace, [v]);
    expect(svg).to.contain('60 later round(s) not drawn');
  });

  it('folds quiet GST rounds at the end into one note, with their commits counted', () => {
    const { scenario } = fixture();
    const trace = [{ tick: 1, type: 'timeout' as const, replica: 'a', round: 100, highQcRound: 0 },
      { tick: 2, type: 'commit' as const, replica: 'a', round: 50, height: 3, blockId: 'x' }];
    const model = buildTimelineModel(scenario, trace, []);
    expect(model.columns.map((c) => c.round)).to.deep.equal([1, 2, 3, 4]);
    expect(model.folded).to.deep.equal({ from: 5, to: 100, commits: 1 });
    expect(renderTimeline(scenario, trace, [])).to.contain('R5–R100: 96 quiet GST rounds folded (no violation, no incident; 1 commit)');
  });

  it('names the GST leader the harness schedules when no proposal shows it', () => {
    const { scenario } = fixture();
    const v = { oracle: 'liveness.commit-after-gst', kind: 'liveness' as const, round: 6, tick: 90, replicas: ['c'], detail: '' };
    const model = buildTimelineModel(scenario, [], [v]);
    // Scripted rounds 1-3, then the honest identities in turn: a, b, c.
    expect(model.columns.slice(3).map((c) => c.leaders)).to.deep.equal([['a'], ['b'], ['c']]);
    expect(renderTimeline(scenario, [], [v])).not.to.contain('leader ?');
  });

  it('places a cell\'s marks left to right by their first tick, and draws scripted drops as crossed arrows', () => {
    const { scenario } = fixture();
    const trace = [
      { tick: 3, type: 'vote' as const, replica: 'a', round: 1, blockId: 'b1', to: 'b', commits: false },
      { tick: 1, type: 'timeout' as const, replica: 'a', round: 1, highQcRound: 0 },
      { tick: 2, type: 'drop' as const, from: 'a', to: 'c', kind: 'vote', round: 1, reason: 'drop-rule' as const },
      { tick: 2, type: 'drop' as const, from: 'a', to: 'b', kind: 'vote', round: 1, reason: 'partition' as const },
    ];
    const model = buildTimelineModel(scenario, trace, []);
    expect(cellSlots(model.cell(0, 0)).timeout).to.be.lessThan(cellSlots(model.cell(0, 0)).vote);
    expect(model.cell(0, 0)!.drops.map((d) => d.to)).to.deep.equal(['c']);
    const svg = renderTimeline(scenario, trace, []);
    expect(svg.match(/class="mark drop"/g)).to.have.length(1);
    expect(svg).to.contain('data-from="a" data-to="c" data-kind="vote"');
  });
});
