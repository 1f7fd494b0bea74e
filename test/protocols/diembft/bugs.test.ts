// The bug catalogue (src/protocols/diembft/bugs.ts): names, rule parameters, and the typed error for an unknown
// name.
import { expect } from 'chai';
import { BUG_CATALOGUE, BUG_NAMES, CORRECT_RULES, rulesFor, thresholds, UnknownBugError } from '../../../src/protocols/diembft/bugs.js';
import { diembft } from '../../../src/protocols/diembft/module.js';
import { noopService } from '../../../src/services/noop/noop-service.js';
import { emptyStore } from './fixtures.js';

describe('bugs: catalogue', () => {
  it('lists the public catalogue, and the protocol exposes the same names', () => {
    expect(BUG_NAMES).to.deep.equal(['conflicting_votes', 'small_quorum', 'vote_leader_current_round',
      'commit_one_chain', 'commit_no_consecutive', 'tc_small_quorum', 'count_messages_not_signers',
      'timeout_join_at_one', 'vote_commits_voted_block', 'commit_round_gap', 'tc_reenters_round', 'vote_refuses_tc_extension',
      'block_round_unjustified', 'restart_from_high_qc', 'timeout_keeps_vote_round', 'reply_at_execution', 'no_request_dedup']);
    expect(diembft.bugs.map((b) => b.name)).to.deep.equal(BUG_NAMES);
  });

  it('gives every bug a rule, a section, a class and at least one changed parameter', () => {
    for (const b of BUG_CATALOGUE) {
      expect(b.breaks.length, b.name).to.be.greaterThan(20);
      expect(b.section, b.name).to.match(/§/);
      expect(Object.keys(b.changes).length, b.name).to.be.greaterThan(0);
      const rules = rulesFor([b.name]);
      for (const [k, v] of Object.entries(b.changes)) {
        expect(rules[k as keyof typeof rules], `${b.name}.${k}`).to.equal(v);
        expect(CORRECT_RULES[k as keyof typeof rules], `${b.name}.${k}`).to.not.equal(v);
      }
    }
  });

  it('weakens both QC and TC quorums under small_quorum', () => {
    expect(rulesFor(['small_quorum'])).to.include({ qcQuorum: 'two-f', tcQuorum: 'two-f' });
  });

  it('combines bugs in catalogue order whatever order they are listed in', () => {
    expect(rulesFor(['tc_small_quorum', 'small_quorum'])).to.equal(rulesFor(['small_quorum', 'tc_small_quorum']));
    expect(rulesFor(['tc_small_quorum', 'small_quorum']).tcQuorum).to.equal('f-plus-one');
  });

  it('throws UnknownBugError naming the bad name and the known ones', () => {
    expect(() => rulesFor(['no_such_bug'])).to.throw(UnknownBugError, /no_such_bug.*conflicting_votes/);
    try {
      diembft.createReplica({ id: 0, n: 4, marker: 'a', chainSeed: 's', crypto: 'mock', bugs: ['small_quorum', 'typo'],
        roundTimeoutTicks: 20, leaderOverride: null, service: noopService, options: {} }, emptyStore());
      expect.fail('create accepted an unknown bug');
    } catch (e) {
      expect(e).to.be.instanceOf(UnknownBugError);
      expect((e as UnknownBugError).bugName).to.equal('typo');
      expect((e as UnknownBugError).known).to.deep.equal(BUG_NAMES);
    }
  });
});

describe('bugs: thresholds', () => {
  it('uses 2f+1 when n = 3f+1 and ceil((n+f+1)/2) otherwise', () => {
    expect(thresholds(4)).to.deep.equal({ f: 1, quorum: 3 });
    expect(thresholds(7)).to.deep.equal({ f: 2, quorum: 5 });
    expect(thresholds(5)).to.deep.equal({ f: 1, quorum: 4 });
    expect(thresholds(6)).to.deep.equal({ f: 1, quorum: 4 });
  });
});
