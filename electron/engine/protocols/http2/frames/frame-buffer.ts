/**
 * Accumulates bytes as they arrive from the transport and hands out whole frames: the receive side of a
 * connection and of the passive observer. Reads may split frames anywhere.
 */
import { NeedMore } from '../errors';
import { decodeFrame, type DecodeResult } from './codec';
import { FrameReader } from './wire';

/** A growable byte queue with a frame decoder on top. */
export class FrameBuffer {
  private buf = new Uint8Array(0);
  private start = 0;
  private end = 0;

  /** Bytes buffered and not yet consumed. */
  get buffered(): number {
    return this.end - this.start;
  }

  /** Appends received bytes (copied). */
  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.end + bytes.length > this.buf.length) {
      const live = this.end - this.start;
      const need = live + bytes.length;
      const next = need <= this.buf.length && this.start > 0 ? this.buf : new Uint8Array(Math.max(need, this.buf.length * 2, 4096));
      if (next === this.buf) this.buf.copyWithin(0, this.start, this.end);
      else next.set(this.buf.subarray(this.start, this.end));
      this.buf = next;
      this.start = 0;
      this.end = live;
    }
    this.buf.set(bytes, this.end);
    this.end += bytes.length;
  }

  /** The first `n` buffered bytes without consuming them (a view, valid until the next push). */
  peek(n: number): Uint8Array {
    return this.buf.subarray(this.start, Math.min(this.end, this.start + n));
  }

  /** Drops `n` buffered bytes (e.g. the connection preface). */
  consume(n: number): void {
    this.start = Math.min(this.end, this.start + n);
  }

  /** Decodes the next frame (see decodeFrame): a frame or a malformed one is consumed, NeedMore leaves all as is. */
  next(maxFrameSize: number): DecodeResult {
    if (this.end - this.start === 0) return new NeedMore(9);
    const reader = new FrameReader(this.buf, this.start, this.end);
    const result = decodeFrame(reader, maxFrameSize);
    this.start = reader.pos;
    if (this.start === this.end) this.start = this.end = 0;
    return result;
  }
}
