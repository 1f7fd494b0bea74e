// Property: whatever sequence of proposals and local timeouts Safety is handed, it never signs two
// votes in one round, never votes in a round after timing out in it, and never reports a high QC
// below one it voted on (oracles O1, O2, O5 of diembft-v4 §16.3). With the conflicting_votes rule
// parameter (B01) the first two must fail, which shows the property has teeth.
import { expect } from 'chai';
import fc from 'fast-check';
import { rulesFor, type Rules } from '../../../src/protocols/diembft/bugs.js';
import { validatorFor } from '../../../src/protocols/diembft/certificate-rules.js';
import { lciHash, makeBlock, qcSigsHash, voteInfoHash } from '../../../src/protocols/diembft/hash.js';
import { loadSafety } from '../../../src/protocols/diembft/persistence.js';
import { Safety } from '../../../src/protocols/diembft/safety.js';
import { rnd, type QC, type TC } from '../../../src/protocols/diembft/types.js';
import { emptyStore, genesis, mock, tcFor } from './fixtures.js';

const N = 4;
const MAX_ROUND = 7;

/** A validly signed QC of round q (q = 0 is the genesis QC); the certified block id is synthetic. */
function qcOfRound(q: number): QC {
  if (q === 0) return genesis.qc;
  const voteInfo = { id: `block-${q}`, round: q, parentId: `block-${q - 1}`, parentRound: q - 1, execStateId: `s${q}` };
  const ledgerCommitInfo = { commitStateId: null, voteInfoHash: voteInfoHash(voteInfo) };
  const signatures = [0, 1, 2].map((s) => mock.sign(s, lciHash(ledgerCommitInfo)));
  return { voteInfo, ledgerCommitInfo, signatures, author: 0, authorSignature: mock.sign(0, qcSigsHash(signatures)) };
}

const qcs = Array.from({ length: MAX_ROUND + 1 }, (_, q) => qcOfRound(q));

type Command =
  | { readonly kind: 'propose'; readonly round: number; readonly qcRound: number; readonly variant: number;
      readonly tc: { readonly round: number; readonly highQcRounds: number[] } | null }
  | { readonly kind: 'timeout'; readonly round: number; readonly qcRound: number;
      readonly tc: { readonly round: number; readonly highQcRounds: number[] } | null };

const tcArb = (round: number) => fc.option(
  fc.integer({ min: Math.max(1, round - 2), max: round }).chain((t) =>
    fc.array(fc.integer({ min: 0, max: t - 1 }), { minLength: 3, maxLength: 3 }).map((highQcRounds) => ({ round: t, highQcRounds }))),
  { nil: null });

const commandArb: fc.Arbitrary<Command> = fc.integer({ min: 1, max: MAX_ROUND }).chain((round) => fc.oneof(
  fc.record({ kind: fc.constant('propose' as const), round: fc.constant(round), qcRound: fc.integer({ min: 0, max: round - 1 }),
    variant: fc.integer({ min: 0, max: 1 }), tc: tcArb(round) }),
  fc.record({ kind: fc.constant('timeout' as const), round: fc.constant(round), qcRound: fc.integer({ min: 0, max: round - 1 }),
    tc: tcArb(round) }),
));

function tcOf(spec: { round: number; highQcRounds: number[] } | null): TC | null {
  return spec === null ? null : tcFor(spec.round, [0, 1, 2], spec.highQcRounds);
}

/** Runs the commands through one Safety; returns the first broken invariant, or null. */
function violation(commands: readonly Command[], rules: Rules): string | null {
  const safety = new Safety(3, validatorFor(N, mock, genesis, rules), rules, emptyStore(), null);
  const voted = new Set<number>();
  const timedOut = new Set<number>();
  let highestVotedQcRound = 0;
  for (const c of commands) {
    const qc = qcs[c.qcRound]!;
    if (c.kind === 'propose') {
      const b = makeBlock(1, c.round, [{ client: 'c', seq: c.variant, op: 'x' }], qc);
      const signed = safety.makeVote(b, tcOf(c.tc), () => 'state', null);
      if (!signed.ok) continue;
      if (voted.has(c.round)) return `two votes in round ${c.round}`;
      if (timedOut.has(c.round)) return `vote in round ${c.round} after a timeout in it`;
      voted.add(c.round);
      highestVotedQcRound = Math.max(highestVotedQcRound, c.qcRound);
    } else {
      const signed = safety.makeTimeout(c.round, qc, tcOf(c.tc));
      if (!signed.ok) continue;
      if (rnd(signed.value.highQc) < highestVotedQcRound) return `timeout reports ${c.qcRound} < voted ${highestVotedQcRound}`;
      timedOut.add(c.round);
    }
  }
  return null;
}

describe('safety: signing property (O1, O2, O5)', () => {
  const commandsArb = fc.array(commandArb, { maxLength: 25 });

  it('never signs two votes in one round, nor a vote after a timeout in that round', () => {
    fc.assert(fc.property(commandsArb, (commands) => violation(commands, rulesFor([])) === null),
      { seed: 20240601, numRuns: 400 });
  });

  it('with conflicting_votes, finds two votes in one round or a vote after a timeout', () => {
    const result = fc.check(fc.property(commandsArb, (commands) => violation(commands, rulesFor(['conflicting_votes'])) === null),
      { seed: 20240601, numRuns: 400 });
    expect(result.failed).to.equal(true);
    const example = result.counterexample![0];
    expect(violation(example, rulesFor(['conflicting_votes']))).to.match(/two votes in round|after a timeout/);
  });

  it('persists its counters before a vote leaves', () => {
    const store = emptyStore();
    const rules = rulesFor([]);
    const safety = new Safety(3, validatorFor(N, mock, genesis, rules), rules, store, null);
    const signed = safety.makeVote(makeBlock(1, 2, [], qcs[1]!), null, () => 'state', null);
    expect(signed.ok).to.equal(true);
    expect(loadSafety(store)).to.deep.equal({ highestVoteRound: 2, highestQcRound: 1 });
    const restarted = new Safety(3, validatorFor(N, mock, genesis, rules), rules, store, loadSafety(store));
    expect(restarted.makeVote(makeBlock(1, 2, [{ client: 'c', seq: 9, op: 'x' }], qcs[1]!), null, () => 'state', null).ok)
      .to.equal(false);
  });
});
