// The oracle interface lives in the kernel (src/kernel/oracle.ts), shared by the generic oracles here
// and the protocols' own.
export type {
  Groups, ObservationReader, OracleContext, OracleDef, OracleInstance, ReplicaInfo, RunOutcome, RunState, Violation,
} from '../../kernel/oracle.js';
export { shortId } from '../../kernel/oracle.js';
