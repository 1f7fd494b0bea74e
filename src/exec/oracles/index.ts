// The generic oracles: they read only the generic observations (src/kernel/observation.ts), so they
// judge every protocol. A protocol module adds its own (`ProtocolModule.oracles`); a run's oracles
// are these followed by the module's, filtered by the config's `oracles` list.
import type { ProtocolModule } from '../../kernel/protocol-module.js';
import type { OracleDef } from './oracle.js';
import { agreement } from './agreement.js';
import { chainIntegrity } from './chain-integrity.js';
import { commitAfterGst } from './commit-after-gst.js';
import { SERVICE_ORACLE_DEFS } from './service/index.js';

export const GENERIC_ORACLES: readonly OracleDef[] = Object.freeze([agreement, chainIntegrity, commitAfterGst]);

/** The service oracles (./service/): generic too, and run only when a run has clients. */
export const SERVICE_ORACLES: readonly OracleDef[] = Object.freeze([...SERVICE_ORACLE_DEFS]);

const SERVICE_IDS = new Set(SERVICE_ORACLES.map((o) => o.id));

export function isServiceOracle(id: string): boolean {
  return SERVICE_IDS.has(id);
}

/** Every oracle a run of `protocol` can use, in the order they judge each observation. */
export function oraclesOf(protocol: ProtocolModule): readonly OracleDef[] {
  return [...GENERIC_ORACLES, ...protocol.oracles, ...SERVICE_ORACLES];
}

export type { OracleDef, OracleContext, OracleInstance, ReplicaInfo, RunState, RunOutcome } from './oracle.js';
