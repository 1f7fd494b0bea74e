// The handshake on every connection (docs/network.md). Both ends send `hello` with a fresh nonce;
// each then answers the other's nonce with `auth`: a node signs ["twins-net/peer", nonce, id] with
// its node key, a client names itself. A node accepts a peer only with a valid signature by the key
// the cluster lists for that id; a client accepts a node only by that node's listed key.
import { canonicalJson } from '../kernel/hash.js';
import { nonce, sign, verify, type NodeKey } from './keys.js';
import type { Conn } from './conn.js';

export type Party =
  | { readonly role: 'peer'; readonly id: number }
  | { readonly role: 'client'; readonly name: string };

/** Longest client name accepted. */
const MAX_CLIENT_NAME = 128;

function peerText(theirNonce: string, id: number): string {
  return canonicalJson(['twins-net/peer', theirNonce, id]);
}

export interface HandshakeSide {
  /** This end: a node (with its key) or a client. */
  readonly me: { readonly role: 'peer'; readonly id: number; readonly key: NodeKey }
    | { readonly role: 'client'; readonly name: string };
  /** The cluster's node public keys, by id. */
  readonly publicKeys: readonly string[];
  /** Whom an outgoing connection must reach; null on a node's listening side. */
  readonly expect: number | null;
  /** Whether clients may connect (a node's listening side). */
  readonly acceptClients: boolean;
}

/**
 * Runs the handshake on `conn`. Returns a frame handler for the handshake frames; it calls `done`
 * with the authenticated other end, or closes the connection with the reason.
 */
export function handshake(conn: Conn, side: HandshakeSide, done: (other: Party) => void):
  (msg: Record<string, unknown>) => void {
  const me = side.me;
  return nonceHandshake(conn, (theirs) => (me.role === 'peer'
    ? { t: 'auth', role: 'peer', id: me.id, sig: sign(me.key, peerText(theirs, me.id)) }
    : { t: 'auth', role: 'client', name: me.name }), (msg, mine) => check(msg, mine, side), done);
}

/**
 * The exchange both handshakes share: send `hello` with a fresh nonce, answer the other end's `hello`
 * with `answer(its nonce)`, and judge its `auth` by `check` (given this end's nonce), which returns the
 * other end or the reason to close the connection.
 */
export function nonceHandshake<T>(conn: Conn, answer: (theirNonce: string) => Record<string, unknown>,
  check: (auth: Record<string, unknown>, mine: string) => T | string, done: (other: T) => void): (msg: Record<string, unknown>) => void {
  const mine = nonce();
  conn.sendJson({ t: 'hello', nonce: mine });
  return (msg) => {
    if (msg['t'] === 'hello' && typeof msg['nonce'] === 'string' && msg['nonce'].length <= 128) {
      conn.sendJson(answer(msg['nonce']));
      return;
    }
    if (msg['t'] !== 'auth') return conn.close('handshake: expected hello or auth');
    const other = check(msg, mine);
    if (typeof other === 'string') return conn.close(`handshake: ${other}`);
    done(other);
  };
}

function check(msg: Record<string, unknown>, mine: string, side: HandshakeSide): Party | string {
  if (msg['role'] === 'client') {
    const name = msg['name'];
    if (!side.acceptClients) return 'a client where a node was expected';
    if (typeof name !== 'string' || name === '' || name.length > MAX_CLIENT_NAME) return 'bad client name';
    return { role: 'client', name };
  }
  const id = msg['id'];
  if (msg['role'] !== 'peer' || typeof id !== 'number' || !Number.isInteger(id)) return 'unknown role';
  const key = side.publicKeys[id];
  if (key === undefined) return `unknown node id ${id}`;
  if (side.expect !== null && id !== side.expect) return `reached node ${id}, expected ${side.expect}`;
  if (side.me.role === 'peer' && id === side.me.id) return 'a node cannot connect to itself';
  if (!verify(key, peerText(mine, id), msg['sig'])) return `node ${id} failed to prove its key`;
  return { role: 'peer', id };
}
