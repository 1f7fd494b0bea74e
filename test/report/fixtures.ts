// Report fixtures: realistic `{ summary, findings }` inputs for the HTML and JUnit renderers.
//
// `conflictingVotesReport()` stands in for `twins exec executor-configs/conflicting_votes_bug.json`
// until the executor lands. The tests only read the result through its data (the violation's
// replicas, oracle and round), so swapping in the executor's real output is a one-line change.

import type {
  CaseResult, Finding, ScenarioCounts, Summary, TraceEvent, Violation,
} from '../../src/exec/report-types.js';
import type { Scenario } from '../../src/scenario/types.js';

export interface ReportInput {
  readonly summary: Summary;
  readonly findings: Array<{ finding: Finding; trace: TraceEvent[] }>;
}

/** Hex block ids as the executor prints them (64 hex digits); the names say whose block it is. */
export const BLOCKS = {
  d1: '3fa2c19e0b7d4a6f8e21c5b09d7f3e12a4c6b8d0e2f41a3c5e7092b4d6f8a1c3',
  d1p: '9c1e7b40d2a5f8361e0b9c7a4d2f6e8b1a3c5d7e9f0b2c4d6e8fa1b3c5d7e9f0',
  d2: 'b7d04a11c3e5f7092b4d6f8a0c2e4f6a8b0d2e4f6a8c0e2a4b6c8d0e2f4a6b8c',
  d2p: '51e8f3c2a4b6d8e0f2a4c6e8b0d2f4a6c8e0a2b4d6f8e0c2a4b6d8f0e2c4a6b8',
  d3: 'e04c9a77b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5',
  d3p: '7a13d5b8e2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6',
  a4: 'c2f6e1a9d3b5f7a9c1e3d5b7f9a1c3e5d7b9f1a3c5e7d9b1f3a5c7e9d1b3f5a7',
} as const;

const GENESIS = '0000000000000000000000000000000000000000000000000000000000000000';

/**
 * Setup: n = 4 (a, b, c, d), f = 1, d twinned (d, d'). Rounds 1-3 are led by d with everyone in one
 *   group, except that round 3 proposals are split {a, b, d} | {c, d'}; then a 4-round GST tail.
 * Expect (with the conflicting_votes bug): honest replicas vote for both twins' proposals in rounds
 *   1 and 2, so d and d' each form QCs for rounds 1 and 2; b commits D1 (from d) at height 1 and c
 *   commits D1' (from d') at height 1; `safety.agreement` fires naming [b, c].
 * A commit needs a 2-chain, so two round-1 QCs alone commit nothing: the twin leads rounds 2 and 3.
 */
export function conflictingVotesScenario(): Scenario {
  const all = [['a', 'b', 'c', 'd', "d'"]];
  return {
    schemaVersion: 1, nodes: ['a', 'b', 'c', 'd'], twins: ['d'], name: 'conflicting_votes_bug',
    rounds: [
      { leader: 'd', partitions: all },
      { leader: 'd', partitions: all },
      { leader: 'd', partitions: all, byType: { proposal: [['a', 'b', 'd'], ['c', "d'"]] } },
    ],
    gst: { rounds: 4 },
  };
}

