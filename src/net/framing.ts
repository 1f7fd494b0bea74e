// Length-prefixed frames on a byte stream (docs/network.md): each frame is a 4-byte big-endian
// length followed by that many payload bytes. A frame longer than the receiver's maximum, or a zero
// length, is a protocol violation: the decoder throws and the connection is closed.

/** The default largest payload a node accepts: 4 MiB. */
export const DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;

export class FrameError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'FrameError';
  }
}

/** One frame: the 4-byte length and the payload. */
export function encodeFrame(payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(4 + payload.length);
  out.writeUInt32BE(payload.length, 0);
  out.set(payload, 4);
  return out;
}

/**
 * Collects stream chunks and hands out whole frames. It never holds more than one frame's header
 * and at most `maxFrameBytes` of payload, so a peer cannot make it buffer without bound.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxFrameBytes: number = DEFAULT_MAX_FRAME_BYTES) {}

  /** Bytes held between pushes: always less than a header and the largest payload. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Adds `chunk` and returns every frame now complete; throws FrameError on a bad length. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.buffered < 4) return frames;
      const head = this.take(4, false);
      const length = head.readUInt32BE(0);
      if (length === 0) throw new FrameError('a frame of length 0');
      if (length > this.maxFrameBytes) {
        throw new FrameError(`a frame of ${length} bytes; the largest accepted is ${this.maxFrameBytes}`);
      }
      if (this.buffered < 4 + length) return frames;
      this.take(4, true);
      frames.push(this.take(length, true));
    }
  }

  /** The first `n` buffered bytes, removed from the buffer when `consume`. */
  private take(n: number, consume: boolean): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.chunks = [all];
    const out = all.subarray(0, n);
    if (consume) {
      this.chunks = all.length > n ? [all.subarray(n)] : [];
      this.buffered -= n;
    }
    return out;
  }
}
