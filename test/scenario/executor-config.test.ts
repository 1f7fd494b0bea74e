import { expect } from 'chai';
import { UserError } from '../../src/scenario/errors.js';
import {
  DEFAULT_RUN_OPTIONS, parseExecutorConfig, resolveCaseOptions, type ExecutorConfig,
} from '../../src/scenario/executor-config.js';

const BUGS = ['conflicting_votes', 'small_quorum'];
const SCENARIO = {
  schemaVersion: 1, nodes: ['a', 'b', 'c', 'd'], twins: ['a'],
  rounds: [{ leader: 'a', partitions: [['a', 'b', 'c'], ["a'", 'd']] }],
};

function parse(config: unknown, knownBugs: readonly string[] = BUGS): ExecutorConfig {
  const catalog = (protocol: string): { bugs: readonly string[]; oracles: readonly string[] } | undefined =>
    (protocol === 'diembft' ? { bugs: knownBugs, oracles: ['safety.agreement', 'liveness.commit-after-gst'] } : undefined);
  return parseExecutorConfig(JSON.stringify(config), 'cfg.json', catalog);
}

function errorOf(f: () => unknown): UserError {
  try { f(); } catch (err) { if (err instanceof UserError) return err; throw err; }
  throw new Error('expected a UserError');
}

describe('executor config: parseExecutorConfig', () => {
  it('accepts inline and file cases, defaults expect to pass and keeps the inline scenario', () => {
    const c = parse({
      $schema: '../schemas/executor-config.schema.json', name: 'conflicting_votes_bug', description: 'd',
      cases: [
        { name: 'with-bug', scenario: SCENARIO, bugs: ['conflicting_votes'], expect: 'safety-violation' },
        { name: 'sampled', scenarios: '../scenarios/w1.jsonl' },
      ],
    });
    expect(c.defaults).to.deep.equal({});
    expect(c.cases.map((k) => k.expect)).to.deep.equal(['safety-violation', 'pass']);
    expect(c.cases[0]!.scenario).to.deep.equal(SCENARIO);
    expect(c.cases[1]!.scenarios).to.equal('../scenarios/w1.jsonl');
  });

  it('writes integer seeds as decimal strings, so 7 and "7" are the same seed', () => {
    const c = parse({ name: 'n', defaults: { seed: 7 }, cases: [{ name: 'a', scenario: SCENARIO, seed: '7' }] });
    expect(c.defaults.seed).to.equal('7');
    expect(c.cases[0]!.seed).to.equal('7');
  });

  it('says there are no known bugs when the catalogue is empty', () => {
    const err = errorOf(() => parse({ name: 'n', cases: [{ name: 'a', scenario: SCENARIO, bugs: ['x'] }] }, []));
    expect(err.message).to.equal("cfg.json: $.cases[0].bugs[0]: unknown bug 'x'; known: none");
  });

  it('gives inline scenario errors their full path in the config', () => {
    const bad = { ...SCENARIO, rounds: [{ leader: 'e', partitions: [['a', "a'", 'b', 'c', 'd']] }] };
    const err = errorOf(() => parse({ name: 'n', cases: [{ name: 'a', scenario: SCENARIO }, { name: 'b', scenario: bad }] }));
    expect(err.file).to.equal('cfg.json');
    expect(err.jsonPath).to.equal('$.cases[1].scenario.rounds[0].leader');
  });

  it('refuses a run name that is not a plain directory name', () => {
    for (const name of ['..', 'a/b', 'a b', '']) {
      expect(errorOf(() => parse({ name, cases: [{ name: 'a', scenario: SCENARIO }] })).jsonPath).to.equal('$.name');
    }
  });
});

