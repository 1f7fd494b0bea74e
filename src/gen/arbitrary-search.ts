// The dimensions a config's `search` block adds to the fuzz space (docs/fuzzing.md), as swarm testing:
// every run first draws which of the configured dimensions are on, then the values of each; a
// dimension that is off leaves the scenario as the plain space would draw it. The dimensions:
// - honest leaders: scripted rounds draw their leader from every identity, eligible ones first; off,
//   a round drawn with an honest leader is led by an eligible identity instead;
// - link delays: `delays` from the configured min to a drawn max, with a drawn stream seed;
// - round timeout: `roundTimeoutTicks` drawn from the configured range;
// - a crash: one honest replica crashes in a drawn scripted round and restarts some rounds later, or
//   at the heal, or (only where the other honest identities still form a quorum, so liveness is still
//   judged) never;
// - clients: the scenario gets the service, clients and workloads of the search's `workload`, drawn
//   as a top-level `workload` is (./arbitrary-workload.ts);
// - failure rules: delays past the round timeout and a twin's mutations (./arbitrary-search-faults.ts),
//   drawn after everything else, its switch included.
// Shrinking goes through the draws, switches first: each dimension off, then its values toward the
// simplest (the delay maximum toward min and its seed toward 0, the timeout toward the run options'
// default, the crash toward the first honest replica in round 1 restarting at the heal, the clients
// toward fewer clients, fewer requests and smaller amounts), then the scripted rounds as in the plain
// space, then the failure rules (switch off, whole rules, a delay's ticks toward 1).
import fc from 'fast-check';
import { DEFAULT_RUN_OPTIONS } from '../scenario/run-options.js';
import type { CrashSpec, DelaySpec, RoundSpec, Scenario } from '../scenario/types.js';
import type { GeneratorConfig, SearchOptions } from './config.js';
import type { Cast } from './identities.js';
import { workloadArbitrary, type WorkloadFields } from './arbitrary-workload.js';
import { withSearchFaults } from './arbitrary-search-faults.js';
import { DEFAULT_PROTOCOL, protocolNamed } from '../protocols/registry.js';

/** The identities scripted rounds draw their leader from: the eligible ones, then (with honest leaders) the rest. */
export function searchLeaders(config: GeneratorConfig, cast: Cast): readonly string[] {
  if (config.search?.honestLeaders !== true) return cast.leaders;
  return [...cast.leaders, ...cast.nodes.filter((id) => !cast.leaders.includes(id))];
}

/** Which dimensions a run switches on. */
interface Switches {
  readonly honestLeaders: boolean;
  readonly delays: boolean;
  readonly timeout: boolean;
  readonly crash: boolean;
  readonly workload: boolean;
}

interface Draws {
  readonly on: Switches;
  readonly delays: DelaySpec | null;
  readonly timeout: number | null;
  readonly crash: CrashSpec | null;
  readonly workload: WorkloadFields | null;
}

/** `plain` (the scenarios of the config's space without `search`) with the search dimensions drawn over it. */
export function withSearch(config: GeneratorConfig, cast: Cast, search: SearchOptions, plain: fc.Arbitrary<Scenario>):
  fc.Arbitrary<Scenario> {
  const draws: fc.Arbitrary<Draws> = fc.record({
    on: fc.record({
      honestLeaders: switchOf(search.honestLeaders), delays: switchOf(search.delayTicks !== null),
      timeout: switchOf(search.roundTimeoutTicks !== null), crash: switchOf(search.crash),
      workload: switchOf(search.workload !== undefined),
    }),
    delays: search.delayTicks === null ? fc.constant(null) : delaysArb(search.delayTicks),
    timeout: search.roundTimeoutTicks === null ? fc.constant(null) : timeoutArb(search.roundTimeoutTicks),
    crash: search.crash ? crashArb(cast, config.rounds, permanentAllowed(config, cast)) : fc.constant(null),
    workload: search.workload === undefined ? fc.constant(null) : workloadArbitrary(search.workload),
  });
  // The switches come first, so shrinking tries to turn each dimension off before anything else.
  const scripted = fc.tuple(draws, plain).map(([d, s]) => applyDraws(d, s, cast));
  // Failure rules come last, switch and all: a run without them draws what a config without them draws.
  return search.faults === null ? scripted : withSearchFaults(config, cast, search.faults, scripted);
}

function switchOf(configured: boolean): fc.Arbitrary<boolean> {
  return configured ? fc.boolean() : fc.constant(false);
}

function delaysArb(range: { readonly min: number; readonly max: number }): fc.Arbitrary<DelaySpec> {
  return fc.record({ max: fc.integer({ min: range.min, max: range.max }), seed: fc.nat() })
    .map(({ max, seed }) => ({ min: range.min, max, seed }));
}

/** A timeout in the range, shrinking toward the run options' default (or the range's end nearest it). */
function timeoutArb(range: { readonly min: number; readonly max: number }): fc.Arbitrary<number> {
  const home = Math.min(range.max, Math.max(range.min, DEFAULT_RUN_OPTIONS.roundTimeoutTicks));
  return fc.integer({ min: range.min - home, max: range.max - home }).map((x) => x + home);
}

/** A permanent crash is drawn only when the honest identities but one still form a quorum. */
function permanentAllowed(config: GeneratorConfig, cast: Cast): boolean {
  const protocol = protocolNamed(config.protocol ?? DEFAULT_PROTOCOL);
  return cast.honest.length - 1 >= protocol.thresholds(cast.nodes.length).quorum;
}

/**
 * The crashed replica, its round and how many rounds later it restarts (none: at the heal). Where a
 * permanent crash is allowed, the largest "rounds later" stands for it, so it shrinks to a restart.
 */
function crashArb(cast: Cast, rounds: number, permanent: boolean): fc.Arbitrary<CrashSpec> {
  const honest = cast.honest;
  const forGood = rounds + 1;
  return fc.record({
    replica: fc.nat({ max: honest.length - 1 }),
    round: fc.integer({ min: 1, max: rounds }),
    down: fc.option(fc.integer({ min: 1, max: permanent ? forGood : rounds }), { nil: null }),
  }).map(({ replica, round, down }) => ({
    replica: honest[replica]!, round,
    ...(down === null ? {} : permanent && down === forGood ? { permanent: true } : { restartRound: round + down }),
  }));
}

function applyDraws(d: Draws, s: Scenario, cast: Cast): Scenario {
  const rounds = d.on.honestLeaders ? s.rounds : s.rounds.map((r) => eligibleLeader(r, cast));
  return {
    ...s, rounds,
    ...(d.on.delays && d.delays !== null ? { delays: d.delays } : {}),
    ...(d.on.timeout && d.timeout !== null ? { roundTimeoutTicks: d.timeout } : {}),
    ...(d.on.crash && d.crash !== null ? { crashes: [d.crash] } : {}),
    ...(d.on.workload && d.workload !== null ? d.workload : {}),
  };
}

/** A round drawn with an honest leader the eligible list leaves out is led by an eligible identity instead. */
function eligibleLeader(r: RoundSpec, cast: Cast): RoundSpec {
  if (cast.leaders.includes(r.leader)) return r;
  const k = cast.nodes.indexOf(r.leader);
  return { ...r, leader: cast.leaders[k % cast.leaders.length]! };
}
