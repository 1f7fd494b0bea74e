// LeaderElection (diembft-v4 §9): round-robin with two rounds per leader, the paper's
// reputation-based election, and the Twins harness override, which wins over both.
import { H, hashToInt } from './hash.js';
import type { NodeId } from './protocol.js';
import { rnd, type Block, type QC, type Round } from './types.js';

export interface LeaderElectionConfig {
  readonly n: number;
  readonly mode: 'round-robin' | 'reputation';
  readonly leaderOverride: ((round: Round) => NodeId | null) | null;
  /** Ledger.committedBlock, for the reputation walk. */
  readonly committedBlock: (id: string) => Block | null;
  /** [C] defaults: windowSize = n, excludeSize = f. */
  readonly windowSize: number;
  readonly excludeSize: number;
}

export class LeaderElection {
  private readonly reputationLeaders = new Map<Round, NodeId>();

  constructor(private readonly cfg: LeaderElectionConfig) {}

  /** §9 getLeader: the harness override, else a reputation pick, else validators[floor(r/2) % n]. */
  getLeader(r: Round): NodeId {
    const forced = this.cfg.leaderOverride?.(r) ?? null;
    if (forced !== null) return forced;
    return this.reputationLeaders.get(r) ?? Math.floor(r / 2) % this.cfg.n;
  }

  /**
   * §9 updateLeaders. Reads currentRound BEFORE advanceRoundQc runs (see the ordering note in §9): a
   * QC that commits round cur-2 while we are in cur elects the leader of cur+1. A no-op under
   * round-robin, and for a round whose leader the harness dictates.
   */
  updateLeaders(qc: QC, currentRound: Round): void {
    if (this.cfg.mode !== 'reputation') return;
    const extended = qc.voteInfo.parentRound;
    const certified = rnd(qc);
    if (extended + 1 !== certified || certified + 1 !== currentRound) return;
    const next = currentRound + 1;
    if (this.cfg.leaderOverride?.(next) != null) return;
    if (this.reputationLeaders.has(next)) return;                     // [C] first computation wins
    const l = this.electReputationLeader(qc);
    if (l !== null) this.reputationLeaders.set(next, l);
  }

  /** §9 electReputationLeader: the literal walk of the paper, with [C] guards. */
  private electReputationLeader(qc: QC): NodeId | null {
    const { windowSize, excludeSize } = this.cfg;
    const active = new Set<NodeId>();
    const lastAuthors: NodeId[] = [];
    let cq: QC = qc;
    for (let i = 0; i < windowSize || lastAuthors.length < excludeSize; i++) {
      const blk = this.cfg.committedBlock(cq.voteInfo.parentId);
      if (blk === null || blk.author === null || blk.qc === null) return null;   // reached genesis: round-robin
      if (i < windowSize) for (const s of cq.signatures) active.add(s.signer);
      if (lastAuthors.length < excludeSize && !lastAuthors.includes(blk.author)) lastAuthors.push(blk.author);
      cq = blk.qc;                                                    // [P literal] steps through blk.qc's parent
    }
    const candidates = [...active].filter((v) => !lastAuthors.includes(v)).sort((a, b) => a - b);
    if (candidates.length === 0) return null;
    return candidates[hashToInt(H(['seed', rnd(qc)])) % candidates.length]!;
  }
}
