// The services a run can name (DESIGN §3): a name -> service table. A new service is a new folder
// under src/services plus one line here.
import type { Service } from '../kernel/service.js';
import { deduplicated } from './dedup.js';
import { noopService } from './noop/noop-service.js';
import { DEFAULT_WALLET_CONFIG, defaultWalletService, walletService } from './wallet/wallet-service.js';

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

/** The wallet with injected service bugs (./bugs.ts), one shared instance per combination. */
const buggy = new Map<string, Service>();

/** The service named `name` as replicas run it with the service bugs among `bugs`. */
export function runningService(name: string, bugs: readonly string[]): Service {
  const unsigned = bugs.includes('wallet_transfer_unsigned');
  const offByOne = bugs.includes('wallet_balance_off_by_one');
  if (name !== 'wallet' || (!unsigned && !offByOne)) return serviceNamed(name);
  const key = `${unsigned}/${offByOne}`;
  let s = buggy.get(key);
  if (s === undefined) {
    s = deduplicated(walletService({ ...DEFAULT_WALLET_CONFIG, skipTransferSignature: unsigned,
      refuseWholeBalance: offByOne })) as Service;
    buggy.set(key, s);
  }
  return s;
}
