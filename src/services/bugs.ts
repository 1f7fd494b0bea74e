// The service layer's bug catalogue (docs/services.md, "Bugs of the service layer"): bugs in the
// replicated service and in the clients, for any protocol. A run names them in `bugs` beside the
// protocol's own; the protocol never sees them.
import type { BugInfo } from '../kernel/protocol-module.js';

export const SERVICE_BUGS: readonly BugInfo[] = Object.freeze([
  { name: 'wallet_transfer_unsigned', class: 'safety', section: 'wallet transfer',
    breaks: 'Only the owner of a wallet may transfer out of it: the wallet runs a transfer without checking '
      + 'the owner\'s signature.' },
  { name: 'wallet_balance_off_by_one', class: 'safety', section: 'wallet transfer',
    breaks: 'A transfer runs when the balance is at least the amount: the check is `<=` instead of `<`, so a '
      + 'transfer of exactly the balance is refused.' },
  { name: 'client_accepts_f', class: 'safety', section: 'client protocol',
    breaks: 'A client accepts a result on f+1 matching replies from distinct identities: it accepts on f.' },
].map((b) => Object.freeze(b as BugInfo)));

export const SERVICE_BUG_NAMES: readonly string[] = Object.freeze(SERVICE_BUGS.map((b) => b.name));

export function isServiceBug(name: string): boolean {
  return SERVICE_BUG_NAMES.includes(name);
}
