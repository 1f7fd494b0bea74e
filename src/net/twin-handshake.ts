// The handshake between the replicas of a network Twins run (docs/network.md, "Network Twins"). As
// in a cluster, both ends send `hello` with a fresh nonce and answer the other's nonce with `auth`,
// signed by the node key. Twins hold the same key, so the key proves an identity, not a replica:
// the signed text also names the replica, and a peer is accepted only when the run gives that
// replica the identity whose key signed.
import { canonicalJson } from '../kernel/hash.js';
import type { KeyObject } from 'node:crypto';
import { nonce } from './keys.js';
import { signText, verifyText } from './native-ed25519.js';
import type { Conn } from './conn.js';

export interface TwinSide {
  /** This end's replica index. */
  readonly replica: number;
  /** The private key of this replica's identity (shared by its twins). */
  readonly key: KeyObject;
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
  const mine = nonce();
  conn.sendJson({ t: 'hello', nonce: mine });
  return (msg) => {
    if (msg['t'] === 'hello' && typeof msg['nonce'] === 'string' && msg['nonce'].length <= 128) {
      const id = side.identityOf[side.replica]!;
      conn.sendJson({ t: 'auth', replica: side.replica, id, sig: signText(side.key, twinText(msg['nonce'], id, side.replica)) });
      return;
    }
    if (msg['t'] !== 'auth') return conn.close('handshake: expected hello or auth');
    const other = check(msg, mine, side);
    if (typeof other === 'string') return conn.close(`handshake: ${other}`);
    done(other);
  };
}

function check(msg: Record<string, unknown>, mine: string, side: TwinSide): number | string {
  const { replica, id } = msg;
  if (typeof replica !== 'number' || !Number.isInteger(replica) || side.identityOf[replica] === undefined) {
    return `unknown replica ${String(replica)}`;
  }
  if (id !== side.identityOf[replica]) return `replica ${replica} claims identity ${String(id)}`;
  if (side.expect !== null && replica !== side.expect) return `reached replica ${replica}, expected ${side.expect}`;
  if (replica === side.replica) return 'a replica cannot connect to itself';
  if (!verifyText(side.publicKeys[id]!, twinText(mine, id, replica), msg['sig'])) {
    return `replica ${replica} failed to prove identity ${id}'s key`;
  }
  return replica;
}
