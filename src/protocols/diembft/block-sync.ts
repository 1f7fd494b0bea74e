// Messages waiting for sync (diembft-v4 §11): a message that references blocks this replica lacks
// waits here while a sync request to its sender is in flight. A response that holds every block a
// waiting message asked for releases it, to be handled with the response's blocks. The sender of a
// message is an identity, and both replicas of a twinned identity answer; a response that lacks some
// of the blocks releases nothing, so the other twin's answer can still do so. The list is bounded: the
// oldest message waits no longer once `MAX_WAITING` others wait behind it.
import type { NodeId } from './protocol.js';
import type { Block, ConsensusMessage, Digest, SyncResponseMsg } from './types.js';

/** A message waiting for the blocks `ids` from `from`. */
export interface Waiting {
  readonly from: NodeId;
  readonly msg: ConsensusMessage;
  readonly ids: readonly Digest[];
}

/** Messages that may wait at once; the oldest is given up beyond this. */
export const MAX_WAITING = 64;

export class SyncWaits {
  private waiting: Waiting[] = [];

  get size(): number {
    return this.waiting.length;
  }

  /**
   * Files `msg` until blocks `ids` arrive from `from`. Returns the message given up to make room (the
   * oldest), or null.
   */
  wait(from: NodeId, msg: ConsensusMessage, ids: readonly Digest[]): Waiting | null {
    this.waiting.push({ from, msg, ids });
    return this.waiting.length > MAX_WAITING ? this.waiting.shift()! : null;
  }

  /**
   * Takes out, in arrival order, the messages from the responder's identity whose blocks the response
   * holds; returns them with a lookup of the response's blocks by id.
   */
  release(from: NodeId, response: SyncResponseMsg): { readonly ready: Waiting[]; readonly fetch: (id: string) => Block | null } {
    const byId = new Map<Digest, Block>();
    for (const b of response.blocks) if (typeof b === 'object' && b !== null && typeof b.id === 'string') byId.set(b.id, b);
    const ready: Waiting[] = [];
    const rest: Waiting[] = [];
    for (const w of this.waiting) (w.from === from && w.ids.every((id) => byId.has(id)) ? ready : rest).push(w);
    this.waiting = rest;
    return { ready, fetch: (id) => byId.get(id) ?? null };
  }
}
