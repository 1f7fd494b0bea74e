// The service oracles (docs/services.md, docs/oracles.md): generic, for any protocol that reports its
// commits' requests and results; they run only when a run has clients.
import type { OracleDef } from '../oracle.js';
import { exactlyOnce } from './exactly-once.js';
import { serviceDigestsAgree, serviceInvariants } from './invariants.js';
import { serviceLinearizable } from './linearizable.js';
import { workloadsFinish } from './workloads-finish.js';

export const SERVICE_ORACLE_DEFS: readonly OracleDef[] = [
  serviceLinearizable, exactlyOnce, serviceInvariants, serviceDigestsAgree, workloadsFinish,
] as readonly OracleDef[];
