// Signed replies (docs/services.md): what a replica tells a client about one committed request. The
// signature covers the client, the request number, the result, and the height and service-state
// digest the request was executed at; the signer is the replica's identity, so twins (one identity)
// send byte-identical replies and a client counts them once.
import type { Crypto } from './crypto.js';
import type { NodeId } from './actor.js';
import { H, type Digest, type Sig } from './hash.js';

export interface ReplyContent {
  readonly client: string;
  readonly seq: number;
  /** The service's reply to the request, as stored when it ran. */
  readonly result: string;
  /** The commit height of the block that carried the request. */
  readonly height: number;
  /** The service's state digest after that block. */
  readonly stateDigest: string;
}

export interface SignedReply extends ReplyContent {
  /** The replica's identity and its signature over `replyDigest` of the content. */
  readonly sig: Sig;
}

export function replyDigest(r: ReplyContent): Digest {
  return H(['reply', r.client, r.seq, r.result, r.height, r.stateDigest]);
}

export function signReply(crypto: Crypto, replica: NodeId, content: ReplyContent): SignedReply {
  const { client, seq, result, height, stateDigest } = content;
  return Object.freeze({ client, seq, result, height, stateDigest, sig: crypto.sign(replica, replyDigest(content)) });
}

/** True when the reply's signature is its signer's over exactly this content. */
export function verifyReply(crypto: Crypto, r: SignedReply): boolean {
  return crypto.verify(r.sig, replyDigest(r));
}
