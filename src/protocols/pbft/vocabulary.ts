// PBFT's words for reports and timelines (src/kernel/vocabulary.ts): a scenario round is a view
// (round r is view r-1), its leader the primary, a proposal a PRE-PREPARE of a batch, a commit sits at
// a sequence number. The trace view (./trace-view.ts) shows a prepared certificate as a `qc` event, a
// stable checkpoint as a `tc` event and a VIEW-CHANGE sent as a `timeout` event; PREPARE and COMMIT
// messages appear as deliveries, not as vote marks.
import type { Vocabulary } from '../../kernel/vocabulary.js';

export const PBFT_VOCABULARY: Vocabulary = Object.freeze({
  round: 'view',
  roundShort: 'V',
  // Round 0 (a violation tied to no round) shows as view 0.
  roundNumber: (round: number): number => Math.max(0, round - 1),
  leader: 'primary',
  leaderBadge: 'P',
  proposal: 'pre-prepare',
  proposer: 'primary',
  vote: null,
  block: 'batch',
  height: 'seq',
  heightShort: 's',
  qc: 'prepared certificate',
  qcBadge: '✓',
  tc: 'stable checkpoint',
  tcBadge: 'C',
  timeout: 'view-change',
  timeoutSent: 'sends view-change to',
  timeoutDetail: (n: number): string => `${n} prepared certificate${n === 1 ? '' : 's'}`,
  proposalDetail: (): string | null => null,
  // The kernel timer is the replica timer of §4.4 (a request or pre-prepare waits too long), whose
  // base T is the run option roundTimeoutTicks.
  timerFired: 'replica timer fired',
  timeoutOption: 'request timeout',
});
