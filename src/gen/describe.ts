// Human-readable text about a space: the effective options (printed before generating, after the
// seed) and the step counts of `twins gen --count`. Pure formatting; the CLI decides where it goes.
import { tailUnitOf } from '../kernel/protocol-module.js';
import { DEFAULT_PROTOCOL, protocolNamed } from '../protocols/registry.js';
import { STEPS, type Step } from './config.js';
import type { ScenarioSpace, StepCounts } from './scenario-space.js';

const STEP_NAMES: Readonly<Record<Step, string>> = {
  partitions: 'partitions',
  roundConfigs: 'round configurations',
  scenarios: 'scenarios',
};

/** One line per option, every default filled in, so a run can be read back from its log. */
export function describeOptions(space: ScenarioSpace): string[] {
  const { config, cast } = space;
  const limits = STEPS.filter((s) => config.limits[s] !== undefined)
    .map((s) => `${s} ${config.limits[s]} (${config.limitOrder[s]})`);
  const drops = config.drops.maxPerRound === 0 || config.drops.types.length === 0
    ? 'none'
    : `${config.drops.types.join(', ')}; at most ${config.drops.maxPerRound} per round, within a group`;
  const unit = tailUnitOf(protocolNamed(config.protocol ?? DEFAULT_PROTOCOL));
  return [
    `identities: ${config.nodes} (${cast.nodes.join(' ')}), twinned: ${cast.twins.join(' ') || 'none'}, ` +
      `replicas: ${cast.replicas.join(' ')}`,
    `f = ${cast.f}, quorum = ${cast.quorum} distinct identities`,
    `rounds: ${config.rounds} scripted, gst tail: ${config.gst === null ? 'none' : `${config.gst.rounds} ${unit}s`}`,
    `partitions: ${config.partitions.min}..${config.partitions.max} groups` +
      (config.partitions.requireQuorum ? ', some group holds a quorum' : ''),
    `leaders: ${config.leaders} (${cast.leaders.join(' ')})`,
    `drops: ${drops}`,
    `arrangements: ${config.replacement ? 'with' : 'without'} replacement, order ${config.order}`,
    `limits: ${limits.length === 0 ? 'none' : limits.join(', ')}`,
    `symmetry: ${config.symmetry ? 'on (keeps one scenario per honest renaming class)' : 'off'}`,
    `config hash: ${space.configHash}`,
  ];
}

/** The `--count` table: each step after its limit, and the raw space without limits. */
export function describeCounts(space: ScenarioSpace): string[] {
  const limited = space.counts();
  const raw = space.unlimitedCounts();
  const width = Math.max(...STEPS.map((s) => STEP_NAMES[s].length));
  const lines = STEPS.map((s) => {
    const extra = limited[s] === raw[s] ? '' : `  (of ${raw[s]} without limits)`;
    return `${(STEP_NAMES[s] + ':').padEnd(width + 1)} ${limited[s]}${extra}`;
  });
  if (space.config.symmetry) lines.push('symmetry filtering happens during generation; it can only lower the scenario count');
  return lines;
}

/** `--count --json`: decimal strings, since counts exceed 2^53. */
export function countsJson(space: ScenarioSpace): Record<string, unknown> {
  const str = (c: StepCounts): Record<Step, string> => ({
    partitions: c.partitions.toString(), roundConfigs: c.roundConfigs.toString(), scenarios: c.scenarios.toString(),
  });
  return { ...str(space.counts()), unlimited: str(space.unlimitedCounts()), symmetry: space.config.symmetry };
}
