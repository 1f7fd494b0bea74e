// The protocol registry (DESIGN §3): a name -> module table. This file and the modules' own folders
// are the only code that imports a protocol; everything else asks here by the name a scenario or a
// config gives in `protocol`. A new protocol is a new folder under src/protocols plus one line here.
import type { ProtocolModule } from '../kernel/protocol-module.js';
import { diembft } from './diembft/module.js';

/** The protocol a scenario or config runs when it does not name one. */
export const DEFAULT_PROTOCOL = 'diembft';

const MODULES = new Map<string, ProtocolModule>([
  [diembft.name, diembft as unknown as ProtocolModule],
]);

export const PROTOCOL_NAMES: readonly string[] = Object.freeze([...MODULES.keys()]);

/** The module named `name`, or undefined. */
export function findProtocol(name: string): ProtocolModule | undefined {
  return MODULES.get(name);
}

/** The module named `name`; throws for an unknown name (inputs are checked against PROTOCOL_NAMES first). */
export function protocolNamed(name: string = DEFAULT_PROTOCOL): ProtocolModule {
  const m = MODULES.get(name);
  if (m === undefined) throw new Error(`unknown protocol '${name}'; known: ${PROTOCOL_NAMES.join(', ')}`);
  return m;
}
