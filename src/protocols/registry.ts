// The protocol registry (DESIGN §3): a name -> module table. This file and the modules' own folders
// are the only code that imports a protocol; everything else asks here by the name a scenario or a
// config gives in `protocol`. A protocol shipped with the tool is a folder under src/protocols plus
// one line in BUILT_IN; a protocol written elsewhere (a library user's, a test's) registers itself
// with registerProtocol when its module is loaded.
import type { ProtocolModule } from '../kernel/protocol-module.js';
import { diembft } from './diembft/module.js';
import { pbft } from './pbft/module.js';

/** The protocol a scenario or config runs when it does not name one. */
export const DEFAULT_PROTOCOL = 'diembft';

const BUILT_IN: readonly ProtocolModule[] = [diembft as unknown as ProtocolModule, pbft as unknown as ProtocolModule];

const MODULES = new Map<string, ProtocolModule>(BUILT_IN.map((m) => [m.name, m]));

/** The names of the protocols shipped with the tool. */
export const PROTOCOL_NAMES: readonly string[] = Object.freeze(BUILT_IN.map((m) => m.name));

/** Every registered protocol's name: the shipped ones, then those registered since, in order. */
export function protocolNames(): readonly string[] {
  return [...MODULES.keys()];
}

/**
 * Makes `module` known by its name. Registering the same module again is harmless; another module
 * under a taken name is a programmer error.
 */
export function registerProtocol(module: ProtocolModule): void {
  const known = MODULES.get(module.name);
  if (known !== undefined && known !== module) throw new Error(`protocol name '${module.name}' is taken`);
  MODULES.set(module.name, module);
}

/** The module named `name`, or undefined. */
export function findProtocol(name: string): ProtocolModule | undefined {
  return MODULES.get(name);
}

/** The module named `name`; throws for an unknown name (inputs are checked with findProtocol first). */
export function protocolNamed(name: string = DEFAULT_PROTOCOL): ProtocolModule {
  const m = MODULES.get(name);
  if (m === undefined) throw new Error(`unknown protocol '${name}'; known: ${protocolNames().join(', ')}`);
  return m;
}
