// PBFT's process-fault attributes (src/kernel/mutation.ts `AttributeSpec`): what a scenario's
// `setAttrs` may set on a Byzantine replica at a trigger round. `view` is the replica's current view
// (its round tag is the view plus one); `low-watermark` is h, the last stable checkpoint, which moves
// the window (h, h+L] of sequence numbers it accepts; `next-seq` is the sequence number the replica
// assigns next when it is the primary. Each is set to the value given in the replica's durable state,
// so it survives a restart.
import type { AttributeSpec } from '../../kernel/mutation.js';
import type { Durable } from './execution.js';

export const PBFT_ATTRIBUTES = ['view', 'low-watermark', 'next-seq'] as const;
export type PbftAttribute = (typeof PBFT_ATTRIBUTES)[number];

/** What the attributes need of a replica: its durable state (PbftReplica's `state`). */
interface HasState {
  readonly state: Durable;
}

function setOn(st: Durable, name: PbftAttribute, value: number): void {
  switch (name) {
    case 'view': st.view = value; break;
    case 'low-watermark': st.h = value; break;
    case 'next-seq': st.nextSeq = value; break;
  }
}

export const pbftAttributes: AttributeSpec<unknown> = Object.freeze({
  names: PBFT_ATTRIBUTES,
  set(replica: unknown, name: string, value: number): void {
    if (!(PBFT_ATTRIBUTES as readonly string[]).includes(name)) throw new Error(`unknown PBFT attribute '${name}'`);
    setOn((replica as HasState).state, name as PbftAttribute, value);
  },
});
