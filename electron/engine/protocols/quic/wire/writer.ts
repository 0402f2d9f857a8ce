/** A growable byte buffer for QUIC encoders: big-endian integers, variable-length integers (RFC 9000 §16), bytes. */
import { UsageError } from './errors';
import { varintLength } from './varint';

/** Writes QUIC wire values; `finish()` returns a copy of what was written. */
export class Writer {
  private buf: Uint8Array;
  private len = 0;

  /** @param capacity initial size of the buffer; it grows as needed */
  constructor(capacity = 128) {
    this.buf = new Uint8Array(Math.max(8, capacity));
  }

  /** Bytes written so far. */
  get length(): number {
    return this.len;
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** uint8. */
  u8(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new UsageError(`uint8 ${v} out of range`);
    this.ensure(1);
    this.buf[this.len++] = v;
    return this;
  }

  /** uint16, big-endian. */
  u16(v: number): this {
    return this.uint(v, 2);
  }

  /** uint32, big-endian. */
  u32(v: number): this {
    return this.uint(v, 4);
  }

  /** An n-byte big-endian unsigned integer (n ≤ 6). */
  uint(v: number, n: number): this {
    if (!Number.isInteger(v) || v < 0 || v >= 2 ** (8 * n)) throw new UsageError(`uint${8 * n} ${v} out of range`);
    this.ensure(n);
    for (let i = n - 1; i >= 0; i--, v = Math.floor(v / 256)) this.buf[this.len + i] = v % 256;
    this.len += n;
    return this;
  }

  /**
   * A variable-length integer (RFC 9000 §16) in its minimal length, or in `length` bytes when given
   * (a longer encoding is legal except for frame types, §12.4). Throws UsageError when it does not fit.
   */
  varint(value: number | bigint, length?: 1 | 2 | 4 | 8): this {
    const min = varintLength(value);
    const len = length ?? min;
    if (len < min) throw new UsageError(`varint ${value} does not fit in ${len} bytes`);
    this.ensure(len);
    let v = BigInt(value);
    for (let i = len - 1; i >= 0; i--, v >>= 8n) this.buf[this.len + i] = Number(v & 0xffn);
    this.buf[this.len] = this.buf[this.len]! | ([1, 2, 4, 8].indexOf(len) << 6);
    this.len += len;
    return this;
  }

  /** Raw bytes. */
  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  /** Appends n zero bytes (PADDING). */
  zeros(n: number): this {
    this.ensure(n);
    this.buf.fill(0, this.len, this.len + n);
    this.len += n;
    return this;
  }

  /** Overwrites already-written bytes at `position` (e.g. a length placeholder). */
  patch(position: number, b: Uint8Array): this {
    if (position < 0 || position + b.length > this.len) throw new UsageError('patch outside the written bytes');
    this.buf.set(b, position);
    return this;
  }

  /** A copy of the bytes written. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Encodes with a fresh Writer and returns the bytes. */
export function encodeToBytes(encode: (w: Writer) => void, capacity?: number): Uint8Array {
  const w = new Writer(capacity);
  encode(w);
  return w.finish();
}
