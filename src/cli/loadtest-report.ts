// The load-test report (docs/network.md): `loadtest.json` (settings, machine, and per run the counts,
// throughput, latency percentiles read from the run's HDR histogram, accepted transfers per second,
// and the histogram itself, compressed) and `index.html`, a self-contained page of tables and inline
// SVG charts. Both are written to a temporary name and renamed, so a reader never sees half a file.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import * as hdr from 'hdr-histogram-js';
import type { LoadResult } from '../net/load-client.js';
import { barChart, escapeHtml, lineChart } from './loadtest-svg.js';

export interface LatencySummary {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly mean: number;
}

export interface RunReport {
  readonly protocol: string;
  readonly configuration: string;
  readonly n: number;
  readonly f: number;
  /** Each node's Byzantine mode, by id. */
  readonly byzantine: readonly string[];
  readonly ok: number;
  readonly unexpected: number;
  readonly failed: number;
  readonly elapsedS: number;
  readonly setupS: number;
  /** Accepted transfers per second over the run. */
  readonly throughput: number;
  /** Milliseconds, from the HDR histogram. */
  readonly latencyMs: LatencySummary;
  readonly perSecond: readonly number[];
  /** Whether the honest nodes' ledgers agree on their common prefix, and its length. */
  readonly ledgersAgree: boolean;
  readonly commonHeight: number;
  /** Replies with a wrong result the Byzantine nodes sent (from their event logs). */
  readonly liesSent: number;
  /** The HDR histogram of latencies in microseconds (hdr-histogram-js compressed base64). */
  readonly histogram: string;
  /** Why the run stopped short (its cluster did not start, or its wallets were not all created). */
  readonly error?: string;
}

export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly totalMemGiB: number;
  readonly node: string;
  readonly platform: string;
  readonly loadavg: readonly number[];
}

export interface LoadtestReport {
  readonly command: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: MachineInfo;
  readonly settings: Record<string, unknown>;
  readonly runs: readonly RunReport[];
}

export function machineInfo(): MachineInfo {
  const c = cpus();
  return { cpus: c.length, cpuModel: c[0]?.model ?? 'unknown', totalMemGiB: Math.round(totalmem() / 2 ** 30 * 10) / 10,
    node: process.version, platform: `${process.platform} ${process.arch}`, loadavg: loadavg().map((l) => Math.round(l * 100) / 100) };
}

const ms = (us: number): number => Math.round(us) / 1000;

/** Percentiles and the maximum of a latency histogram, in milliseconds. A percentile is its bucket's
 * highest value, up to 0.1% above what was recorded, so it is capped at the exact maximum. */
export function latencySummary(h: hdr.Histogram): LatencySummary {
  if (h.totalCount === 0) return { p50: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  const at = (p: number): number => ms(Math.min(h.getValueAtPercentile(p), h.maxValue));
  return { p50: at(50), p95: at(95), p99: at(99), p999: at(99.9), max: ms(h.maxValue), mean: ms(h.mean) };
}

/** One run's report entry from its load result and what the cluster's ledgers showed. */
export function runReport(head: RunHead, r: LoadResult,
  nodes: { agree: boolean; commonHeight: number; liesSent: number }): RunReport {
  const accepted = r.ok + r.unexpected;
  return { ...head, ok: r.ok, unexpected: r.unexpected, failed: r.failed, elapsedS: r.elapsedMs / 1000,
    setupS: Math.round(r.setupMs) / 1000, throughput: Math.round((accepted / (r.elapsedMs / 1000)) * 10) / 10,
    latencyMs: latencySummary(r.histogram), perSecond: r.perSecond, ledgersAgree: nodes.agree,
    commonHeight: nodes.commonHeight, liesSent: nodes.liesSent, histogram: hdr.encodeIntoCompressedBase64(r.histogram) };
}

/** The entry of a run that failed before its transfers: zero counts and the reason. */
export type RunHead = Pick<RunReport, 'protocol' | 'configuration' | 'n' | 'f' | 'byzantine'>;

export function failedRun(head: RunHead, error: string): RunReport {
  const none = hdr.build();
  return { ...head, ok: 0, unexpected: 0, failed: 0, elapsedS: 0, setupS: 0, throughput: 0,
    latencyMs: latencySummary(none), perSecond: [], ledgersAgree: true, commonHeight: 0, liesSent: 0,
    histogram: hdr.encodeIntoCompressedBase64(none), error };
}

function atomicWrite(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** Writes `loadtest.json` and `index.html` into `dir`; returns their paths. */
export function writeLoadtestReport(dir: string, report: LoadtestReport): [string, string] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'loadtest.json');
  const html = join(dir, 'index.html');
  atomicWrite(json, `${JSON.stringify(report, null, 2)}\n`);
  atomicWrite(html, loadtestHtml(report));
  return [json, html];
}

