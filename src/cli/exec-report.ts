// The report folder's pages of a run: summary.json, index.html (with a traced re-run of one example
// finding per group) and junit.xml. A module of its own so that `twins exec` loads the renderer and
// the executor it re-runs findings with while the run goes on, not before it starts.
import { runScenario } from '../exec/run-scenario.js';
import { MAX_FINDINGS_DRAWN, renderHtmlReport, renderJunit } from '../exec/report/index.js';
import type { FindingGroups } from '../exec/finding-groups.js';
import type { Summary } from '../exec/report-types.js';

export function writeReport(report: { write(file: string, content: string): void }, summary: Summary,
  groups: FindingGroups): void {
  report.write('summary.json', JSON.stringify(summary, null, 2) + '\n');
  // One example per group is drawn, the largest groups first; findings.jsonl lists every finding.
  const list = groups.list();
  const traced = list.slice(0, MAX_FINDINGS_DRAWN).map(({ example: finding }) => {
    const rerun = runScenario(finding.scenario as Parameters<typeof runScenario>[0],
      finding.options as Parameters<typeof runScenario>[1], { trace: true });
    return { finding, trace: [...(rerun.trace ?? [])], rerunVerdict: rerun.verdict };
  });
  const view = { total: groups.total, ungrouped: groups.ungrouped, groups: list, byOracle: groups.byOracle() };
  report.write('index.html', renderHtmlReport({ summary, findings: traced, groups: view }));
  report.write('junit.xml', renderJunit(summary, list));
}
