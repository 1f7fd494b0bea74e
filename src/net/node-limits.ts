// What a node holds for others, bounded (docs/network.md "Hostile peers and clients"): client requests
// waiting to commit, frames queued for an unreachable peer, connections, and the time a connection
// may take to authenticate. Whatever arrives beyond a bound is refused or dropped and counted, so a
// flood costs the node at most the bound, and its counters show what it refused.

export interface NodeLimits {
  /** Client requests admitted and not yet committed or answered, over all clients. */
  readonly pendingRequests: number;
  /** The same, for one client name. */
  readonly pendingPerClient: number;
  /** The bytes of those requests' ops. */
  readonly pendingBytes: number;
  /** Frames queued for one unreachable peer; the oldest are dropped beyond it. */
  readonly queuedFrames: number;
  /** Bytes queued for one unreachable peer. */
  readonly queuedBytes: number;
  /** Bytes a connection may have waiting to be written before its reader counts as stalled. */
  readonly writeQueueBytes: number;
  /** Open connections accepted from others; more are closed at once. */
  readonly connections: number;
  /** Milliseconds a new connection has to complete the handshake. */
  readonly handshakeMs: number;
}

export const DEFAULT_NODE_LIMITS: NodeLimits = Object.freeze({
  pendingRequests: 4096, pendingPerClient: 512, pendingBytes: 16 * 1024 * 1024,
  queuedFrames: 4096, queuedBytes: 16 * 1024 * 1024, writeQueueBytes: 16 * 1024 * 1024,
  connections: 256, handshakeMs: 5000,
});

/** The node's counters of what it holds and what it refused (NodeHost.stats()). */
export interface NodeStats {
  pendingRequests: number;
  pendingBytes: number;
  /** The most requests and bytes ever pending at once. */
  peakPendingRequests: number;
  peakPendingBytes: number;
  /** Client requests refused because a bound was reached. */
  refusedRequests: number;
  /** Bytes queued for unreachable peers now, and the most ever queued for one peer. */
  queuedBytes: number;
  peakQueuedBytes: number;
  /** Frames dropped from a full queue for an unreachable peer. */
  droppedFrames: number;
  /** Connections closed for a bad frame, a failed or slow handshake, a stalled reader, or one too many. */
  rejectedConnections: number;
  openConnections: number;
}

export function emptyStats(): NodeStats {
  return { pendingRequests: 0, pendingBytes: 0, peakPendingRequests: 0, peakPendingBytes: 0, refusedRequests: 0,
    queuedBytes: 0, peakQueuedBytes: 0, droppedFrames: 0, rejectedConnections: 0, openConnections: 0 };
}

/** The client requests a node has admitted and not yet seen committed or answered. */
export class RequestAdmission {
  private readonly pending = new Map<string, number>();
  private readonly perClient = new Map<string, number>();

  constructor(private readonly limits: NodeLimits, private readonly stats: NodeStats) {}

  /** Admits the request (a resend of a pending one costs nothing); or says which bound it meets. */
  admit(client: string, seq: number, op: string): string | null {
    const key = `${client}\u0000${seq}`;
    if (this.pending.has(key)) return null;
    const mine = this.perClient.get(client) ?? 0;
    const s = this.stats;
    let refusal: string | null = null;
    if (mine >= this.limits.pendingPerClient) refusal = `client ${client} already has ${mine} requests pending`;
    else if (s.pendingRequests >= this.limits.pendingRequests) refusal = `the node has ${s.pendingRequests} requests pending`;
    else if (s.pendingBytes + op.length > this.limits.pendingBytes) refusal = `the node has ${s.pendingBytes} bytes of requests pending`;
    if (refusal !== null) {
      s.refusedRequests++;
      return `${refusal}; try again later`;
    }
    this.pending.set(key, op.length);
    this.perClient.set(client, mine + 1);
    s.pendingRequests++;
    s.pendingBytes += op.length;
    s.peakPendingRequests = Math.max(s.peakPendingRequests, s.pendingRequests);
    s.peakPendingBytes = Math.max(s.peakPendingBytes, s.pendingBytes);
    return null;
  }

  /** The request was committed or answered: it no longer counts. */
  done(client: string, seq: number): void {
    const key = `${client}\u0000${seq}`;
    const bytes = this.pending.get(key);
    if (bytes === undefined) return;
    this.pending.delete(key);
    const mine = this.perClient.get(client)! - 1;
    if (mine === 0) this.perClient.delete(client);
    else this.perClient.set(client, mine);
    this.stats.pendingRequests--;
    this.stats.pendingBytes -= bytes;
  }
}

/** Frames waiting for one unreachable peer: at most `queuedFrames` and `queuedBytes`, oldest dropped first. */
export class OutboundQueue {
  private frames: Uint8Array[] = [];
  private bytes = 0;

  constructor(private readonly limits: NodeLimits, private readonly stats: NodeStats) {}

  push(frame: Uint8Array): void {
    this.frames.push(frame);
    this.add(frame.length);
    while (this.frames.length > this.limits.queuedFrames || this.bytes > this.limits.queuedBytes) {
      this.add(-this.frames.shift()!.length);
      this.stats.droppedFrames++;
    }
  }

  /** Every queued frame, oldest first; the queue is left empty. */
  drain(): Uint8Array[] {
    const out = this.frames;
    this.frames = [];
    this.add(-this.bytes);
    return out;
  }

  get size(): number {
    return this.frames.length;
  }

  private add(n: number): void {
    this.bytes += n;
    this.stats.queuedBytes += n;
    this.stats.peakQueuedBytes = Math.max(this.stats.peakQueuedBytes, this.bytes);
  }
}
