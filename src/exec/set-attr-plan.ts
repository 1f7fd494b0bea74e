// Process faults of a scenario's `setAttrs` (docs/file-formats.md), carried out on the world: when a
// Byzantine replica enters the trigger round or a later one before the heal, the protocol-declared
// attribute is set, once. The change is a control event at the current tick, so it runs after the
// step that triggered it.
import type { Scenario } from '../scenario/types.js';
import type { World } from '../sim/world.js';

interface PlannedSet {
  readonly replica: number;
  readonly round: number;
  readonly attribute: string;
  readonly value: number;
  done: boolean;
}

export class SetAttrPlan {
  private readonly sets: PlannedSet[];
  private healed = false;

  constructor(s: Pick<Scenario, 'setAttrs'>, replicaIndex: (name: string) => number) {
    this.sets = (s.setAttrs ?? []).map((a) => ({ replica: replicaIndex(a.replica), round: a.round,
      attribute: a.attribute, value: a.value, done: false }));
  }

  get empty(): boolean {
    return this.sets.length === 0;
  }

  onEnterRound(world: World<unknown>, i: number, round: number): void {
    if (this.healed) return;
    for (const a of this.sets) {
      if (a.done || a.replica !== i || round < a.round) continue;
      a.done = true;
      world.schedule(world.now, () => world.setAttribute(a.replica, a.attribute, a.value));
    }
  }

  /** Process faults stop at the heal. */
  onHeal(): void {
    this.healed = true;
  }
}
