// `npm run mutate` (docs/bugs.md "Mutation score"): Stryker mutates the DiemBFT rule code
// (mutation/targets.ts) in a sandbox copy of the project, builds it there, and judges every mutant
// with the tool's own search (mutation/check.ts: an `npm start`-like job and a `twins fuzz` run),
// never with the unit tests. Afterwards it writes, into the report folder (default reports/mutation/):
//   mutation.json, index.html  Stryker's reports;
//   mutants.jsonl              every mutant's result as it is tested (what a run stopped early leaves);
//   summary.json               the score, every mutant's key, status and what killed it;
//   survivors.md               the survivors with their class from mutation/survivors.json.
// `--write-survivors` rewrites mutation/survivors.json from the run (known keys keep their class).
// Nothing outside the sandbox folder (default .stryker-tmp/) and the report folder is written.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stryker } from '@stryker-mutator/core';
import { checkArgs, parseMutateArgs, type MutateSettings } from './settings.js';
import { MUTANT_LOG_ENV, MUTANT_LOG_REPORTER } from './mutant-log.js';
import { collapse, occurrenceAt, offsetOf, scopeAt } from './locate.js';
import { summarize, survivorsMarkdown, type MutantRecord } from './summary.js';
import { mergeSurvivors, readSurvivors, SURVIVOR_COMMENT, survivorsAfter, type SurvivorFile } from './survivors.js';
import { EXCLUDED_MUTATORS, RULE_FILES, sampleRanges } from './targets.js';

type PartialStrykerOptions = NonNullable<ConstructorParameters<typeof Stryker>[0]>;
type MutantResult = Awaited<ReturnType<Stryker['runMutationTest']>>[number];

/** The project root (this file is dist/mutation/run.js). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SURVIVORS_FILE = join(ROOT, 'mutation', 'survivors.json');

/** A path the sandbox can use: relative to the root when inside it (the sandbox copies the root). */
function forSandbox(path: string): string {
  const rel = relative(ROOT, resolve(path));
  return rel.startsWith('..') || isAbsolute(rel) ? resolve(path) : rel;
}

function strykerOptions(s: MutateSettings): PartialStrykerOptions {
  const check = { ...s.check, generatorConfig: forSandbox(s.check.generatorConfig) };
  return {
    testRunner: 'command',
    commandRunner: { command: ['node', 'dist/mutation/check.js', ...checkArgs(check)].map(shellQuote).join(' ') },
    // Stryker splits the command at spaces; a backslash keeps a space in a path.
    buildCommand: `node ${join(ROOT, 'dist', 'mutation', 'build.js').replace(/ /g, '\\ ')}`,
    symlinkNodeModules: false,
    coverageAnalysis: 'off',
    mutate: [...(s.mutate ?? (s.sample ? sampleRanges(ROOT) : RULE_FILES))],
    mutator: { excludedMutations: [...EXCLUDED_MUTATORS] },
    concurrency: s.concurrency,
    timeoutMS: s.timeoutMs,
    timeoutFactor: 1.5,
    tempDirName: s.tempDir,
    // Only what a run needs goes into the sandbox; node_modules is linked, not copied.
    ignorePatterns: ['/dist', '/test', '/bench', '/docs', '/reports', '/scenarios/*.jsonl', '.twins-tmp-*', '/.ci'],
    plugins: ['@stryker-mutator/*', join(ROOT, 'dist', 'mutation', 'mutant-log.js')],
    reporters: ['json', 'html', MUTANT_LOG_REPORTER, process.stdout.isTTY ? 'progress' : 'progress-append-only'],
    jsonReporter: { fileName: join(s.reportDir, 'mutation.json') },
    htmlReporter: { fileName: join(s.reportDir, 'index.html') },
    thresholds: { high: 90, low: 80, break: null },
    incremental: false,
  };
}

