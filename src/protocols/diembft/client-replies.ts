// Client replies (docs/services.md): when a block commits, the replica signs one reply per request
// the block carries, with the reply the service stored for it. A request the block carries again
// (re-proposed after it ran earlier on the chain) gets the reply stored when it first ran, so a
// client sees one result however often its request was proposed.
import type { NodeId } from '../../kernel/actor.js';
import type { Crypto } from '../../kernel/crypto.js';
import { signReply, type SignedReply } from '../../kernel/reply.js';
import type { Service } from '../../kernel/service.js';
import type { ChainEntry } from './ledger.js';

/** The signed replies for a block committed at `height`; none when the service stores no replies. */
export function repliesForCommit(service: Service, crypto: Crypto, replica: NodeId, entry: ChainEntry,
  height: number): SignedReply[] {
  if (service.storedReply === undefined) return [];
  const stateDigest = service.digest(entry.app);
  return entry.block.payload.map((t) => signReply(crypto, replica, {
    client: t.client, seq: t.seq, result: service.storedReply!(entry.app, t) ?? 'not executed', height, stateDigest,
  }));
}
