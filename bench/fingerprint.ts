// Behaviour fingerprint of the executor: runs a fixed, broad sample of scenarios and prints one line
// per run with everything a run's result is judged by (verdict, violations, trace hash, end reason,
// events, ticks, heal tick, height; and for a few runs a digest of the readable trace). A speed change
// must leave the output byte-identical.
//   node dist/bench/fingerprint.js [--reverse] > out.txt
// `--reverse` runs the sample in reverse order (lines still print in sample order): the memo and
// intern tables are shared between runs, so the order of runs must not change any result.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bugNamesOf, protocolCatalog } from '../src/exec/catalog.js';
import type { ExecOptions } from '../src/exec/exec-options.js';
import { runScenario } from '../src/exec/run-scenario.js';
import { parseGeneratorConfig, ScenarioSpace, withOverrides } from '../src/gen/index.js';
import { parseExecutorConfig, resolveCaseOptions } from '../src/scenario/executor-config.js';
import { parseScenarioLine, parseScenarioText } from '../src/scenario/validate.js';
import type { Scenario } from '../src/scenario/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Job {
  readonly label: string;
  readonly scenario: Scenario;
  readonly options: Partial<ExecOptions>;
  readonly trace: boolean;
}

function generated(configFile: string, count: number): Scenario[] {
  const config = parseGeneratorConfig(readFileSync(ROOT + configFile, 'utf8'), configFile);
  const space = new ScenarioSpace(withOverrides(config, { scenarios: BigInt(count) }), configFile);
  return [...space.scenarios()].map((s) => s.scenario);
}

/** A case's scenarios: a .json scenario, a .jsonl file, or a generator config; the first `count`. */
function caseScenarios(target: string, count: number): Scenario[] {
  if (!existsSync(target)) {
    // scenarios/all_random.jsonl is written by `npm start`; it is the all_random generator's output.
    return target.endsWith('all_random.jsonl') ? generated('generator-configs/all_random.json', count) : [];
  }
  const text = readFileSync(target, 'utf8');
  if (target.endsWith('.jsonl')) {
    return text.split('\n').filter((l) => l.trim() !== '').slice(0, count)
      .map((line, i) => parseScenarioLine(line, target, i + 1));
  }
  const value = JSON.parse(text) as Record<string, unknown>;
  if ('nodes' in value && typeof value.nodes === 'number') {
    const space = new ScenarioSpace(withOverrides(parseGeneratorConfig(text, target), { scenarios: BigInt(count) }), target);
    return [...space.scenarios()].map((s) => s.scenario);
  }
  return [parseScenarioText(text, target)];
}

function executorConfigJobs(perCase: number): Job[] {
  const dir = ROOT + 'executor-configs/';
  const files = ['conflicting_votes_bug', 'control_c1_twins_agree', 'control_c2_two_twins_break_safety',
    'control_c3_isolated_replica', 'control_c4_vote_dedup', 'main', 's_a_commit_one_chain',
    's_b_commit_no_consecutive', 's_c_tc_small_quorum', 's_d_conflicting_votes', 's_f_count_messages',
    'small_quorum', 'vote_leader_current_round'];
  const jobs: Job[] = [];
  for (const name of files) {
    const file = `${dir}${name}.json`;
    const config = parseExecutorConfig(readFileSync(file, 'utf8'), file, protocolCatalog);
    for (const c of config.cases) {
      const options = resolveCaseOptions(config, c);
      const scenarios = c.scenario !== undefined ? [c.scenario]
        : caseScenarios(resolve(dirname(file), c.scenarios ?? ''), perCase);
      scenarios.forEach((scenario, i) => jobs.push({ label: `${name}/${c.name}#${i}`, scenario, options, trace: false }));
    }
  }
  return jobs;
}

/** The fuzz regression corpus, each with its recorded bugs and without them, traced. */
function regressionJobs(): Job[] {
  const dir = ROOT + 'scenarios/regression/';
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().flatMap((f) => {
    const scenario = parseScenarioText(readFileSync(dir + f, 'utf8'), f);
    const bugs = scenario.regression?.bugs ?? [];
    return [{ label: `regression/${f}`, scenario, options: { bugs }, trace: true },
      { label: `regression/${f}-nobug`, scenario, options: {}, trace: true }];
  });
}

function sample(): Job[] {
  const w1 = generated('generator-configs/all_random.json', 600);
  const w2 = generated('bench/w2.json', 150);
  const jobs: Job[] = [];
  const add = (label: string, list: Scenario[], options: Partial<ExecOptions>, trace = false): void => {
    list.forEach((scenario, i) => jobs.push({ label: `${label}#${i}`, scenario, options, trace }));
  };
  add('W1', w1.slice(0, 500), {});
  add('W2', w2, {});
  add('W3', w1.slice(0, 8), { crypto: 'ed25519' });
  for (const bug of bugNamesOf('diembft')) add(`W1+${bug}`, w1.slice(0, 80), { bugs: [bug] });
  add('W1-delay', w1.slice(500, 560), { delayTicks: { min: 1, max: 3 } });
  add('W2+small_quorum-delay', w2.slice(0, 40), { bugs: ['small_quorum'], delayTicks: { min: 1, max: 3 } });
  add('W1-seed7', w1.slice(0, 40), { seed: '7' });
  add('W1-trace', w1.slice(0, 30), {}, true);
  add('W1+conflicting_votes-trace', w1.slice(30, 60), { bugs: ['conflicting_votes'] }, true);
  jobs.push(...executorConfigJobs(300), ...regressionJobs());
  return jobs;
}

function line(job: Job): string {
  const r = runScenario(job.scenario, job.options, { trace: job.trace });
  const trace = r.trace === undefined ? '' : ' trace=' + createHash('sha256').update(JSON.stringify(r.trace)).digest('hex').slice(0, 16);
  return `${job.label} ${r.verdict} ${r.traceHash} ${r.endReason} events=${r.events} ticks=${r.ticks} `
    + `heal=${r.healTick} height=${r.height}${r.error === undefined ? '' : ` error=${JSON.stringify(r.error)}`}${trace} `
    + `violations=${JSON.stringify(r.violations)}`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const jobs = sample();
  const lines = new Array<string>(jobs.length);
  const order = jobs.map((_, i) => i);
  if (process.argv.includes('--reverse')) order.reverse();
  for (const i of order) lines[i] = line(jobs[i]!);
  process.stdout.write(lines.join('\n') + '\n');
}
