// The load test's latency summary: percentiles come from histogram buckets, whose highest value can lie
// above the largest latency recorded; the summary never reports a percentile above the maximum.
import { expect } from 'chai';
import * as hdr from 'hdr-histogram-js';
import { latencySummary } from '../../src/cli/loadtest-report.js';

const histogram = (values: number[]): hdr.Histogram => {
  const h = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
  for (const v of values) h.recordValue(v);
  return h;
};

describe('loadtest latency summary', () => {
  it('caps every percentile at the exact maximum when the top bucket reaches above it', () => {
    const h = histogram([1_000, 2_000, 4_597_345]);
    expect(h.getValueAtPercentile(99), 'the bucket reaches above the value').to.be.greaterThan(4_597_345);
    const s = latencySummary(h);
    expect(s.max).to.equal(4597.345);
    expect(s.p99).to.equal(4597.345);
    expect(s.p999).to.equal(4597.345);
  });

  it('keeps percentiles below the maximum as the histogram gives them, in milliseconds', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i + 1) * 1_000);
    const s = latencySummary(histogram(values));
    expect(s.p50).to.be.closeTo(50, 0.05);
    expect(s.p95).to.be.closeTo(95, 0.1);
    expect(s.max).to.equal(100);
    expect(s.mean).to.be.closeTo(50.5, 0.1);
  });

  it('reports zeros for an empty histogram', () => {
    expect(latencySummary(histogram([]))).to.deep.equal({ p50: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0 });
  });
});
