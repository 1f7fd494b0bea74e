// Failure rules drawn by the searches that add faults beyond Twins' partitions and drops (docs/fuzzing.md):
// the ByzzFuzz strategy (./arbitrary-byzzfuzz.ts) and the `faults` dimension of a config's `search`
// block (./arbitrary-search-faults.ts). Both draw the same two kinds of fault, as indices, and turn
// them into `delay` and `mutate` failure rules (docs/file-formats.md, "Failure rules") once they know
// the scenario's names:
// - a delay: the messages of a drawn round, kind, sender and receiver (each of the last three one or
//   `*`, `*` one time in six) arrive after a drawn number of ticks instead of the link delay;
// - a mutation: a declared mutation of the protocol, applied to a Byzantine sender's messages of a
//   drawn round to a drawn, non-empty set of receivers (one rule per receiver).
// Each shrinks field by field: a delay's ticks toward 1 and its ends and kind toward `*`, a
// mutation's receivers toward fewer, both rounds toward 1.
import fc from 'fast-check';
import type { FailureRule } from '../scenario/types.js';

export interface DelayFault {
  readonly round: number;
  /** Indices into the names of the rule's ends, or null for `*`. */
  readonly src: number | null;
  readonly dest: number | null;
  /** An index into the protocol's kinds, or null for `*`. */
  readonly kind: number | null;
  readonly ticks: number;
}

export interface MutateFault {
  readonly round: number;
  /** Indices into the names of the possible receivers. */
  readonly receivers: readonly number[];
  /** An index into the protocol's mutations. */
  readonly mutation: number;
}

/** A delay in rounds 1..`rounds` between `ends` named replicas over `kinds` kinds, of 1..`maxTicks` ticks. */
export function delayFault(rounds: number, ends: number, kinds: number, maxTicks: number): fc.Arbitrary<DelayFault> {
  const end = fc.option(fc.nat(ends - 1), { nil: null });
  return fc.record({
    round: fc.integer({ min: 1, max: rounds }), src: end, dest: end, kind: fc.option(fc.nat(kinds - 1), { nil: null }),
    ticks: fc.integer({ min: 1, max: maxTicks }),
  });
}

/** A mutation in rounds 1..`rounds` to a non-empty subset of `receivers` receivers, one of `mutations` mutations. */
export function mutateFault(rounds: number, receivers: number, mutations: number): fc.Arbitrary<MutateFault> {
  return fc.record({
    round: fc.integer({ min: 1, max: rounds }),
    receivers: fc.subarray(Array.from({ length: receivers }, (_, i) => i), { minLength: 1 }),
    mutation: fc.nat(Math.max(0, mutations - 1)),
  });
}

/**
 * The rule of a delay, or null when it names a round beyond the scenario's `roundCount` scripted
 * ones or an end `nameOf` does not know (a dropped identity). `ticksOf` maps the drawn ticks.
 */
export function delayRule(d: DelayFault, roundCount: number, nameOf: (i: number) => string | undefined,
  kinds: readonly string[], ticksOf: (ticks: number) => number = (t) => t): FailureRule | null {
  if (d.round > roundCount) return null;
  const src = d.src === null ? '*' : nameOf(d.src);
  const dest = d.dest === null ? '*' : nameOf(d.dest);
  if (src === undefined || dest === undefined) return null;
  return { src, dest, kind: d.kind === null ? '*' : kinds[d.kind]!, rounds: [d.round], action: 'delay', ticks: ticksOf(d.ticks) };
}

/**
 * The rules of a mutation of `src`'s messages: one per receiver `nameOf` knows (a dropped identity,
 * or the sender itself, maps to undefined); none when its round lies beyond `roundCount`.
 */
export function mutateRules(p: MutateFault, roundCount: number, src: string, nameOf: (i: number) => string | undefined,
  mutations: readonly string[]): FailureRule[] {
  if (p.round > roundCount) return [];
  return p.receivers.flatMap((to) => {
    const dest = nameOf(to);
    return dest === undefined ? [] : [{ src, dest, kind: '*', rounds: [p.round], action: 'mutate' as const, mutation: mutations[p.mutation]! }];
  });
}