describe('executor config: protocol, protocol options and oracles', () => {
  it('refuses an unknown protocol, naming the path', () => {
    const err = errorOf(() => parse({ name: 'n', cases: [{ name: 'a', scenario: SCENARIO, protocol: 'paxos' }] }));
    expect(err.message).to.equal("cfg.json: $.cases[0].protocol: unknown protocol 'paxos'");
  });

  it('refuses a protocol option its module does not know, listing the known ones', () => {
    const err = errorOf(() => parse({ name: 'n', defaults: { protocolOptions: { retransmit: true } },
      cases: [{ name: 'a', scenario: SCENARIO }] }));
    expect(err.message).to.equal("cfg.json: $.defaults.protocolOptions: unknown option 'retransmit' of protocol 'diembft'; "
      + 'known: retransmitTimeouts, leaderElection');
  });

  it('refuses a protocol option of the wrong type at its own path', () => {
    const err = errorOf(() => parse({ name: 'n', cases: [{ name: 'a', scenario: SCENARIO,
      protocolOptions: { retransmitTimeouts: 'yes' } }] }));
    expect(err.jsonPath).to.equal('$.cases[0].protocolOptions.retransmitTimeouts');
  });

  it('refuses an oracle the protocol does not have', () => {
    const err = errorOf(() => parse({ name: 'n', cases: [{ name: 'a', scenario: SCENARIO, oracles: ['safety.nope'] }] }));
    expect(err.message).to.match(/\$\.cases\[0\]\.oracles\[0\]: unknown oracle of protocol 'diembft' 'safety.nope'; known: safety.agreement/);
  });

  it('refuses an inline scenario of an unknown protocol at the scenario\'s own field', () => {
    const err = errorOf(() => parse({ name: 'n', cases: [{ name: 'a', scenario: { ...SCENARIO, protocol: 'other' } }] }));
    // Other tests of this process may have registered protocols of their own after diembft.
    expect(err.message).to.match(/^cfg\.json: \$\.cases\[0\]\.scenario\.protocol: unknown protocol 'other'; known: diembft\b/);
  });
});

describe('executor config: resolveCaseOptions', () => {
  it('gives the built-in defaults when neither the config nor the case sets anything', () => {
    const c = parse({ name: 'n', cases: [{ name: 'a', scenario: SCENARIO }] });
    const o = resolveCaseOptions(c, c.cases[0]!);
    expect(o).to.deep.equal(DEFAULT_RUN_OPTIONS);
    expect(o).to.deep.equal({
      protocolOptions: {}, bugs: [], delayTicks: 1, roundTimeoutTicks: 20, seed: '1', crypto: 'mock',
      budget: { events: 200000, ticks: 100000 },
    });
    expect(o).not.to.have.property('protocol');
    expect(o).not.to.have.property('oracles');
    expect(o).not.to.have.property('healDeadlineTicks');
    expect(o).not.to.have.property('livenessTicks');
  });

  it('lets config defaults override built-ins and case fields override defaults', () => {
    const c = parse({
      name: 'n',
      defaults: { delayTicks: { min: 1, max: 3 }, roundTimeoutTicks: 30, crypto: 'ed25519', livenessTicks: 400,
        protocolOptions: { retransmitTimeouts: false } },
      cases: [
        { name: 'plain', scenario: SCENARIO },
        { name: 'tuned', scenario: SCENARIO, delayTicks: 2, seed: 99, healDeadlineTicks: 50,
          protocolOptions: { retransmitTimeouts: true } },
      ],
    });
    const plain = resolveCaseOptions(c, c.cases[0]!);
    expect(plain).to.include({ roundTimeoutTicks: 30, crypto: 'ed25519', livenessTicks: 400, seed: '1' });
    expect(plain.protocolOptions).to.deep.equal({ retransmitTimeouts: false });
    expect(plain.delayTicks).to.deep.equal({ min: 1, max: 3 });
    const tuned = resolveCaseOptions(c, c.cases[1]!);
    expect(tuned).to.include({ delayTicks: 2, seed: '99', healDeadlineTicks: 50, livenessTicks: 400 });
    expect(tuned.protocolOptions).to.deep.equal({ retransmitTimeouts: true });
  });

  it('replaces the default bug list with the case list rather than merging them', () => {
    const c = parse({
      name: 'n', defaults: { bugs: ['small_quorum'] },
      cases: [{ name: 'a', scenario: SCENARIO }, { name: 'b', scenario: SCENARIO, bugs: ['conflicting_votes'] },
        { name: 'c', scenario: SCENARIO, bugs: [] }],
    });
    expect(c.cases.map((k) => resolveCaseOptions(c, k).bugs)).to.deep.equal([['small_quorum'], ['conflicting_votes'], []]);
  });

  it('merges protocol options key by key, a case over the defaults', () => {
    const c = parse({ name: 'n', defaults: { protocolOptions: { retransmitTimeouts: false, leaderElection: 'reputation' } },
      cases: [{ name: 'a', scenario: SCENARIO, protocolOptions: { retransmitTimeouts: true } }] });
    expect(resolveCaseOptions(c, c.cases[0]!).protocolOptions).to.deep.equal({ retransmitTimeouts: true, leaderElection: 'reputation' });
  });

  it('merges the budget field by field', () => {
    const c = parse({ name: 'n', defaults: { budget: { ticks: 500 } }, cases: [{ name: 'a', scenario: SCENARIO, budget: { events: 10 } }] });
    expect(resolveCaseOptions(c, c.cases[0]!).budget).to.deep.equal({ events: 10, ticks: 500 });
  });
});
