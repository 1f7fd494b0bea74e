// Byzantine node modes (docs/network.md): a node that misbehaves on purpose, so clusters and clients
// can be tested against it. The replica inside stays the honest protocol module; the host changes
// what leaves the node.
//
// - `wrong-replies`: the node runs the protocol honestly but, for each reply to a client, draws
//   whether to lie (probability WRONG_REPLY_RATE); a lie replaces the result with a plausible wrong
//   one (another balance, `ok` for a refusal and a refusal for `ok`) and is vouched for with the
//   node's key like any reply, so only the f+1 rule protects the client.
// - `silent`: the node completes handshakes and runs its replica on everything it receives, but
//   sends nothing else: no protocol message to a peer, no reply or error to a client. Peers and
//   clients see it connected, and it never helps them.
//
// The draws come from seedrandom seeded by `byzantineSeed` (default: the node's public key), so a
// node's sequence of lies is reproducible.
import seedrandom from 'seedrandom';
import type { SignedReply } from '../kernel/reply.js';
import { unreachable } from '../kernel/unreachable.js';

export const BYZANTINE_MODES = ['none', 'wrong-replies', 'silent'] as const;
export type ByzantineMode = typeof BYZANTINE_MODES[number];

export function isByzantineMode(s: string): s is ByzantineMode {
  return (BYZANTINE_MODES as readonly string[]).includes(s);
}

/** The chance that a `wrong-replies` node lies in any one reply. */
export const WRONG_REPLY_RATE = 0.5;

/** A result that differs from `result`, drawn with `draw` (a number in [0, 1)). */
export function wrongResult(result: string, draw: number): string {
  if (/^\d+$/.test(result)) return String(Number(result) + 1 + Math.floor(draw * 1000));
  if (result === 'ok') return 'refused: insufficient funds';
  return 'ok';
}

export class ByzantineBehaviour {
  private readonly rng: () => number;

  constructor(readonly mode: ByzantineMode, seed: string) {
    this.rng = seedrandom(`twins-net/byzantine/${seed}`);
  }

  /** True when the node sends nothing but handshakes. */
  get silent(): boolean {
    return this.mode === 'silent';
  }

  /**
   * The reply this node sends in place of `reply`: null for none, `reply` itself when it tells the
   * truth, or a copy with a wrong result.
   */
  replyFor(reply: SignedReply): SignedReply | null {
    switch (this.mode) {
      case 'none': return reply;
      case 'silent': return null;
      case 'wrong-replies': {
        if (this.rng() >= WRONG_REPLY_RATE) return reply;
        return Object.freeze({ ...reply, result: wrongResult(reply.result, this.rng()) });
      }
      default: return unreachable(this.mode);
    }
  }
}