/** Builds the trace described above, in execution order. */
export function conflictingVotesTrace(violation: Violation): TraceEvent[] {
  const t: TraceEvent[] = [];
  const replicas = ['a', 'b', 'c', 'd', "d'"];
  for (const r of replicas) t.push({ tick: 0, type: 'enter-round', replica: r, round: 1, via: 'start' });
  t.push(...twinRound(1, BLOCKS.d1, BLOCKS.d1p, GENESIS, GENESIS, 0));
  t.push(...twinRound(2, BLOCKS.d2, BLOCKS.d2p, BLOCKS.d1, BLOCKS.d1p, 2));
  // Round 3: both twins hold QCs for their own round-2 block and commit their own round-1 block.
  t.push({ tick: 4, type: 'commit', replica: 'd', round: 1, height: 1, blockId: BLOCKS.d1 },
    { tick: 4, type: 'commit', replica: "d'", round: 1, height: 1, blockId: BLOCKS.d1p });
  for (const [r, block, parent] of [['d', BLOCKS.d3, BLOCKS.d2], ["d'", BLOCKS.d3p, BLOCKS.d2p]] as const) {
    t.push({ tick: 4, type: 'enter-round', replica: r, round: 3, via: 'qc' },
      { tick: 4, type: 'propose', replica: r, round: 3, blockId: block, parentId: parent, qcRound: 2, tcRound: null });
  }
  t.push({ tick: 5, type: 'drop', from: 'd', to: 'c', kind: 'proposal', round: 3, reason: 'partition' },
    { tick: 5, type: 'drop', from: "d'", to: 'b', kind: 'proposal', round: 3, reason: 'partition' });
  // b ingests QC(D2) from D3 and c ingests QC(D2') from D3': conflicting commits at height 1.
  for (const [r, block] of [['b', BLOCKS.d1], ['c', BLOCKS.d1p], ['a', BLOCKS.d1]] as const) {
    t.push({ tick: 5, type: 'enter-round', replica: r, round: 3, via: 'qc' },
      { tick: 5, type: 'commit', replica: r, round: 1, height: 1, blockId: block });
    if (r === 'c') t.push({ tick: 5, type: 'violation', violation });
  }
  for (const [r, block] of [['a', BLOCKS.d3], ['b', BLOCKS.d3], ['c', BLOCKS.d3p], ['d', BLOCKS.d3]] as const) {
    t.push({ tick: 5, type: 'vote', replica: r, round: 3, blockId: block, to: 'a', commits: true });
  }
  t.push(...gstTail());
  return t;
}

/** One round led by the twins d and d', each proposing its own block; everyone votes for both. */
function twinRound(round: number, block: string, blockP: string, parent: string, parentP: string, tick: number): TraceEvent[] {
  const t: TraceEvent[] = [];
  const qcRound = round - 1;
  if (round > 1) {
    for (const r of ['d', "d'"]) t.push({ tick, type: 'enter-round', replica: r, round, via: 'qc' });
  }
  t.push({ tick, type: 'propose', replica: 'd', round, blockId: block, parentId: parent, qcRound, tcRound: null },
    { tick, type: 'propose', replica: "d'", round, blockId: blockP, parentId: parentP, qcRound, tcRound: null });
  for (const to of ['a', 'b', 'c', 'd', "d'"]) {
    t.push({ tick: tick + 1, type: 'deliver', from: 'd', to, kind: 'proposal', round, what: block });
  }
  const commits = round > 1;
  for (const r of ['a', 'b', 'c']) {
    if (round > 1) t.push({ tick: tick + 1, type: 'enter-round', replica: r, round, via: 'qc' });
    // The bug: the second vote in one round is not refused.
    t.push({ tick: tick + 1, type: 'vote', replica: r, round, blockId: block, to: 'd', commits },
      { tick: tick + 1, type: 'vote', replica: r, round, blockId: blockP, to: 'd', commits });
  }
  t.push({ tick: tick + 1, type: 'vote', replica: 'd', round, blockId: block, to: 'd', commits },
    { tick: tick + 1, type: 'vote', replica: "d'", round, blockId: blockP, to: 'd', commits });
  const signers = ['a', 'b', 'c', 'd'];
  t.push({ tick: tick + 2, type: 'qc', replica: 'd', round, formed: true, cert: { kind: 'qc', round, blockId: block, signers } },
    { tick: tick + 2, type: 'qc', replica: "d'", round, formed: true, cert: { kind: 'qc', round, blockId: blockP, signers } });
  return t;
}

/** GST tail: a leads round 4 on QC(D3); c and d' cannot follow and time out. */
function gstTail(): TraceEvent[] {
  return [
    { tick: 6, type: 'qc', replica: 'a', round: 3, formed: true,
      cert: { kind: 'qc', round: 3, blockId: BLOCKS.d3, signers: ['a', 'b', 'd'] } },
    { tick: 6, type: 'heal' },
    { tick: 6, type: 'enter-round', replica: 'a', round: 4, via: 'qc' },
    { tick: 6, type: 'propose', replica: 'a', round: 4, blockId: BLOCKS.a4, parentId: BLOCKS.d3, qcRound: 3, tcRound: null },
    { tick: 7, type: 'reject', replica: 'c', detail: `proposal round 4 extends ${BLOCKS.d3.slice(0, 8)}, not the committed chain` },
    { tick: 26, type: 'timer', replica: 'c', round: 3 },
    { tick: 26, type: 'timeout', replica: 'c', round: 3, highQcRound: 2 },
    { tick: 26, type: 'timeout', replica: "d'", round: 3, highQcRound: 2 },
  ];
}

