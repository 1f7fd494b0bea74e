// The failure-rule fault policy (docs/file-formats.md, "Failure rules"): per-message drop, delay,
// duplicate and Byzantine mutation before the heal. Whether a rule fires for a message is decided by
// hashing (run seed, rule, message content, destination), never by a stream consumed in arrival
// order, so a replay that delivers in another order makes the same choices. The first rule that
// matches and fires decides; a mutation that does not apply to the message lets later rules decide.
import type { NodeId } from '../kernel/actor.js';
import type { Crypto } from '../kernel/crypto.js';
import type { Envelope } from '../kernel/envelope.js';
import { DELIVER, dropFate, type Fate, type FaultPolicy } from '../kernel/fate.js';
import type { MutationSpec } from '../kernel/mutation.js';

/** Who a rule matches at one end: any replica, the leader of the message's round, or one replica. */
export type EndMatch = { readonly kind: 'any' } | { readonly kind: 'leader' } | { readonly kind: 'replica'; readonly index: number };

export type RuleEffect =
  | { readonly kind: 'drop' }
  | { readonly kind: 'delay'; readonly ticks: number }
  | { readonly kind: 'duplicate' }
  /** `mutation`: an index into the protocol's mutation names, or -1 to draw one per message. */
  | { readonly kind: 'mutate'; readonly mutation: number };

export interface CompiledRule {
  readonly src: EndMatch;
  readonly dest: EndMatch;
  /** Kind index, or -1 for every kind. */
  readonly kind: number;
  readonly rounds: (tag: number) => boolean;
  readonly num: number;
  readonly den: number;
  readonly effect: RuleEffect;
}

export interface RulePolicyOptions<M> {
  readonly rules: readonly CompiledRule[];
  readonly seed: string;
  /** Identity of each replica, by replica index. */
  readonly identityOf: readonly NodeId[];
  /** Whether each replica's identity is Byzantine (only those have their messages mutated). */
  readonly byzantine: readonly boolean[];
  readonly leaderOf: (round: number) => NodeId;
  /** A stable content key of a message (the same message content gives the same key in any run). */
  readonly messageKey: (msg: M) => string;
  readonly mutations: MutationSpec<M> | undefined;
  readonly crypto: Crypto;
}

const RULE_DROP = dropFate('rule');
/** How many distinct earlier messages per sender a mutation may draw from. */
const HISTORY_CAP = 64;

export class RulePolicy<M> implements FaultPolicy<M> {
  private healed = false;
  private readonly history: M[][];
  private readonly seen: Set<M>[];

  constructor(private readonly o: RulePolicyOptions<M>) {
    this.history = o.identityOf.map(() => []);
    this.seen = o.identityOf.map(() => new Set<M>());
  }

  /** From now on every message is delivered: faults stop at the heal. */
  heal(): void {
    this.healed = true;
  }

  fate(env: Envelope<M>): Fate<M> {
    if (this.healed) return DELIVER;
    let decided: Fate<M> = DELIVER;
    const rules = this.o.rules;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (!this.matches(rule, env) || !this.fires(i, rule, env, 'fire')) continue;
      const fate = this.effect(i, rule, env);
      if (fate !== null) {
        decided = fate;
        break;
      }
    }
    this.remember(env);
    return decided;
  }

  private matches(rule: CompiledRule, env: Envelope<M>): boolean {
    return (rule.kind < 0 || rule.kind === env.kind) && rule.rounds(env.tag)
      && this.endMatches(rule.src, env.from, env.tag) && this.endMatches(rule.dest, env.to, env.tag);
  }

  private endMatches(end: EndMatch, replica: number, tag: number): boolean {
    switch (end.kind) {
      case 'any': return true;
      case 'leader': return this.o.identityOf[replica] === this.o.leaderOf(tag);
      case 'replica': return end.index === replica;
    }
  }

  /** num/den by a hash of (seed, rule, message, destination, purpose). */
  private fires(i: number, rule: CompiledRule, env: Envelope<M>, purpose: string): boolean {
    if (rule.num >= rule.den) return true;
    if (rule.num === 0) return false;
    return this.draw(i, env, purpose) % rule.den < rule.num;
  }

  private draw(i: number, env: Envelope<M>, purpose: string): number {
    return fnv1a(`${this.o.seed}|${i}|${this.o.messageKey(env.message)}|${env.to}|${purpose}`);
  }

  private effect(i: number, rule: CompiledRule, env: Envelope<M>): Fate<M> | null {
    const e = rule.effect;
    switch (e.kind) {
      case 'drop': return RULE_DROP;
      case 'delay': return { kind: 'deliver', delayTicks: e.ticks };
      case 'duplicate': return { kind: 'duplicate', delaysTicks: [null, null] };
      case 'mutate': return this.mutate(i, e.mutation, env);
    }
  }

  private mutate(i: number, which: number, env: Envelope<M>): Fate<M> | null {
    const spec = this.o.mutations;
    if (spec === undefined || !this.o.byzantine[env.from]) return null;
    const index = which >= 0 ? which : this.draw(i, env, 'mutation') % spec.names.length;
    const message = spec.mutate(spec.names[index]!, env.message, {
      crypto: this.o.crypto, sender: this.o.identityOf[env.from]!, earlier: this.history[env.from]!,
    });
    return message === null ? null : { kind: 'replace', message, delayTicks: null };
  }

  /** Keeps the distinct messages each replica sent, for mutations that reuse an earlier value. */
  private remember(env: Envelope<M>): void {
    const seen = this.seen[env.from]!;
    if (seen.has(env.message)) return;
    seen.add(env.message);
    const h = this.history[env.from]!;
    h.push(env.message);
    if (h.length > HISTORY_CAP) h.shift();
  }
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) {
    h ^= text.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
