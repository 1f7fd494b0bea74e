// Appendix A truth tables for the Safety predicates (diembft-v4 §7), every row.
import { expect } from 'chai';
import { CORRECT_RULES, rulesFor } from '../../../src/protocols/diembft/bugs.js';
import { commitCandidate, timeoutAllowed, timeoutRefusal, voteAllowed, voteRefusal } from '../../../src/protocols/diembft/safety-rules.js';
import type { QC, TC } from '../../../src/protocols/diembft/types.js';
import { genesis } from './fixtures.js';

const tc = (round: number, tmoHighQcRounds: number[]): TC => ({ round, tmoHighQcRounds, tmoSignatures: [] });
const counters = (highestVoteRound: number, highestQcRound = 0) => ({ highestVoteRound, highestQcRound });
/** A QC of `round` certifying block `id`; only the round and id matter to commitCandidate. */
const qcOf = (round: number, id: string): QC => ({
  voteInfo: { id, round, parentId: 'p', parentRound: round - 1, execStateId: 's' },
  ledgerCommitInfo: { commitStateId: null, voteInfoHash: 'h' }, signatures: [], author: 0, authorSignature: null,
});

describe('safety: voteAllowed (Appendix A)', () => {
  const rows: [number, number, TC | null, number, boolean, string][] = [
    [5, 4, null, 4, true, 'consecutive'],
    [5, 4, null, 5, false, 'already voted or timed out in 5'],
    [5, 4, null, 6, false, 'lower round'],
    [5, 3, tc(4, [3, 2, 3]), 4, true, 'enters through TC(4), and 3 >= max'],
    [5, 3, tc(4, [4, 2, 3]), 4, false, '3 < 4 reported'],
    [5, 3, tc(3, [2, 2, 2]), 4, false, 'TC not from round 4'],
    [5, 3, null, 4, false, 'gap with no TC'],
    [5, 5, null, 0, false, 'must extend a smaller round (no TC)'],
    [5, 5, tc(4, [3, 3, 3]), 0, false, 'must extend a smaller round (with TC)'],
  ];
  for (const [blockRound, qcRound, t, hvr, want, why] of rows) {
    it(`voteAllowed(${blockRound}, ${qcRound}, ${t === null ? 'null' : `TC{${t.round},[${t.tmoHighQcRounds.join(',')}]}`}) `
      + `with hvr ${hvr} is ${want}: ${why}`, () => {
      expect(voteAllowed(counters(hvr), blockRound, qcRound, t, CORRECT_RULES)).to.equal(want);
    });
  }

  it('refuses a second vote in round 5, saying which values it compared', () => {
    expect(voteRefusal(counters(5), 5, 4, null, CORRECT_RULES)).to.equal('round 5 <= highest vote round 5');
  });

  it('names the missing TC when a block does not follow its QC', () => {
    expect(voteRefusal(counters(4), 5, 3, null, CORRECT_RULES)).to.equal('round 5 != qc round 3 + 1 and no TC');
  });

  it('with conflicting_votes (B01), allows a second vote in the same round but not a lower one', () => {
    const weak = rulesFor(['conflicting_votes']);
    expect(voteAllowed(counters(5), 5, 4, null, weak)).to.equal(true);
    expect(voteAllowed(counters(6), 5, 4, null, weak)).to.equal(false);
  });

  it('with vote_refuses_tc_extension, refuses a block entering through a TC but still votes on a direct one', () => {
    const weak = rulesFor(['vote_refuses_tc_extension']);
    expect(voteRefusal(counters(4), 5, 3, tc(4, [3, 2, 3]), weak)).to.equal('round 5 != qc round 3 + 1');
    expect(voteAllowed(counters(4), 5, 4, null, weak)).to.equal(true);
  });
});

describe('safety: timeoutAllowed (Appendix A)', () => {
  const rows: [number, number, TC | null, number, number, boolean, string][] = [
    [5, 4, null, 5, 3, true, 'may time out after voting in 5'],
    [5, 4, null, 6, 3, false, 'past round (5 <= hvr - 1)'],
    [5, 2, tc(4, [2]), 4, 3, false, 'high QC below hqr'],
    [5, 3, tc(4, [3]), 4, 3, true, 'entered through TC(4)'],
    [5, 3, null, 4, 3, false, 'no justification for round 5'],
    [5, 5, null, 4, 3, false, 'round <= qcRound (no TC)'],
    [5, 5, tc(4, [3]), 4, 3, false, 'round <= qcRound (with TC)'],
  ];
  for (const [round, qcRound, t, hvr, hqr, want, why] of rows) {
    it(`timeoutAllowed(${round}, ${qcRound}, ${t === null ? 'null' : `TC{${t.round}}`}) with hvr ${hvr}, hqr ${hqr} `
      + `is ${want}: ${why}`, () => {
      expect(timeoutAllowed(counters(hvr, hqr), round, qcRound, t)).to.equal(want);
    });
  }

  it('says the high QC is below the highest QC round voted on', () => {
    expect(timeoutRefusal(counters(4, 3), 5, 2, tc(4, [2]))).to.equal('high QC round 2 < highest QC round 3');
  });
});

describe('safety: commitCandidate (Appendix A)', () => {
  const states = new Map([['b4', 'state-of-b4'], ['b3', 'state-of-b3'], [genesis.block.id, genesis.state]]);
  const pendingState = (id: string): string | null => states.get(id) ?? null;

  it('(5, qc round 4) proposes the QC block state', () => {
    expect(commitCandidate(5, qcOf(4, 'b4'), pendingState, CORRECT_RULES)).to.equal('state-of-b4');
  });

  it('(5, qc round 3) proposes no commit', () => {
    expect(commitCandidate(5, qcOf(3, 'b3'), pendingState, CORRECT_RULES)).to.equal(null);
  });

  it('(1, GENESIS_QC) proposes S0', () => {
    expect(commitCandidate(1, genesis.qc, pendingState, CORRECT_RULES)).to.equal(genesis.state);
  });

  it('with commit_no_consecutive (B04), (5, qc round 3) proposes the QC block state', () => {
    expect(commitCandidate(5, qcOf(3, 'b3'), pendingState, rulesFor(['commit_no_consecutive']))).to.equal('state-of-b3');
  });

  it('with commit_round_gap, (5, qc round 3) proposes the QC block state but (5, qc round 2) does not', () => {
    const weak = rulesFor(['commit_round_gap']);
    expect(commitCandidate(5, qcOf(3, 'b3'), pendingState, weak)).to.equal('state-of-b3');
    expect(commitCandidate(5, qcOf(2, 'b2'), pendingState, weak)).to.equal(null);
  });
});
