// tweetnacl, loaded on first use: runs with mock signatures (W1, most runs) never load it, which
// saves every thread that runs scenarios a good part of its start-up. Loading is synchronous and
// happens at most once, so it changes nothing a run computes.
import { createRequire } from 'node:module';
import type Nacl from 'tweetnacl';

let loaded: typeof Nacl | null = null;

export function nacl(): typeof Nacl {
  return (loaded ??= createRequire(import.meta.url)('tweetnacl') as typeof Nacl);
}
