/**
 * The byte cursor QPACK's codecs read through, and the sink they write to.
 *
 * One reader type serves both kinds of input: on the encoder and decoder streams bytes arrive in pieces, so
 * running out means "need more" (QpackNeedMore); a field section arrives whole, so running out is malformed
 * (a QpackError). Malformed input is reported with the error code of the place it came from (RFC 9204 §6) and an
 * offset counted from the start of that stream or section.
 */
import { QpackError, QpackNeedMore, type QpackErrorCode } from './errors';

/** A read position over bytes that are either a whole field section or the buffered part of a stream. */
export class QpackReader {
  /** Offset of the next byte in `bytes`. */
  pos: number;

  /**
   * @param bytes the input  @param code the error code for malformed input here
   * @param complete true for a whole field section (running out is an error), false for stream bytes
   * @param baseOffset the offset of bytes[0] within its stream, for error offsets
   * @param start where to start reading
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly code: QpackErrorCode,
    readonly complete: boolean,
    readonly baseOffset = 0,
    start = 0,
  ) {
    this.pos = start;
  }

  /** Bytes left. */
  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** Offset of the next byte within the stream or section. */
  get offset(): number {
    return this.baseOffset + this.pos;
  }

  /** Throws a QpackError with this reader's code; `at` is an index into `bytes` (default: the position). */
  fail(reason: string, at = this.pos): never {
    throw new QpackError(this.code, reason, this.baseOffset + at);
  }

  /** Makes sure `n` more bytes are there: otherwise need more (stream) or malformed (field section). */
  need(n: number, what: string): void {
    if (n <= this.remaining) return;
    if (this.complete) this.fail(`field section ends inside ${what}`);
    throw new QpackNeedMore(what);
  }

  /** Reads one byte. */
  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  /** The next byte, not consumed (there must be one: check `remaining`). */
  peek(): number {
    return this.bytes[this.pos]!;
  }
}

/** An append-only byte sink. */
export class QpackWriter {
  private buf: Uint8Array;
  /** Bytes written so far. */
  length = 0;

  /** @param capacity initial capacity in bytes */
  constructor(capacity = 64) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }

  /** Appends one byte. */
  u8(b: number): void {
    if (this.length === this.buf.length) this.grow(1);
    this.buf[this.length++] = b & 0xff;
  }

  /** Appends bytes. */
  bytes(b: Uint8Array): void {
    if (this.length + b.length > this.buf.length) this.grow(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** A copy of the bytes written. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }

  private grow(n: number): void {
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
}
