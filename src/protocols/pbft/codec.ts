// PBFT messages to and from bytes (DESIGN §3): UTF-8 JSON of the message object. Decoding checks only
// the outer shape; a receiver checks the signatures and fields of every message (pbft.md §4 G1, G2).
import type { Codec } from '../../kernel/protocol-module.js';
import type { PbftMessage } from './types.js';

const utf8Out = new TextEncoder();
const utf8In = new TextDecoder('utf-8', { fatal: true });
const KINDS: ReadonlySet<string> = new Set(['pre-prepare', 'prepare', 'commit', 'checkpoint', 'fetch', 'committed', 'view-change', 'new-view']);

export const pbftCodec: Codec<PbftMessage> = Object.freeze({
  encode: (msg: PbftMessage): Uint8Array => utf8Out.encode(JSON.stringify(msg)),
  decode(bytes: Uint8Array): PbftMessage {
    const value: unknown = JSON.parse(utf8In.decode(bytes));
    const kind = (value as { kind?: unknown } | null)?.kind;
    if (typeof value !== 'object' || value === null || typeof kind !== 'string' || !KINDS.has(kind)) {
      throw new Error('not a PBFT message: its kind is missing or unknown');
    }
    return value as PbftMessage;
  },
});
