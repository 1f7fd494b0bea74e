// The handshake between the replicas of a network Twins run (docs/network.md, "Network Twins"). As
// in a cluster, both ends send `hello` with a fresh nonce and answer the other's nonce with `auth`,
// signed by the node key. Twins hold the same key, so the key proves an identity, not a replica:
// the signed text also names the replica, and a peer is accepted only when the run gives that
// replica the identity whose key signed.
import { canonicalJson } from '../kernel/hash.js';
import { nonceHandshake } from './handshake.js';
import { sign, verify, type NodeKey } from './keys.js';
import type { Conn } from './conn.js';

export interface TwinSide {
  /** This end's replica index. */
  readonly replica: number;
  /** The private key of this replica's identity (shared by its twins). */
  readonly key: NodeKey;
  /** Each replica's identity, by replica index. */
  readonly identityOf: readonly number[];
  /** Each identity's public key, by identity. */
  readonly publicKeys: readonly string[];
  /** The replica an outgoing connection must reach; null on the listening side. */
  readonly expect: number | null;
}

function twinText(theirNonce: string, identity: number, replica: number): string {
  return canonicalJson(['twins-net/twin', theirNonce, identity, replica]);
}

/**
 * Runs the handshake on `conn`. Returns the handler for handshake frames; it calls `done` with the
 * authenticated replica at the other end, or closes the connection with the reason.
 */
export function twinHandshake(conn: Conn, side: TwinSide, done: (replica: number) => void):
  (msg: Record<string, unknown>) => void {
  const id = side.identityOf[side.replica]!;
  return nonceHandshake(conn, (theirs) => ({ t: 'auth', replica: side.replica, id, sig: sign(side.key, twinText(theirs, id, side.replica)) }),
    (msg, mine) => check(msg, mine, side), done);
}

function check(msg: Record<string, unknown>, mine: string, side: TwinSide): number | string {
  const { replica, id } = msg;
  if (typeof replica !== 'number' || !Number.isInteger(replica) || side.identityOf[replica] === undefined) {
    return `unknown replica ${String(replica)}`;
  }
  if (id !== side.identityOf[replica]) return `replica ${replica} claims identity ${String(id)}`;
  if (side.expect !== null && replica !== side.expect) return `reached replica ${replica}, expected ${side.expect}`;
  if (replica === side.replica) return 'a replica cannot connect to itself';
  if (!verify(side.publicKeys[id]!, twinText(mine, id, replica), msg['sig'])) {
    return `replica ${replica} failed to prove identity ${id}'s key`;
  }
  return replica;
}