function counts(over: Partial<ScenarioCounts>): ScenarioCounts {
  return { total: 1, pass: 0, safety: 0, liveness: 0, crash: 0, ...over };
}

/** The report of the `conflicting_votes_bug` executor config: the bug case and its control. */
export function conflictingVotesReport(): ReportInput {
  const violation: Violation = {
    oracle: 'safety.agreement', kind: 'safety', round: 1, tick: 5, replicas: ['b', 'c'],
    detail: `b committed ${BLOCKS.d1.slice(0, 8)} at height 1 but c committed ${BLOCKS.d1p.slice(0, 8)} at height 1`,
  };
  const scenario = conflictingVotesScenario();
  const replay = 'twins replay executor-configs/conflicting_votes_bug.json --case conflicting_votes_bug --scenario 0';
  const options = { seed: '20240611', roundTimeoutTicks: 20, delayTicksMin: 1, delayTicksMax: 1, crypto: 'mock' };
  const bugCase: CaseResult = {
    name: 'conflicting_votes_bug', expect: 'safety-violation', verdict: 'safety-violation', ok: true,
    bugs: ['conflicting_votes'], scenarios: counts({ safety: 1 }),
    firstViolation: { ...violation, scenarioIndex: 0, scenarioId: 'sc-7f3a19' }, replay,
  };
  const control: CaseResult = {
    name: 'conflicting_votes_control', expect: 'pass', verdict: 'pass', ok: true, bugs: [],
    scenarios: counts({ pass: 1 }), firstViolation: null,
    replay: 'twins replay executor-configs/conflicting_votes_bug.json --case conflicting_votes_control --scenario 0',
  };
  const finding: Finding = {
    case: bugCase.name, scenarioIndex: 0, scenarioId: 'sc-7f3a19', verdict: 'safety-violation',
    violations: [violation], bugs: bugCase.bugs, options, scenario, replay,
  };
  const summary: Summary = {
    schemaVersion: 1, name: 'conflicting_votes_bug', config: 'executor-configs/conflicting_votes_bug.json',
    options, cases: [bugCase, control],
    totals: { total: 2, pass: 1, safety: 1, liveness: 0, crash: 0, cases: 2, casesOk: 2 },
    ok: true, meta: { elapsedMs: 14, node: 'v20', workers: 1 },
  };
  return { summary, findings: [{ finding, trace: conflictingVotesTrace(violation) }] };
}

/** A node name that would run script if any renderer forgot to escape it. */
export const HOSTILE = '<img src=x onerror=alert(1)>';
/** A case name with every character that matters to HTML and XML. */
export const HOSTILE_CASE = `case "&'<> name`;

