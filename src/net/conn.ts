// One TCP connection carrying frames (./framing.ts). Frames are handed to `onFrame` in order; a bad
// frame, a socket error or a reader that does not keep up (more than `maxWriteQueueBytes` waiting to
// be written to it; by default four maximum frames) closes the connection with a reason, never
// throwing into the node.
import type { Socket } from 'node:net';
import { encodeFrame, FrameDecoder, FrameError } from './framing.js';

const utf8 = new TextEncoder();

export class Conn {
  private readonly decoder: FrameDecoder;
  private closed = false;

  constructor(
    readonly socket: Socket,
    private readonly maxFrameBytes: number,
    private readonly onFrame: (frame: Buffer) => void,
    private readonly onClose: (reason: string) => void,
    private readonly maxWriteQueueBytes: number = 4 * maxFrameBytes,
  ) {
    this.decoder = new FrameDecoder(maxFrameBytes);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (err) => this.close(`socket error: ${err.message}`));
    socket.on('close', () => this.close('closed by the other end'));
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  sendJson(value: unknown): void {
    this.sendBytes(utf8.encode(JSON.stringify(value)));
  }

  sendBytes(payload: Uint8Array): void {
    if (this.closed) return;
    if (payload.length > this.maxFrameBytes) {
      this.close(`an outgoing frame of ${payload.length} bytes exceeds the maximum`);
      return;
    }
    if (this.socket.writableLength > this.maxWriteQueueBytes) {
      this.close(`the other end does not read: more than ${this.maxWriteQueueBytes} bytes wait to be written`);
      return;
    }
    this.socket.write(encodeFrame(payload));
  }

  close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.onClose(reason);
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Buffer[];
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      if (!(err instanceof FrameError)) throw err;
      this.close(`malformed frame: ${err.message}`);
      return;
    }
    for (const f of frames) {
      if (this.closed) return;
      this.onFrame(f);
    }
  }
}

/** The JSON object a frame holds, or null when it is not one. */
export function jsonFrame(frame: Buffer): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(frame));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : null;
  } catch {
    return null;
  }
}
