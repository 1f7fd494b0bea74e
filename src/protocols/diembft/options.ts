// DiemBFT's own run options (DESIGN §3): an opaque bag to the rest of the tool, given in a config's
// `protocolOptions`, checked against this schema and filled from these defaults.
import type { OptionSpec } from '../../kernel/protocol-module.js';
import type { LeaderElectionMode } from './protocol.js';

export interface DiemOptions {
  /** Re-broadcast a timeout when the round timer fires again (diembft-v4 §8 [X]). */
  readonly retransmitTimeouts: boolean;
  /** Leader election where the harness does not dictate leaders (diembft-v4 §9). */
  readonly leaderElection: LeaderElectionMode;
}

export const DIEM_OPTIONS: OptionSpec = Object.freeze({
  schema: Object.freeze({
    type: 'object',
    additionalProperties: false,
    properties: {
      retransmitTimeouts: { type: 'boolean', description: 'Re-broadcast a timeout when the round timer fires again.' },
      leaderElection: { enum: ['round-robin', 'reputation'],
        description: 'Leader election for rounds the scenario does not script.' },
    },
  }),
  defaults: Object.freeze({ retransmitTimeouts: true, leaderElection: 'round-robin' }),
});

/** The options bag as DiemBFT reads it; fields missing from `bag` take their defaults. */
export function diemOptions(bag: Readonly<Record<string, unknown>>): DiemOptions {
  return {
    retransmitTimeouts: (bag.retransmitTimeouts ?? DIEM_OPTIONS.defaults.retransmitTimeouts) as boolean,
    leaderElection: (bag.leaderElection ?? DIEM_OPTIONS.defaults.leaderElection) as LeaderElectionMode,
  };
}
