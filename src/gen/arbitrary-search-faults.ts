// The `faults` dimension of a config's `search` block (docs/fuzzing.md): a run that switches it on gets
// 1..k failure rules (k = `faults.rules`), each with even odds a delay or a mutation, drawn as ByzzFuzz
// draws them (./arbitrary-fault-rules.ts):
// - a delay of the messages of a drawn scripted round, kind, sender and receiver (each of the last
//   three one kind or replica, or `*`), which arrive after 1 to 2x the scenario's round timeout ticks
//   (its drawn `roundTimeoutTicks`, else the run options' default), so past their round in about half
//   the draws;
// - a mutation the protocol declares, of one twin replica's messages of a drawn scripted round to a
//   drawn, non-empty set of honest identities (in Twins the twinned identity is the Byzantine one).
//   With no twin, no honest identity, no declared mutation or f = 0, rules are delays only.
// Rules of rounds beyond the scenario's scripted ones (after a shrink dropped rounds) go.
//
// The dimension is drawn after everything else of the scenario, so a run with it switched off draws
// exactly the scenario the config without it draws. Shrinking: the switch off, then whole rules, then
// each rule's fields (a delay's ticks toward 1, so toward the shortest delay that still fails).
import fc from 'fast-check';
import { DEFAULT_PROTOCOL, protocolNamed } from '../protocols/registry.js';
import { DEFAULT_RUN_OPTIONS } from '../scenario/run-options.js';
import { identityOf, type Scenario } from '../scenario/types.js';
import type { FaultAction } from '../kernel/protocol-module.js';
import type { FaultOptions, GeneratorConfig } from './config.js';
import type { Cast } from './identities.js';
import { delayFault, delayRule, mutateFault, mutateRules, type DelayFault, type MutateFault } from './arbitrary-fault-rules.js';

/** The most ticks a failure rule may delay a message (schemas/scenario.schema.json). */
const MAX_RULE_TICKS = 10_000;

type FaultDraw = { readonly delay: DelayFault } | { readonly mutate: { readonly sender: number; readonly fault: MutateFault } };

/** The rules a run draws, or null when it switches the dimension off. */
type FaultDraws = readonly FaultDraw[] | null;

/** What a config's space gives the dimension to draw from. */
interface FaultSpace {
  readonly rounds: number;
  readonly kinds: readonly string[];
  /** The replicas a delay may name, in replicasOf order. */
  readonly replicas: readonly string[];
  /** The replicas of twinned identities, which mutations change the messages of. */
  readonly senders: readonly string[];
  readonly receivers: readonly string[];
  /** Empty when rules are delays only. */
  readonly mutations: readonly string[];
  /** The largest round timeout a scenario of the space may have: a delay draws up to twice it, scaled to the scenario's. */
  readonly timeoutMax: number;
}

function faultSpace(config: GeneratorConfig, cast: Cast): FaultSpace {
  const protocol = protocolNamed(config.protocol ?? DEFAULT_PROTOCOL);
  const senders = cast.replicas.filter((r) => cast.twins.includes(identityOf(r)));
  const mutating = cast.f > 0 && senders.length > 0 && cast.honest.length > 0;
  const timeouts = config.search?.roundTimeoutTicks;
  return {
    rounds: config.rounds, kinds: protocol.kinds, replicas: cast.replicas, senders, receivers: cast.honest,
    mutations: mutating ? protocol.mutations?.names ?? [] : [],
    timeoutMax: Math.max(DEFAULT_RUN_OPTIONS.roundTimeoutTicks, timeouts?.max ?? 0),
  };
}

/** The fault actions the dimension draws over `config`: delays, and mutations where a twin may mutate. */
export function searchFaultActions(config: GeneratorConfig, cast: Cast): readonly FaultAction[] {
  return faultSpace(config, cast).mutations.length === 0 ? ['delay'] : ['delay', 'mutate'];
}

/** `scripted` (the scenarios of the rest of the space) with the dimension drawn after it. */
export function withSearchFaults(config: GeneratorConfig, cast: Cast, faults: FaultOptions, scripted: fc.Arbitrary<Scenario>):
  fc.Arbitrary<Scenario> {
  const space = faultSpace(config, cast);
  return fc.tuple(scripted, faultDraws(space, faults)).map(([s, d]) => withFaults(space, d, s));
}

/**
 * The switch, with even odds, then 1..`faults.rules` rules: an option, so that a run with the switch
 * off has no rules for the shrinker to try, and one with it on shrinks to off before anything else.
 */
function faultDraws(space: FaultSpace, faults: FaultOptions): fc.Arbitrary<FaultDraws> {
  const delay: fc.Arbitrary<FaultDraw> = delayFault(space.rounds, space.replicas.length, space.kinds.length, 2 * space.timeoutMax)
    .map((d) => ({ delay: d }));
  const mutate: fc.Arbitrary<FaultDraw> = fc.record({
    sender: fc.nat(Math.max(0, space.senders.length - 1)),
    fault: mutateFault(space.rounds, space.receivers.length, space.mutations.length),
  }).map((m) => ({ mutate: m }));
  const rule = space.mutations.length === 0 ? delay : fc.oneof(delay, mutate);
  return fc.option(fc.array(rule, { minLength: 1, maxLength: faults.rules }), { freq: 2, nil: null });
}

/** `s` with the rules of `d` when the run switched the dimension on (and some rule lies within its rounds). */
function withFaults(space: FaultSpace, d: FaultDraws, s: Scenario): Scenario {
  if (d === null) return s;
  const roundCount = s.rounds.length;
  const timeout = s.roundTimeoutTicks ?? DEFAULT_RUN_OPTIONS.roundTimeoutTicks;
  // A drawn 1..2 x timeoutMax, scaled to 1..2 x this scenario's timeout (a shrunk timeout keeps the ratio).
  const ticksOf = (t: number): number => Math.min(MAX_RULE_TICKS, Math.floor((t * timeout + space.timeoutMax - 1) / space.timeoutMax));
  const rules = d.flatMap((r) => ('delay' in r
    ? delayRule(r.delay, roundCount, (i) => space.replicas[i], space.kinds, ticksOf) ?? []
    : mutateRules(r.mutate.fault, roundCount, space.senders[r.mutate.sender]!, (i) => space.receivers[i], space.mutations)));
  return rules.length === 0 ? s : { ...s, rules: [...(s.rules ?? []), ...rules] };
}