/** A small report whose names, block ids and details are all hostile markup. */
export function hostileReport(): ReportInput {
  const twin = `${HOSTILE}'`;
  const block = '<script>alert(2)</script>';
  const scenario: Scenario = {
    schemaVersion: 1, nodes: [HOSTILE, 'b', 'c', 'd'], twins: [HOSTILE],
    rounds: [{ leader: HOSTILE, partitions: [[HOSTILE, 'b'], [twin, 'c', 'd']], drops: [{ from: 'b', to: HOSTILE, type: 'vote' }] }],
    name: `<svg onload=alert(3)>`,
  };
  const violation: Violation = { oracle: 'safety.agreement<i>', kind: 'safety', round: 1, tick: 3,
    replicas: ['b', 'c'], detail: `b and c disagree: <b onmouseover=alert(4)>${HOSTILE}</b>` };
  const trace: TraceEvent[] = [
    { tick: 0, type: 'propose', replica: HOSTILE, round: 1, blockId: block, parentId: '"&', qcRound: 0, tcRound: null },
    { tick: 0, type: 'propose', replica: twin, round: 1, blockId: 'ffff0000', parentId: "'", qcRound: 0, tcRound: null },
    { tick: 1, type: 'vote', replica: 'b', round: 1, blockId: block, to: HOSTILE, commits: false },
    { tick: 2, type: 'qc', replica: HOSTILE, round: 1, formed: true, cert: { kind: 'qc', round: 1, blockId: block, signers: [HOSTILE, 'b'] } },
    { tick: 3, type: 'commit', replica: 'b', round: 1, height: 1, blockId: block },
    { tick: 3, type: 'commit', replica: 'c', round: 1, height: 1, blockId: 'ffff0000' },
    { tick: 3, type: 'violation', violation },
    { tick: 4, type: 'alarm', replica: HOSTILE, detail: `<iframe src="javascript:alert(5)">` },
  ];
  const replay = `twins replay cfg.json --case '${HOSTILE_CASE}' --scenario 0`;
  const options = { seed: `<b>seed</b>`, [HOSTILE]: HOSTILE };
  const c: CaseResult = { name: HOSTILE_CASE, expect: 'pass', verdict: 'safety-violation', ok: false, bugs: [HOSTILE],
    scenarios: counts({ safety: 1 }), firstViolation: { ...violation, scenarioIndex: 0, scenarioId: HOSTILE }, replay };
  const finding: Finding = { case: HOSTILE_CASE, scenarioIndex: 0, scenarioId: HOSTILE, verdict: 'safety-violation',
    violations: [violation], bugs: [HOSTILE], options, scenario, replay };
  const summary: Summary = { schemaVersion: 1, name: `run ${HOSTILE}`, config: `${HOSTILE}.json`, options, cases: [c],
    totals: { total: 1, pass: 0, safety: 1, liveness: 0, crash: 0, cases: 1, casesOk: 0 }, ok: false,
    meta: { [HOSTILE]: HOSTILE } };
  return { summary, findings: [{ finding, trace }] };
}

function caseOf(name: string, expect: CaseResult['expect'], verdict: CaseResult['verdict'], over: Partial<ScenarioCounts>): CaseResult {
  return { name, expect, verdict, ok: expect === verdict, bugs: [], scenarios: counts(over), firstViolation: null,
    replay: `twins replay cfg.json --case ${name} --scenario 0` };
}

function findingOf(c: CaseResult, index: number, verdict: Finding['verdict']): Finding {
  const violation: Violation = { oracle: verdict === 'liveness-violation' ? 'liveness.commit-after-gst' : 'safety.agreement',
    kind: verdict === 'liveness-violation' ? 'liveness' : 'safety', round: 2, tick: 9, replicas: ['b'],
    // Control characters that XML 1.0 cannot carry, even escaped.
    detail: 'detail with \u0000NUL, \u001b[31mescape\u001b[0m and \uFFFE' };
  return { case: c.name, scenarioIndex: index, scenarioId: `${c.name}-${index}`, verdict,
    violations: verdict === 'crash' ? [] : [violation], ...(verdict === 'crash' ? { error: 'TypeError: x is undefined' } : {}),
    bugs: [], options: {}, scenario: conflictingVotesScenario(), replay: `twins replay cfg.json --case ${c.name} --scenario ${index}` };
}

/**
 * Every JUnit outcome at once: a passing case, a negative control whose finding was expected, a
 * case with unexpected safety findings, a crashing case and a liveness failure.
 * Expect: 5 cases + 5 findings = 10 tests, 5 failures, 2 errors.
 */
export function mixedReport(): ReportInput {
  const cases = [
    caseOf('happy', 'pass', 'pass', { pass: 1 }),
    caseOf('negative-control', 'safety-violation', 'safety-violation', { safety: 1 }),
    caseOf('regressed', 'pass', 'safety-violation', { total: 2, safety: 2 }),
    caseOf('crashy', 'pass', 'crash', { crash: 1 }),
    caseOf('stuck', 'pass', 'liveness-violation', { liveness: 1 }),
  ] as const;
  const findings = [findingOf(cases[1], 3, 'safety-violation'), findingOf(cases[2], 0, 'safety-violation'),
    findingOf(cases[2], 5, 'safety-violation'), findingOf(cases[3], 2, 'crash'), findingOf(cases[4], 1, 'liveness-violation')];
  const summary: Summary = { schemaVersion: 1, name: 'mixed', config: 'cfg.json', options: { seed: 7 }, cases: [...cases],
    totals: { total: 6, pass: 1, safety: 3, liveness: 1, crash: 1, cases: 5, casesOk: 2 }, ok: false, meta: { elapsedMs: 1500 } };
  return { summary, findings: findings.map((finding) => ({ finding, trace: [] })) };
}
