// The generated half of the bad-input corpus: valid files of every type the tool reads (generator
// config, executor config, scenario, .jsonl line, finding line, shard summary and findings, resume
// journal), each mutated systematically by mutate.ts, plus forged journals and hostile hand-made
// cases. Each case is a folder of files and a command line, with the exit code and message it must give.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mutations, type Mutation } from './mutate.js';

export interface CorpusCase {
  readonly id: string;
  /** Files to write into the case's folder (relative name -> text). */
  readonly files: Readonly<Record<string, string>>;
  /** The command line; `@` stands for the case's folder. */
  readonly args: readonly string[];
  /** File name (relative to the folder) the message must name. */
  readonly names: string;
  readonly path: string | null;
  readonly pattern: RegExp;
}

/** The valid files the mutations start from, produced by real runs (see corpus.test.ts). */
export interface Seeds {
  readonly generatorConfig: string;
  readonly scenario: string;
  readonly execConfig: string;
  readonly findingLine: string;
  readonly shard1: Readonly<Record<string, string>>;
  readonly shard2: Readonly<Record<string, string>>;
}

const EXEC = ['--reports', '@/reports', '--quiet', '--workers', '1'];

function fromMutation(kind: string, m: Mutation, make: (text: string) => Omit<CorpusCase, 'id' | 'path' | 'pattern'>): CorpusCase {
  return { id: `${kind}: ${m.id}`, ...make(m.text), path: m.path, pattern: m.pattern };
}

export function corpusCases(seeds: Seeds): CorpusCase[] {
  const out: CorpusCase[] = [];
  const add = (kind: string, ms: Iterable<Mutation>, make: (text: string) => Omit<CorpusCase, 'id' | 'path' | 'pattern'>): void => {
    for (const m of ms) out.push(fromMutation(kind, m, make));
  };
  const scenario = JSON.parse(seeds.scenario) as unknown;
  add('gen config', mutations(JSON.parse(seeds.generatorConfig), { skip: ['seed'] }),
    (t) => ({ files: { 'g.json': t }, args: ['gen', '@/g.json', '--count'], names: 'g.json' }));
  add('exec config', mutations(JSON.parse(seeds.execConfig), { skip: ['seed'] }),
    (t) => ({ files: { 'x.json': t }, args: ['exec', '@/x.json', ...EXEC], names: 'x.json' }));
  add('scenario', mutations(scenario),
    (t) => ({ files: { 's.json': t }, args: ['replay', '@/s.json'], names: 's.json' }));
  const line = JSON.stringify(scenario);
  add('jsonl line', mutations(scenario, {}, true),
    (t) => ({ files: { 's.jsonl': `${line}\n${t}\n${line}\n` }, args: ['replay', '@/s.jsonl:2'], names: 's.jsonl:2' }));
  add('finding line', mutations(JSON.parse(seeds.findingLine), { skip: ['seed'] }, true),
    (t) => ({ files: { 'findings.jsonl': `${t}\n` }, args: ['replay', '@/findings.jsonl:1'], names: 'findings.jsonl:1' }));
  const merge = (shard2: Record<string, string>): Omit<CorpusCase, 'id' | 'path' | 'pattern'> => ({
    files: { ...prefixed('s1', seeds.shard1), ...prefixed('s2', shard2) },
    args: ['merge', '@/s1', '@/s2', '--reports', '@/out'], names: '',
  });
  add('shard summary', mutations(JSON.parse(seeds.shard2['summary.json']!), { skip: ['meta', 'options'], open: ['$.meta', '$.options'] }),
    (t) => ({ ...merge({ ...seeds.shard2, 'summary.json': t }), names: 's2/summary.json' }));
  add('shard finding', mutations(JSON.parse(seeds.shard2['findings.jsonl']!.split('\n')[0]!), { skip: ['seed'] }, true),
    (t) => ({ ...merge({ ...seeds.shard2, 'findings.jsonl': `${t}\n` }), names: 's2/findings.jsonl:1' }));
  out.push(...journalCases(seeds.execConfig));
  return out;
}

function prefixed(dir: string, files: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [`${dir}/${k}`, v]));
}

/** The fingerprint `exec` gives a config text run unsharded (cmd-exec.ts). */
export function fingerprintOf(configText: string): string {
  return createHash('sha256').update(configText).update(JSON.stringify(null)).digest('hex');
}

