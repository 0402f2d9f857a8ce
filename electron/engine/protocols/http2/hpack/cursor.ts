/**
 * Byte cursor and growable writer for HPACK codecs (pure, Uint8Array only).
 */
import { HpackError } from './errors';

/** A read position over one complete header block; running past the end is an HpackError. */
export class ByteReader {
  /** Offset of the next byte to read. */
  pos = 0;

  /** @param bytes the whole header block */
  constructor(readonly bytes: Uint8Array) {}

  /** Bytes left to read. */
  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** Reads one byte; `what` names the thing being read for the error message. */
  u8(what: string): number {
    if (this.pos >= this.bytes.length) throw new HpackError(`block ends inside ${what}`, this.pos);
    return this.bytes[this.pos++]!;
  }

  /** The next byte without consuming it (the caller checks `remaining` first). */
  peek(): number {
    return this.bytes[this.pos]!;
  }

  /** Consumes `n` bytes and returns their start offset. */
  skip(n: number, what: string): number {
    if (n > this.remaining) throw new HpackError(`${what} of ${n} octets runs past the end of the block`, this.pos);
    const start = this.pos;
    this.pos += n;
    return start;
  }
}

/** An append-only byte buffer that grows as needed. */
export class ByteWriter {
  private buf: Uint8Array;
  /** Bytes written so far. */
  length = 0;

  /** @param capacity initial capacity in bytes */
  constructor(capacity = 256) {
    this.buf = new Uint8Array(Math.max(16, capacity));
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** Appends one byte. */
  u8(b: number): void {
    this.reserve(1);
    this.buf[this.length++] = b & 0xff;
  }

  /** Appends bytes. */
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** The underlying buffer (valid up to `length`), for codecs that write in place after `reserve`. */
  get raw(): Uint8Array {
    return this.buf;
  }

  /** A copy of what was written. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
