// Client replies (docs/services.md): when a block commits, the replica signs one reply per request
// the block carries, with the reply the service stored for it. A request the block carries again
// (re-proposed after it ran earlier on the chain) gets the reply stored when it first ran, so a
// client sees one result however often its request was proposed. A client that retransmits a request
// already committed gets the reply first made for it again.
import type { ClientTxn, NodeId } from '../../kernel/actor.js';
import type { Crypto } from '../../kernel/crypto.js';
import { signReply, type SignedReply } from '../../kernel/reply.js';
import type { Service } from '../../kernel/service.js';
import type { ChainEntry } from './ledger.js';

/**
 * The signed replies for a block committed at `height`: one per client request, none for the block's
 * marker (client `marker:...`, the replica's own), none when the service stores no replies.
 */
export function repliesForCommit(service: Service, crypto: Crypto, replica: NodeId, entry: ChainEntry,
  height: number): SignedReply[] {
  if (service.storedReply === undefined) return [];
  const stateDigest = service.digest(entry.app);
  const out: SignedReply[] = [];
  for (const t of entry.block.payload) {
    if (t.client.startsWith('marker:')) continue;
    out.push(signReply(crypto, replica, {
      client: t.client, seq: t.seq, result: service.storedReply(entry.app, t) ?? 'not executed', height, stateDigest,
    }));
  }
  return out;
}

/**
 * A replica's client replies: each reply made at a commit goes to `send`, and the first reply made for
 * each request is kept, so a retransmission of a committed request gets it again.
 */
export class ReplyBook {
  private readonly first = new Map<string, SignedReply>();

  constructor(private readonly service: Service, private readonly crypto: Crypto, private readonly me: NodeId,
    private readonly send: (r: SignedReply) => void) {}

  onCommit(entry: ChainEntry, height: number): void {
    if (this.service.storedReply === undefined) return;
    for (const r of repliesForCommit(this.service, this.crypto, this.me, entry, height)) {
      const key = `${r.client}/${r.seq}`;
      if (!this.first.has(key)) this.first.set(key, r);
      this.send(r);
    }
  }

  /** True, with the stored reply sent again, when the request was already committed and answered. */
  answerAgain(t: ClientTxn): boolean {
    if (this.first.size === 0) return false;
    const r = this.first.get(`${t.client}/${t.seq}`);
    if (r === undefined) return false;
    this.send(r);
    return true;
  }
}
