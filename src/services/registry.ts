// The services a run can name (DESIGN §3): a name -> service table. A new service is a new folder
// under src/services plus one line here.
import type { Service } from '../kernel/service.js';
import { deduplicated } from './dedup.js';
import { noopService } from './noop/noop-service.js';
import { defaultWalletService } from './wallet/wallet-service.js';

const SERVICES: ReadonlyMap<string, Service> = new Map<string, Service>([
  ['noop', noopService as Service],
  ['wallet', deduplicated(defaultWalletService) as Service],
]);

export const SERVICE_NAMES: readonly string[] = Object.freeze([...SERVICES.keys()]);

/** The service named `name`; throws for an unknown name. */
export function serviceNamed(name: string): Service {
  const s = SERVICES.get(name);
  if (s === undefined) throw new Error(`unknown service '${name}'; known: ${SERVICE_NAMES.join(', ')}`);
  return s;
}
