// Retransmission in the normal case (pbft.md C6): messages lost before GST are not sent again by
// anyone else, so on its RetransmitTimer the primary re-sends the pre-prepares of the sequence
// numbers it has not executed, and every replica its own PREPAREs and COMMITs of them. A backup that
// receives a pre-prepare it already holds re-sends its own votes for that slot (./replica.ts), so the
// primary's retransmission is enough to finish a slot. View changes and checkpoints re-send their
// own messages (./view-changes.ts, ./checkpoints.ts).
import type { NodeId } from '../../kernel/actor.js';
import type { PbftMessage, PrePrepare, Vote } from './types.js';

/** What the retransmission needs of a replica. */
export interface Resender {
  readonly id: NodeId;
  readonly state: { readonly view: number };
  primary(v: number): NodeId;
  emit(o: { kind: 'broadcast'; msg: PbftMessage }): void;
}

/** Re-sends the primary's pre-prepares, or a backup's own votes, of the open slots of the view. */
export function resendSlots(r: Resender, open: readonly { pp: PrePrepare; mine: readonly Vote[] }[]): void {
  const primary = r.primary(r.state.view) === r.id;
  for (const s of open) {
    if (primary) r.emit({ kind: 'broadcast', msg: s.pp });
    for (const x of s.mine) r.emit({ kind: 'broadcast', msg: x });
  }
}