function shellQuote(arg: string): string {
  return /^[\w./:,=-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A mutant result as the summary and the survivor file see it. */
function record(m: MutantResult, sources: Map<string, string>): MutantRecord {
  const file = relative(ROOT, resolve(ROOT, m.fileName));
  const text = sources.get(file) ?? readFileSync(join(ROOT, file), 'utf8');
  sources.set(file, text);
  const { start, end } = m.location;
  const from = offsetOf(text, start);
  const original = collapse(text.slice(from, offsetOf(text, end))).slice(0, 200);
  const killedBy = /mutant-check: killed by (.*)/.exec(m.statusReason ?? '')?.[1] ?? null;
  return {
    file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, mutator: m.mutatorName,
    replacement: m.replacement ?? '', original, scope: scopeAt(text, from).name, occurrence: occurrenceAt(text, original, from),
    status: m.status, killedBy,
  };
}

/**
 * The mutants of a Stryker JSON report (mutation-testing-report-schema: files by name, each with its
 * mutants), or of the JSON-lines log a run appends to as it goes (mutation/mutant-log.ts).
 */
function readReport(path: string): MutantResult[] {
  if (path.endsWith('.jsonl')) {
    return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as MutantResult);
  }
  type Reported = Omit<MutantResult, 'fileName'>;
  const report = JSON.parse(readFileSync(path, 'utf8')) as { files: Record<string, { mutants: Reported[] }> };
  return Object.entries(report.files).flatMap(([fileName, f]) => f.mutants.map((m) => ({ ...m, fileName }) as MutantResult));
}

async function main(): Promise<number> {
  const settings = parseMutateArgs(process.argv.slice(2));
  const s: MutateSettings = { ...settings, tempDir: resolve(settings.tempDir), reportDir: resolve(settings.reportDir),
    fromReport: settings.fromReport === null ? null : resolve(settings.fromReport),
    check: { ...settings.check, generatorConfig: resolve(settings.check.generatorConfig) } };
  process.chdir(ROOT);
  if (s.fromReport === null) {
    mkdirSync(s.reportDir, { recursive: true });
    process.env[MUTANT_LOG_ENV] = join(s.reportDir, 'mutants.jsonl');
    writeFileSync(process.env[MUTANT_LOG_ENV], '');
  }
  const started = performance.now();
  const results = s.fromReport === null ? await new Stryker(strykerOptions(s)).runMutationTest() : readReport(s.fromReport);
  const seconds = s.fromReport === null ? (performance.now() - started) / 1000 : null;
  const sources = new Map<string, string>();
  const records = results.map((m) => record(m, sources));
  const known: SurvivorFile = readSurvivors(SURVIVORS_FILE);
  const survivors = mergeSurvivors(known.survivors,
    records.filter((r) => r.status === 'Survived' || r.status === 'NoCoverage'));
  const summary = summarize(records, survivors, seconds, ['npm run mutate --', ...process.argv.slice(2)].join(' '), settings);
  mkdirSync(s.reportDir, { recursive: true });
  writeFileSync(join(s.reportDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  writeFileSync(join(s.reportDir, 'survivors.md'), survivorsMarkdown(summary, survivors));
  // A run over every target file replaces their survivors; a partial one (`--mutate`, `--sample`, or the log of a
  // run stopped early) replaces only the mutants it tested.
  const complete = s.fromReport === null ? s.mutate === null && !s.sample : !s.fromReport.endsWith('.jsonl');
  const { kept, gone } = survivorsAfter(known.survivors, survivors, records, complete);
  if (gone.length > 0) process.stdout.write(`${gone.length} classified survivor(s) of mutation/survivors.json not seen this run\n`);
  if (settings.writeSurvivors) {
    writeFileSync(SURVIVORS_FILE, JSON.stringify({ $comment: SURVIVOR_COMMENT, survivors: kept }, null, 2) + '\n');
  }
  process.stdout.write(summary.lines.join('\n') + '\n' +
    `reports: ${relative(process.cwd(), s.reportDir) || '.'}/ (summary.json, survivors.md, index.html)\n`);
  return 0;
}

process.exitCode = await main();