/** Forged or damaged journals of an interrupted run of `execConfig` (one case of one scenario). */
function journalCases(execConfig: string): CorpusCase[] {
  const header = JSON.stringify({ journal: 1, fingerprint: fingerprintOf(execConfig) });
  const batch = (b: Record<string, unknown>): string => JSON.stringify({ case: 0, last: 0, count: 1, safety: 0, liveness: 0,
    crash: 0, first: {}, lines: 0, bytes: 0, ...b });
  const forged: [string, string, string, RegExp][] = [
    ['every case done many times over', batch({ count: 999_999_999_999 }), '$.count', /cannot end at index/],
    ['a case that does not exist', batch({ case: 7 }), '$.case', /does not exist/],
    ['an index past the case', batch({ last: 5 }), '$.last', /outside/],
    ['a negative index', batch({ last: -1 }), '$.last', />= 0/],
    ['a zero count', batch({ count: 0 }), '$.count', />= 1/],
    ['findings that were never written', batch({ lines: 1, bytes: 500 }), '$.bytes', /findings.jsonl holds 0/],
    ['more finding lines than scenarios', batch({ lines: 2, bytes: 4 }), '$.lines', /finding lines/],
    ['verdicts that do not add up', batch({ safety: 1 }), '$.safety', /findings by verdict/],
    ['a first finding outside the batch', batch({ first: { crash: [1, 0] } }), '$.first', /'crash' findings/],
    ['bytes without lines', batch({ bytes: 10 }), '$.bytes', /cannot hold/],
    ['finding groups without findings', batch({ groups: [{ verdict: 'crash', oracle: 'harness.crash', shape: 'GST tail', count: 1, at: [1, 0] }] }),
      '$.groups[0].at', /not a finding of this batch/],
    ['a finding group of an unknown verdict', batch({ groups: [{ verdict: 'pass', oracle: 'x', shape: 'y', count: 1, at: [1, 0] }] }),
      '$.groups[0].verdict', /must be one of safety-violation, liveness-violation, crash; got 'pass'/],
    ['an empty list of groups', batch({ groups: [] }), '$.groups', /must not be empty/],
    ['a string count', batch({ count: 'all' }), '$.count', /must be an integer/],
    ['a fractional index', batch({ last: 0.5 }), '$.last', /must be an integer/],
    ['a huge number', batch({ count: 1e300 }), '$.count', /must be <=/],
    ['an unknown field', batch({ done: true }), '$', /unknown field 'done'/],
    ['a missing field', JSON.stringify({ case: 0, last: 0, count: 1, safety: 0, liveness: 0, crash: 0, first: {}, lines: 0 }),
      '$', /missing field 'bytes'/],
    ['a duplicate key', '{"case":0,"case":0,"last":0,"count":1,"safety":0,"liveness":0,"crash":0,"first":{},"lines":0,"bytes":0}',
      '$.case', /duplicate key/],
    ['not JSON', 'case 0 done', '', /invalid JSON/],
    ['an array', '[0,0,1,0,0]', '$', /must be an object/],
    ['nesting 5000 deep', `${'['.repeat(5000)}${']'.repeat(5000)}`, '$', /nesting deeper than/],
    ['the old comma format', '0,0,1,0,0', '', /invalid JSON/],
  ];
  return forged.map(([what, line, path, pattern]) => ({
    id: `journal: ${what}`,
    files: { 'x.json': execConfig, 'reports/.seed.partial/journal': `${header}\n${line}\n`, 'reports/.seed.partial/findings.jsonl': '' },
    args: ['exec', '@/x.json', ...EXEC, '--resume'], names: 'reports/.seed.partial/journal:2',
    path: path === '' ? null : path, pattern,
  }));
}

/** Writes a case's files under `dir`. */
export function writeCase(dir: string, c: CorpusCase): void {
  for (const [name, text] of Object.entries(c.files)) {
    const file = join(dir, name);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
}

/** The exec seed config: one case, one inline scenario that breaks safety with the bug. */
export function execSeedConfig(scenarioFile: string): string {
  const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8')) as Record<string, unknown>;
  delete scenario['$schema'];
  return JSON.stringify({
    name: 'seed', description: 'seed of the bad-input corpus',
    defaults: { seed: '1', delayTicks: { min: 1, max: 2 }, roundTimeoutTicks: 20, budget: { events: 200000, ticks: 100000 } },
    cases: [{ name: 'bug', scenario, bugs: ['conflicting_votes'], expect: 'safety-violation', crypto: 'mock', protocolOptions: { retransmitTimeouts: true } }],
  }, null, 2);
}
