// The words a protocol's runs are drawn with (reports and timelines, docs/reports.md): what a scenario
// round is called and how it is numbered, what the leader, a proposal, a vote, a block, a height and
// the two certificate marks of a trace are. A protocol module declares its own (`vocabulary`); one
// that declares none is drawn with DEFAULT_VOCABULARY, the words of the round-based protocols.

export interface Vocabulary {
  /** What a scenario round is called: `round`, `view`. */
  readonly round: string;
  /** Its short form in column headers: `R`, `V`. */
  readonly roundShort: string;
  /** The number scenario round `round` shows as (PBFT: the view, round - 1). */
  roundNumber(round: number): number;
  /** Who leads a round (`leader`, `primary`), and the letter of its badge. */
  readonly leader: string;
  readonly leaderBadge: string;
  /** The message a leader proposes with (`proposal`, `pre-prepare`), and who sent one (`proposer`, `primary`). */
  readonly proposal: string;
  readonly proposer: string;
  /** A vote as trace `vote` events show it, or null when the protocol's trace has none. */
  readonly vote: string | null;
  /** What is proposed and committed (`block`, `batch`), and where a commit sits (`height`, `seq`). */
  readonly block: string;
  readonly height: string;
  /** The prefix of a commit mark's label: `h1 3fa2…`, `s1 3fa2…`. */
  readonly heightShort: string;
  /** What a trace `qc` and `tc` event is (`QC`, `prepared certificate`), and its badge letter. */
  readonly qc: string;
  readonly qcBadge: string;
  readonly tc: string;
  readonly tcBadge: string;
  /** What a trace `timeout` event is (`timeout`, `view-change`), and what its sender does (`times out`, `sends view-change to`). */
  readonly timeout: string;
  readonly timeoutSent: string;
  /** What the number a `timeout` event carries says: `high qc round 2`, `2 prepared certificate(s)`. */
  timeoutDetail(n: number): string;
  /** The certificates a proposal extends, or null when the protocol's proposals name none. */
  proposalDetail(qcRound: number, tcRound: number | null): string | null;
  /** What a trace `timer` event says (`round timer fired`, `replica timer fired`). */
  readonly timerFired: string;
  /** What the run option `roundTimeoutTicks` is to this protocol (`round timeout`, `request timeout`). */
  readonly timeoutOption: string;
}

export const DEFAULT_VOCABULARY: Vocabulary = Object.freeze({
  round: 'round',
  roundShort: 'R',
  roundNumber: (round: number): number => round,
  leader: 'leader',
  leaderBadge: 'L',
  proposal: 'proposal',
  proposer: 'proposer',
  vote: 'vote',
  block: 'block',
  height: 'height',
  heightShort: 'h',
  qc: 'QC',
  qcBadge: 'Q',
  tc: 'TC',
  tcBadge: 'T',
  timeout: 'timeout',
  timeoutSent: 'times out',
  timeoutDetail: (n: number): string => `high qc round ${n}`,
  proposalDetail: (qcRound: number, tcRound: number | null): string | null =>
    `qc round ${qcRound} · tc round ${tcRound === null ? 'none' : String(tcRound)}`,
  timerFired: 'round timer fired',
  timeoutOption: 'round timeout',
});

/** `round 3`, `view 2`. */
export function roundName(v: Vocabulary, round: number): string {
  return `${v.round} ${v.roundNumber(round)}`;
}

/** `R3`, `V2`. */
export function roundLabel(v: Vocabulary, round: number): string {
  return `${v.roundShort}${v.roundNumber(round)}`;
}

/** `r3`, `v2`: a round tag in a trace line. */
export function roundTag(v: Vocabulary, round: number): string {
  return `${v.roundShort.toLowerCase()}${v.roundNumber(round)}`;
}

/**
 * Reads a number or range the user gave in the protocol's numbering (`--round 2-4`: rounds 2 to 4;
 * for PBFT, views 2 to 4) back into round tags.
 */
export function roundsOfNumbers(v: Vocabulary, from: number, to: number): { from: number; to: number } {
  const offset = v.roundNumber(1000) - 1000;
  return { from: from - offset, to: to - offset };
}
