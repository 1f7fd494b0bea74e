// Setup: 150 generated scenarios run with the conflicting_votes bug (well over a hundred findings),
//   unsharded and as two merged shards.
// Expect: index.html says how many findings there are, in how many groups, and how many are drawn
//   (one example per group); the group counts add up to findings.jsonl; junit.xml has one testcase per
//   case and per group; the merged shards give the same groups.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, twins } from './run-cli.js';
import { tempDir } from '../temp-dir.js';
import { MAX_FINDINGS_DRAWN } from '../../src/exec/report/index.js';
import { FindingGroups, shapeOf } from '../../src/exec/finding-groups.js';
import type { Finding } from '../../src/exec/report-types.js';

function groupRows(html: string): string[] {
  return [...html.matchAll(/<tr class="group">(.*?)<\/tr>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '|'));
}

describe('reports at scale: findings grouped by oracle and scenario shape', function () {
  this.timeout(300_000);
  const dir = tempDir('twins-groups-');
  const base = JSON.parse(readFileSync(join(ROOT, 'generator-configs/all_random.json'), 'utf8'));
  delete base.$schema;
  writeFileSync(join(dir, 'g.json'), JSON.stringify({ ...base, name: 'g', limits: { scenarios: 150 } }));
  const config = join(dir, 'many.json');
  writeFileSync(config, JSON.stringify({ name: 'many', cases: [
    { name: 'bug', scenarios: 'g.json', bugs: ['conflicting_votes'], expect: 'safety-violation' },
    { name: 'clean', scenarios: 'g.json' },
  ] }));

  it('says how many findings exist and how many are drawn; counts add up; JUnit has one test per case and group', () => {
    const reports = join(dir, 'whole');
    const r = twins(['exec', config, '--reports', reports, '--quiet', '--workers', '1']);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    const out = join(reports, 'many');
    const findings = readFileSync(join(out, 'findings.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Finding);
    expect(findings.length).to.be.greaterThan(MAX_FINDINGS_DRAWN * 2);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const groups = FindingGroups.of(findings).list();
    const drawn = Math.min(groups.length, MAX_FINDINGS_DRAWN);
    expect(html).to.contain(`<h2>Findings (${findings.length})</h2>`);
    expect(html).to.contain(`${findings.length} findings in ${groups.length} group${groups.length === 1 ? '' : 's'}; ` +
      `${drawn} example${drawn === 1 ? '' : 's'} drawn below, one per group`);
    expect(html.match(/<article class="finding"/g)).to.have.length(drawn);
    expect(groupRows(html)).to.have.length(groups.length);
    const counts = [...html.matchAll(/<tr class="group">.*?<td class="count">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).to.equal(findings.length);
    expect(counts).to.deep.equal([...counts].sort((a, b) => b - a));
    expect(html).to.contain('<table class="oracles">');
    const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junit.match(/<testcase /g)).to.have.length(2 + groups.length);
    expect(junit).to.match(new RegExp(`<testsuite name="many" tests="${2 + groups.length}" failures="0" errors="0"`));
  });

  it('two merged shards give the same groups as one run', () => {
    const reports = join(dir, 'shards');
    for (const s of ['1/2', '2/2']) expect(twins(['exec', config, '--reports', reports, '--quiet', '--workers', '1', '--shard', s]).code).to.equal(0);
    expect(twins(['merge', join(reports, 'many.shard-1-of-2'), join(reports, 'many.shard-2-of-2'), '--quiet']).code).to.equal(0);
    const merged = groupRows(readFileSync(join(reports, 'many', 'index.html'), 'utf8'));
    expect(merged).to.deep.equal(groupRows(readFileSync(join(dir, 'whole', 'many', 'index.html'), 'utf8')));
  });

  it('a shape names the round the oracle fired in, up to renaming; after the scripted rounds, the GST tail', () => {
    const round = { leader: 'd', partitions: [['a', 'b', 'd'], ["d'", 'c']], drops: [{ from: 'a', to: 'b', type: 'vote' as const }] };
    const f = (r: number): Finding => ({ case: 'x', scenarioIndex: 0, scenarioId: 'i', verdict: 'safety-violation', bugs: [],
      options: {}, replay: '', scenario: { schemaVersion: 1, nodes: ['a', 'b', 'c', 'd'], twins: ['d'], rounds: [round] },
      violations: [{ oracle: 'safety.agreement', kind: 'safety', round: r, tick: 1, replicas: [], detail: '' }] });
    expect(shapeOf(f(1), 'safety.agreement')).to.equal('3+2, twin leads, drops vote');
    expect(shapeOf(f(4), 'safety.agreement')).to.equal('GST tail');
  });
});
