// The network Twins handshake (docs/network.md, "Network Twins"): twins hold one identity's key and
// are told apart only by the replica index they sign; a peer is accepted only when the run gives its
// replica the identity whose key signed.
import { expect } from 'chai';
import { createConnection, createServer } from 'node:net';
import nacl from 'tweetnacl';
import { Conn, jsonFrame } from '../../src/net/conn.js';
import { hex, type NodeKey } from '../../src/net/keys.js';
import { twinHandshake } from '../../src/net/twin-handshake.js';

function nodeKey(): NodeKey {
  const k = nacl.sign.keyPair();
  return { publicKey: hex(k.publicKey), secretKey: k.secretKey };
}

/** Identities 0 and 1; replicas 0 (identity 0), 1 and 2 (twins of identity 1). */
const keys = [nodeKey(), nodeKey()];
const identityOf = [0, 1, 1];
const publicKeys = keys.map((k) => k.publicKey);

interface Outcome { readonly accepted: number | null; readonly closed: string | null }

/**
 * Replica `listener` accepts a connection from a dialler that says it is replica `claim` and signs with
 * `signWith`'s key; returns what the listener decided.
 */
async function meet(listener: number, claim: number, signWith: number): Promise<Outcome> {
  let result: (o: Outcome) => void = () => undefined;
  const done = new Promise<Outcome>((r) => { result = r; });
  const server = createServer((socket) => {
    let onHs: ((m: Record<string, unknown>) => void) | null = null;
    const conn = new Conn(socket, 1 << 20, (f) => onHs!(jsonFrame(f)!), (reason) => result({ accepted: null, closed: reason }));
    onHs = twinHandshake(conn, { replica: listener, key: keys[identityOf[listener]!]!, identityOf, publicKeys,
      expect: null }, (r) => result({ accepted: r, closed: null }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const socket = createConnection({ host: '127.0.0.1', port: (server.address() as { port: number }).port });
  let onHs: ((m: Record<string, unknown>) => void) | null = null;
  const dialler = new Conn(socket, 1 << 20, (f) => onHs?.(jsonFrame(f)!), () => undefined);
  onHs = twinHandshake(dialler, { replica: claim, key: keys[signWith]!, identityOf, publicKeys, expect: listener },
    () => undefined);
  const outcome = await done;
  dialler.close('test over');
  await new Promise<void>((r) => server.close(() => r()));
  return outcome;
}

describe('net: the network Twins handshake', function () {
  this.timeout(20_000);

  it('accepts each twin by its replica index, both proving the one key of their identity', async () => {
    expect(await meet(0, 1, 1)).to.deep.equal({ accepted: 1, closed: null });
    expect(await meet(0, 2, 1)).to.deep.equal({ accepted: 2, closed: null });
    expect(await meet(1, 2, 1)).to.deep.equal({ accepted: 2, closed: null });
  });

  it('refuses a replica that signs with another identity\'s key, an unknown replica, and itself', async () => {
    expect((await meet(1, 0, 1)).closed).to.equal('handshake: replica 0 failed to prove identity 0\'s key');
    expect((await meet(0, 7, 0)).closed).to.equal('handshake: unknown replica 7');
    expect((await meet(1, 1, 1)).closed).to.equal('handshake: a replica cannot connect to itself');
  });
});
