// Crashes and restarts of a scenario (its `crashes`, docs/file-formats.md), carried out on the world.
// A replica crashes when it enters its crash round or a later one before the heal, and restarts from
// its store when another honest replica that is up enters the restart round, or at the heal, whichever
// comes first: process faults stop at the heal, so every replica is up for the GST tail, except one
// whose crash is `permanent`, which stays down for the rest of the run. The crash and the restart
// are control events scheduled at the current tick, so they run after the step that triggered them.
// Network Twins (src/net/net-twins-run.ts) carries the same plan out on replica processes.
import type { Scenario } from '../scenario/types.js';
import type { World } from '../sim/world.js';

/** What the plan acts on: the simulator's world, or a network run's replica processes. */
export type CrashTarget = Pick<World<unknown>, 'now' | 'schedule' | 'crash' | 'restart' | 'isUp'>;

interface PlannedCrash {
  readonly replica: number;
  readonly round: number;
  readonly restartRound: number | null;
  readonly permanent: boolean;
  state: 'up' | 'down' | 'restarted';
}

export class CrashPlan {
  private readonly crashes: PlannedCrash[];
  private healed = false;

  constructor(s: Pick<Scenario, 'crashes'>, replicaIndex: (name: string) => number,
    private readonly honest: (replica: number) => boolean) {
    this.crashes = (s.crashes ?? []).map((c) => ({
      replica: replicaIndex(c.replica), round: c.round, restartRound: c.restartRound ?? null, permanent: c.permanent === true,
      state: 'up' as const,
    }));
  }

  get empty(): boolean {
    return this.crashes.length === 0;
  }

  /** Replica `i` entered `round`: it may crash, or its entry may restart another replica. */
  onEnterRound(world: CrashTarget, i: number, round: number): void {
    for (const c of this.crashes) {
      if (c.state === 'up' && c.replica === i && round >= c.round && !this.healed) {
        c.state = 'down';
        world.schedule(world.now, () => world.crash(c.replica));
      } else if (c.state === 'down' && c.replica !== i && c.restartRound !== null && round >= c.restartRound
        && this.honest(i) && world.isUp(i)) {
        this.restart(world, c);
      }
    }
  }

  /** The heal: every replica still down restarts (unless its crash is permanent), and no crash happens from now on. */
  onHeal(world: CrashTarget): void {
    this.healed = true;
    for (const c of this.crashes) if (c.state === 'down' && !c.permanent) this.restart(world, c);
  }

  private restart(world: CrashTarget, c: PlannedCrash): void {
    c.state = 'restarted';
    world.schedule(world.now, () => world.restart(c.replica));
  }
}
