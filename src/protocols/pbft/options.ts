// PBFT's own run options (pbft.md §1.2, C1): an opaque bag to the rest of the tool, given in a
// config's `protocolOptions`, checked against this schema and filled from these defaults.
import type { OptionSpec } from '../../kernel/protocol-module.js';

export interface PbftOptions {
  /** K: a checkpoint is taken after every K sequence numbers. */
  readonly checkpointPeriod: number;
  /** L: the log window above the last stable checkpoint, a multiple of K. */
  readonly logSize: number;
  /** B: the most client requests one pre-prepare orders. */
  readonly batchSize: number;
}

export const PBFT_OPTIONS: OptionSpec = Object.freeze({
  schema: Object.freeze({
    type: 'object',
    additionalProperties: false,
    properties: {
      checkpointPeriod: { type: 'integer', minimum: 1, maximum: 1000, description: 'K: checkpoint every K sequence numbers.' },
      logSize: { type: 'integer', minimum: 1, maximum: 10000, description: 'L: the log window, a multiple of K.' },
      batchSize: { type: 'integer', minimum: 1, maximum: 1000, description: 'B: client requests per pre-prepare.' },
    },
  }),
  defaults: Object.freeze({ checkpointPeriod: 4, logSize: 8, batchSize: 8 }),
});

/** The options bag as PBFT reads it; fields missing from `bag` take their defaults. L is rounded up to a multiple of K. */
export function pbftOptions(bag: Readonly<Record<string, unknown>>): PbftOptions {
  const d = PBFT_OPTIONS.defaults;
  const k = (bag.checkpointPeriod ?? d.checkpointPeriod) as number;
  const l = (bag.logSize ?? d.logSize) as number;
  return { checkpointPeriod: k, logSize: Math.ceil(l / k) * k, batchSize: (bag.batchSize ?? d.batchSize) as number };
}
