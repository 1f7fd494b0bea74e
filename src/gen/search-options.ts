// The `search` block of a generator config: the dimensions `twins fuzz` adds to the space (honest
// leaders in scripted rounds, link delays, round timeouts, a crash and restart, clients, failure rules), checked and
// filled with defaults. A dimension left out is off.
import type { SearchOptions, WorkloadAttachment } from './config.js';

/** The block as the schema admits it. */
export interface RawSearch {
  honestLeaders?: boolean;
  delayTicks?: { min: number; max: number };
  roundTimeoutTicks?: { min: number; max: number };
  crash?: boolean;
  workload?: WorkloadAttachment;
  faults?: { rules: number };
}

/** The rules the schema cannot say; `fail` throws with the JSON path. */
export function checkSearch(raw: RawSearch, honestIdentities: number, fail: (path: string, detail: string) => never): void {
  for (const key of ['delayTicks', 'roundTimeoutTicks'] as const) {
    const range = raw[key];
    if (range !== undefined && range.min > range.max) fail(`$.search.${key}.min`, `min ${range.min} is greater than max ${range.max}`);
  }
  if (honestIdentities === 0) {
    if (raw.honestLeaders === true) fail('$.search.honestLeaders', 'honest leaders need an identity that is not twinned');
    if (raw.crash === true) fail('$.search.crash', 'a crash of an honest replica needs an identity that is not twinned');
  }
}

export function searchWithDefaults(raw: RawSearch): SearchOptions {
  return {
    honestLeaders: raw.honestLeaders ?? false,
    delayTicks: raw.delayTicks === undefined ? null : { min: raw.delayTicks.min, max: raw.delayTicks.max },
    roundTimeoutTicks: raw.roundTimeoutTicks === undefined ? null : { min: raw.roundTimeoutTicks.min, max: raw.roundTimeoutTicks.max },
    crash: raw.crash ?? false,
    ...(raw.workload === undefined ? {} : { workload: raw.workload }),
    faults: raw.faults === undefined ? null : { rules: raw.faults.rules },
  };
}
