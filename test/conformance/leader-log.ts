// A second protocol, written outside src/ to show that a protocol plugs into the tool through its
// module alone: "leader-log". Each round's leader broadcasts one entry; a replica appends the entry of
// its current round's leader to its log, then enters the next round (or does so when its round timer
// fires). It tolerates no fault at all, which is what the generic oracles are for.
import type { Actor, ActorInput, ActorOutput } from '../../src/kernel/actor.js';
import { GENERIC_OBSERVATION_TYPES, type GenericObservation } from '../../src/kernel/observation.js';
import type { ProtocolModule, ReplicaContext } from '../../src/kernel/protocol-module.js';

export interface Entry { readonly kind: 'entry'; readonly round: number; readonly value: string }
type Out = ActorOutput<Entry, GenericObservation>;

class LeaderLogReplica implements Actor<Entry, GenericObservation> {
  private round = 0;
  private height = 0;
  private tip = 'genesis';
  constructor(private readonly ctx: ReplicaContext) {}

  step(input: ActorInput<Entry>): readonly Out[] {
    const out: Out[] = [];
    if (input.kind === 'start') this.enter(1, 'start', out);
    if (input.kind === 'timer' && input.round === this.round) this.enter(this.round + 1, 'timeout', out);
    if (input.kind === 'message' && input.msg.round === this.round && input.from === this.leader(this.round)) {
      const id = `${input.msg.round}:${input.msg.value}`;
      out.push({ kind: 'observe', obs: { type: 'commit', height: ++this.height, blockId: id, round: this.round,
        stateId: id, author: input.from, parentId: this.tip } });
      this.tip = id;
      this.enter(this.round + 1, 'entry', out);
    }
    return out;
  }

  private leader(round: number): number {
    return this.ctx.leaderOverride?.(round) ?? (round - 1) % this.ctx.n;
  }

  private enter(round: number, via: string, out: Out[]): void {
    this.round = round;
    out.push({ kind: 'observe', obs: { type: 'enter-round', round, via } },
      { kind: 'set-timer', round, delayTicks: this.ctx.roundTimeoutTicks });
    if (this.leader(round) !== this.ctx.id) return;
    const entry: Entry = { kind: 'entry', round, value: this.ctx.marker };
    out.push({ kind: 'observe', obs: { type: 'propose', round, blockId: `${round}:${entry.value}`, parentId: this.tip } },
      { kind: 'broadcast', msg: entry });
  }
}

export const leaderLog: ProtocolModule<Entry, GenericObservation> = {
  name: 'leader-log',
  kinds: ['entry'],
  partitionKinds: ['entry'],
  kindOf: () => 0,
  roundTag: (msg) => msg.round,
  thresholds: () => ({ f: 0, quorum: 1 }),
  options: { schema: { type: 'object', additionalProperties: false }, defaults: {} },
  bugs: [],
  oracles: [],
  observationTypes: GENERIC_OBSERVATION_TYPES,
  observationIndex: (type) => (GENERIC_OBSERVATION_TYPES as readonly string[]).indexOf(type),
  createReplica: (ctx) => new LeaderLogReplica(ctx),
  describe: (msg) => `entry r${msg.round} ${msg.value}`,
  traceView: (tick, obs, replica) => (obs.type === 'commit'
    ? { tick, type: 'commit', replica, round: obs.round, height: obs.height, blockId: obs.blockId } : null),
  codec: {
    encode: (msg) => new TextEncoder().encode(JSON.stringify(msg)),
    decode: (bytes) => JSON.parse(new TextDecoder().decode(bytes)) as Entry,
  },
};
