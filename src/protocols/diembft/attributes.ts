// DiemBFT's process-fault attributes (src/kernel/mutation.ts `AttributeSpec`): what a scenario's
// `setAttrs` may set on a Byzantine replica at a trigger round. `current-round` is the pacemaker's
// round; `highest-vote-round` and `highest-qc-round` are the Safety counters (diembft-v4 §7), set to
// the value given (not raised to it) and persisted.
import type { AttributeSpec } from '../../kernel/mutation.js';

export const DIEM_ATTRIBUTES = ['current-round', 'highest-vote-round', 'highest-qc-round'] as const;
export type DiemAttribute = (typeof DIEM_ATTRIBUTES)[number];

interface HasAttributes {
  setAttribute(name: DiemAttribute, value: number): void;
}

export const diemAttributes: AttributeSpec<unknown> = Object.freeze({
  names: DIEM_ATTRIBUTES,
  set(replica: unknown, name: string, value: number): void {
    if (!(DIEM_ATTRIBUTES as readonly string[]).includes(name)) throw new Error(`unknown DiemBFT attribute '${name}'`);
    (replica as HasAttributes).setAttribute(name as DiemAttribute, value);
  },
});
