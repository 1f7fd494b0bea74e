// DiemBFT messages to and from bytes (DESIGN §3), for a host that sends them between processes: UTF-8
// JSON of the message object. Decoding checks only the outer shape; a receiver validates every field
// of a message it did not make (diembft-v4 §13), so malformed content is rejected there.
import type { Codec } from '../../kernel/protocol-module.js';
import type { DiemMessage } from './types.js';

const utf8Out = new TextEncoder();
const utf8In = new TextDecoder('utf-8', { fatal: true });
const KINDS: ReadonlySet<string> = new Set(['proposal', 'vote', 'timeout', 'sync-request', 'sync-response']);

export const diemCodec: Codec<DiemMessage> = Object.freeze({
  encode: (msg: DiemMessage): Uint8Array => utf8Out.encode(JSON.stringify(msg)),
  decode(bytes: Uint8Array): DiemMessage {
    const value: unknown = JSON.parse(utf8In.decode(bytes));
    const kind = (value as { kind?: unknown } | null)?.kind;
    if (typeof value !== 'object' || value === null || typeof kind !== 'string' || !KINDS.has(kind)) {
      throw new Error('not a DiemBFT message: its kind is missing or unknown');
    }
    return deepFreeze(value) as DiemMessage;
  },
});

/** Messages are immutable once built (./types.ts); a decoded one is made so too. */
function deepFreeze(x: unknown): unknown {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}
