// PBFT thresholds (pbft.md §1.1, D13): the ONE quorum formula. f = floor((n-1)/3) and
// Q = ceil((n+f+1)/2), which is 2f+1 when n = 3f+1; any two Q-sets share at least f+1 identities.
import type { Thresholds } from '../../kernel/protocol-module.js';

export function thresholds(n: number): Thresholds {
  const f = Math.floor((n - 1) / 3);
  return { f, quorum: Math.ceil((n + f + 1) / 2) };
}