const label = (r: RunReport): string => `${r.protocol} ${r.configuration}`;

function runRows(runs: readonly RunReport[]): string {
  return runs.map((r) => `<tr><td>${escapeHtml(r.protocol)}</td><td>${escapeHtml(r.configuration)}</td><td>${r.n}</td><td>${r.f}</td>` +
    `<td>${r.throughput}</td><td>${r.latencyMs.p50}</td><td>${r.latencyMs.p95}</td><td>${r.latencyMs.p99}</td><td>${r.latencyMs.max}</td>` +
    `<td>${r.ok}</td><td>${r.unexpected}</td><td>${r.failed}</td><td>${r.liesSent}</td><td>${r.ledgersAgree ? 'yes' : '<b>NO</b>'} (${r.commonHeight})</td>` +
    `<td class="error">${r.error === undefined ? '' : escapeHtml(r.error)}</td></tr>`).join('\n');
}

export function loadtestHtml(report: LoadtestReport): string {
  const configs = [...new Set(report.runs.map((r) => r.configuration))];
  const protocols = [...new Set(report.runs.map((r) => r.protocol))];
  const throughput = barChart('Throughput (accepted transfers per second)', 'ops/s', configs.map((c) => ({ label: c,
    bars: protocols.map((p) => ({ label: p, value: report.runs.find((r) => r.protocol === p && r.configuration === c)?.throughput ?? 0 })) })));
  const latency = barChart('Transfer latency percentiles', 'ms', report.runs.map((r) => ({ label: label(r),
    bars: [{ label: 'p50', value: r.latencyMs.p50 }, { label: 'p95', value: r.latencyMs.p95 }, { label: 'p99', value: r.latencyMs.p99 }] })));
  const overTime = lineChart('Accepted transfers in each second', 'ops/s', report.runs.map((r) => ({ label: label(r), values: r.perSecond })));
  const m = report.machine;
  const settings = Object.entries(report.settings).map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(String(v))}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>twins loadtest</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;color:#1a202c}table{border-collapse:collapse;margin:12px 0}
td,th{border:1px solid #cbd5e0;padding:4px 8px;text-align:right;vertical-align:top}td:first-child,th:first-child{text-align:left}
td.error{text-align:left;min-width:24em}svg{display:block;margin:16px 0}</style>
</head><body>
<h1>twins loadtest</h1>
<p><code>${escapeHtml(report.command)}</code>, ${escapeHtml(report.startedAt)} to ${escapeHtml(report.finishedAt)}.</p>
<p>Machine: ${m.cpus} × ${escapeHtml(m.cpuModel)}, ${m.totalMemGiB} GiB, ${escapeHtml(m.platform)}, Node ${escapeHtml(m.node)};
load average at the start ${m.loadavg.join(' / ')}.</p>
<table><tr><th>Setting</th><th>Value</th></tr>${settings}</table>
<table><tr><th>protocol</th><th>configuration</th><th>n</th><th>f</th><th>ops/s</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th>
<th>ok</th><th>unexpected</th><th>timed out</th><th>lies sent</th><th>ledgers agree (height)</th><th>error</th></tr>
${runRows(report.runs)}
</table>
${throughput}
${latency}
${overTime}
</body></html>
`;
}
