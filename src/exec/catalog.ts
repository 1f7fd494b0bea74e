// What an executor config may name for each protocol (src/scenario/executor-config.ts): the module's
// bugs, the service layer's (src/services/bugs.ts), and every oracle a run of it can use.
import type { ProtocolCatalogEntry } from '../scenario/executor-config.js';
import { DEFAULT_PROTOCOL, findProtocol } from '../protocols/registry.js';
import { oraclesOf } from './oracles/index.js';
import { SERVICE_BUG_NAMES } from '../services/bugs.js';

export function protocolCatalog(protocol: string): ProtocolCatalogEntry | undefined {
  const module = findProtocol(protocol);
  if (module === undefined) return undefined;
  return { bugs: [...module.bugs.map((b) => b.name), ...SERVICE_BUG_NAMES], oracles: oraclesOf(module).map((o) => o.id) };
}

/** The bug names of a protocol (default: the default protocol). */
export function bugNamesOf(protocol: string = DEFAULT_PROTOCOL): readonly string[] {
  return protocolCatalog(protocol)?.bugs ?? [];
}

/** Every oracle id a run of a protocol can use (default: the default protocol). */
export function oracleIdsOf(protocol: string = DEFAULT_PROTOCOL): readonly string[] {
  return protocolCatalog(protocol)?.oracles ?? [];
}
