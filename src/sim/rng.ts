// Seeded random streams (STYLE rule 3). Randomness is a value passed around, never a global: each
// consumer forks its own stream by label, so adding draws in one place never shifts another.
import seedrandom from 'seedrandom';

export interface Stream {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
}

export function stream(seed: string, label: string): Stream {
  const prng = seedrandom(`${seed}/${label}`);
  return {
    next: () => prng.quick(),
    int: (min, max) => min + Math.floor(prng.quick() * (max - min + 1)),
  };
}
