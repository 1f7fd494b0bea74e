// Step 3: arrangements of C round configurations over R rounds.
//
// Digit order: scenario index i is written in mixed radix with round 1 as the MOST significant
// digit, so enumeration order is lexicographic over (round 1, round 2, ..., round R).
// - With replacement every digit has base C: there are C^R scenarios.
// - Without replacement round j has base C-j+1 and its digit d_j picks the d_j-th (0-based)
//   configuration not used by rounds 1..j-1 (a Lehmer code): C (C-1) ... (C-R+1) scenarios, and
//   index order is still lexicographic over the chosen configurations.
import { fallingFactorial } from './bigmath.js';

export function arrangementCount(configs: bigint, rounds: number, replacement: boolean): bigint {
  return replacement ? configs ** BigInt(rounds) : fallingFactorial(configs, rounds);
}

/** The round-configuration index of every round of scenario `index`. */
export function decodeArrangement(index: bigint, configs: bigint, rounds: number, replacement: boolean): bigint[] {
  const digits = new Array<bigint>(rounds);
  for (let j = rounds - 1; j >= 0; j--) {
    const base = replacement ? configs : configs - BigInt(j);
    digits[j] = index % base;
    index /= base;
  }
  if (!replacement) selectUnused(digits);
  return digits;
}

/** Turns Lehmer digits into values in place: digit d becomes the d-th value not used before it. */
function selectUnused(digits: bigint[]): void {
  const used: bigint[] = [];
  for (let j = 0; j < digits.length; j++) {
    let v = digits[j]!;
    // `used` is sorted, so each used value at or below the candidate pushes it one further.
    for (const u of used) if (u <= v) v++;
    digits[j] = v;
    let at = used.length;
    while (at > 0 && used[at - 1]! > v) at--;
    used.splice(at, 0, v);
  }
}
