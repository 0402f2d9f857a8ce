/**
 * Byte helpers for HTTP/2 framing: a read cursor over received bytes, big-endian integers, and the context a
 * payload decoder gets (the whole frame, complete, plus the span list it fills in).
 */
import type { FieldSpan } from '../../../../../shared/events';
import { ByteWriter } from '../hpack/cursor';
import { H2UsageError } from '../errors';
import { FRAME_HEADER_LENGTH, type FrameHeader } from './types';

export { ByteWriter };

/** A read position over bytes[pos, end). decodeFrame advances `pos` past each frame it consumes. */
export class FrameReader {
  /** @param bytes the buffer  @param pos first unread byte  @param end one past the last byte */
  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
    readonly end = bytes.length,
  ) {}

  /** Bytes left to read. */
  get remaining(): number {
    return this.end - this.pos;
  }
}

/** Big-endian uint16 at `off`. */
export function readU16(b: Uint8Array, off: number): number {
  return (b[off]! << 8) | b[off + 1]!;
}

/** Big-endian uint24 at `off`. */
export function readU24(b: Uint8Array, off: number): number {
  return (b[off]! << 16) | (b[off + 1]! << 8) | b[off + 2]!;
}

/** Big-endian uint32 at `off` (unsigned). */
export function readU32(b: Uint8Array, off: number): number {
  return b[off]! * 0x1000000 + ((b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!);
}

/** Appends a big-endian uint16. */
export function writeU16(w: ByteWriter, v: number): void {
  w.u8(v >>> 8);
  w.u8(v);
}

/** Appends a big-endian uint32; `v` must be an integer in 0..2^32-1. */
export function writeU32(w: ByteWriter, v: number): void {
  w.u8(Math.floor(v / 0x1000000));
  w.u8(v >>> 16);
  w.u8(v >>> 8);
  w.u8(v);
}

/** Throws H2UsageError unless `v` is an integer in [min, max]. */
export function checkRange(v: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(v) || v < min || v > max) throw new H2UsageError(`${what} must be an integer in ${min}..${max}, got ${v}`);
}

/** Largest 31-bit value: stream ids, window sizes and increments (§4.1, §6.9). */
export const MAX_31 = 0x7fffffff;

/** What a payload decoder works on: one complete frame. */
export interface PayloadContext {
  readonly header: FrameHeader;
  /** The whole frame, header included; the payload is raw[9, 9 + header.length). */
  readonly raw: Uint8Array;
  /** Spans found so far; the decoder pushes the spans of its fields. */
  readonly spans: FieldSpan[];
}

/** Offset of the payload within a frame's raw bytes. */
export const PAYLOAD = FRAME_HEADER_LENGTH;

/** Pushes a span [start, end) named `path`. */
export function span(ctx: PayloadContext, path: string, start: number, end: number): void {
  ctx.spans.push({ path, start, end });
}
