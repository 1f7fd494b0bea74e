// Shared helpers for the fuzz tests: shipped and edge-case generator configs, and a recorder of the
// shrink steps fast-check takes (DESIGN §8; STYLE: "shrinking only ever goes to smaller values").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkGeneratorConfig, parseGeneratorConfig, type GeneratorConfig } from '../../src/gen/index.js';
import { ROOT } from '../cli/run-cli.js';

export function shippedConfig(name: string): GeneratorConfig {
  const file = join(ROOT, 'generator-configs', `${name}.json`);
  return parseGeneratorConfig(readFileSync(file, 'utf8'), file);
}

/** A generator config from a few fields over n = 4, one twin, 3 rounds, 1..2 groups. */
export function configOf(fields: Record<string, unknown>): GeneratorConfig {
  return checkGeneratorConfig({ name: 'kit', nodes: 4, twins: 1, rounds: 3, partitions: { min: 1, max: 2 }, ...fields }, 'kit.json');
}

/** Configs whose arbitraries every kit test runs over: shipped ones and the corners of the schema. */
export function kitConfigs(): { readonly label: string; readonly config: GeneratorConfig }[] {
  return [
    { label: 'all_random', config: shippedConfig('all_random') },
    { label: 'n7_sampled (requireQuorum)', config: shippedConfig('n7_sampled') },
    { label: 'symmetry_small (leaders all)', config: shippedConfig('symmetry_small') },
    { label: 'every replica alone (min = max = 5)', config: configOf({ partitions: { min: 5, max: 5 } }) },
    { label: 'at least 3 of 5 groups, honest leaders, drops of every type',
      config: configOf({ partitions: { min: 3, max: 5 }, leaders: 'honest',
        drops: { types: ['proposal', 'vote', 'timeout', 'sync', 'any'], maxPerRound: 2 } }) },
    { label: 'n = 7, two twins, 4 groups with a quorum group',
      config: configOf({ nodes: 7, twins: 2, partitions: { min: 4, max: 4, requireQuorum: true }, leaders: 'all' }) },
    { label: 'no replacement, no GST tail', config: configOf({ rounds: 4, replacement: false, gst: null }) },
    { label: 'n = 13, 3..9 groups with a quorum group of 9 (rare by chance: repaired draws)',
      config: configOf({ nodes: 13, twins: 1, rounds: 2, partitions: { min: 3, max: 9, requireQuorum: true } }) },
  ];
}

export interface ShrinkStep<T> {
  readonly from: T;
  readonly to: T;
}

/**
 * Runs fast-check on `arbitrary` with a predicate that fails on about half the values (by a hash
 * of their JSON), so shrinking both accepts and rejects candidates, and returns every candidate the
 * shrinker tried next to the failing value it was shrinking.
 */
export function shrinkSteps<T>(arbitrary: fc.Arbitrary<T>, seed: number, numRuns = 20): ShrinkStep<T>[] {
  const steps: ShrinkStep<T>[] = [];
  let failing: T | null = null;
  fc.check(fc.property(arbitrary, (v) => {
    if (failing !== null) steps.push({ from: failing, to: v });
    const fails = parity(JSON.stringify(v)) === 1;
    if (fails) failing = v;
    return !fails;
  }), { seed, numRuns });
  return steps;
}

function parity(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h & 1;
}

/**
 * For each catalogued bug, the shipped generator config `twins fuzz` breaks it with quickly
 * (docs/fuzzing.md explains the choice), searched with seed 1.
 */
export const FUZZ_TARGETS: readonly { readonly bug: string; readonly config: string }[] = [
  { bug: 'conflicting_votes', config: 'all_random' },
  { bug: 'small_quorum', config: 'all_random' },
  { bug: 'vote_leader_current_round', config: 'all_random' },
  { bug: 'commit_one_chain', config: 'fuzz_commit' },
  { bug: 'commit_no_consecutive', config: 'fuzz_commit' },
  { bug: 'tc_small_quorum', config: 'all_random' },
  { bug: 'count_messages_not_signers', config: 'all_random' },
  { bug: 'timeout_join_at_one', config: 'all_random' },
  { bug: 'vote_commits_voted_block', config: 'all_random' },
  { bug: 'commit_round_gap', config: 'all_random' },
  { bug: 'tc_reenters_round', config: 'all_random' },
  { bug: 'vote_refuses_tc_extension', config: 'all_random' },
  { bug: 'reply_at_execution', config: 'fuzz_wallet' },
  { bug: 'no_request_dedup', config: 'fuzz_wallet' },
  { bug: 'block_round_unjustified', config: 'all_random' },
  { bug: 'restart_from_high_qc', config: 'all_random' },
  { bug: 'timeout_keeps_vote_round', config: 'all_random' },
];
