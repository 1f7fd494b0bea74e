// Options of one scenario run. Field names match the executor config (docs/file-formats.md).

export interface ExecOptions {
  readonly bugs: readonly string[];
  readonly delayTicks: number | { readonly min: number; readonly max: number };
  readonly roundTimeoutTicks: number;
  readonly seed: string | number;
  readonly crypto: 'mock' | 'ed25519';
  readonly budget: { readonly events?: number; readonly ticks?: number };
  /** Tick at which the scripted phase ends at the latest; derived from the round timeout if absent. */
  readonly healDeadlineTicks?: number;
  /** Ticks after heal within which liveness must be shown; derived from the round timeout if absent. */
  readonly livenessTicks?: number;
  readonly retransmitTimeouts: boolean;
}

export const DEFAULT_EXEC_OPTIONS: ExecOptions = {
  bugs: [],
  delayTicks: 1,
  roundTimeoutTicks: 20,
  seed: '1',
  crypto: 'mock',
  budget: { events: 200_000, ticks: 100_000 },
  retransmitTimeouts: true,
};

export function delayRange(d: ExecOptions['delayTicks']): { min: number; max: number } {
  return typeof d === 'number' ? { min: d, max: d } : { min: d.min, max: d.max };
}

/** One round's worth of ticks: a timeout plus a few message delays (diembft-v4 §1.2). */
function roundSpan(o: ExecOptions): number {
  return o.roundTimeoutTicks + 4 * delayRange(o.delayTicks).max;
}

/** Default heal deadline: every scripted round may time out once, plus one spare round. */
export function healDeadline(o: ExecOptions, scriptedRounds: number): number {
  return o.healDeadlineTicks ?? (scriptedRounds + 1) * roundSpan(o);
}

/** Default liveness bound: every GST round may take a full round span, plus four spare rounds. */
export function livenessBound(o: ExecOptions, gstRounds: number): number {
  return o.livenessTicks ?? (gstRounds + 4) * roundSpan(o);
}
