/**
 * The byte cursor of the TLS presentation language (RFC 8446 §3): big-endian uint8/16/24/32 and
 * length-prefixed vectors. A TLS message body is read only once it is complete (see
 * messages/handshake.ts), so running out of bytes inside a body is malformed: TlsError(decode_error).
 */
import { TlsAlert, TlsError, UsageError } from './errors';

/** Reads TLS structures from a complete byte range; every method throws TlsError(decode_error) rather than read past the end. */
export class TlsReader {
  private pos: number;

  /** @param bytes the buffer  @param start first byte to read  @param end one past the last byte */
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  /** Current read position within `bytes`. */
  get offset(): number {
    return this.pos;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.end - this.pos;
  }

  private need(n: number, what: string): void {
    if (this.end - this.pos < n) throw new TlsError(TlsAlert.decode_error, `truncated ${what}`);
  }

  /** uint8. */
  u8(what = 'uint8'): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  /** uint16. */
  u16(what = 'uint16'): number {
    this.need(2, what);
    const v = (this.bytes[this.pos]! << 8) | this.bytes[this.pos + 1]!;
    this.pos += 2;
    return v;
  }

  /** uint24. */
  u24(what = 'uint24'): number {
    this.need(3, what);
    const v = (this.bytes[this.pos]! << 16) | (this.bytes[this.pos + 1]! << 8) | this.bytes[this.pos + 2]!;
    this.pos += 3;
    return v;
  }

  /** Exactly n bytes (a copy). */
  fixed(n: number, what = 'bytes'): Uint8Array {
    this.need(n, what);
    const out = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** opaque x<floor..2^(8*prefixBytes)-1>: a vector with a 1-, 2- or 3-byte length prefix (a copy). */
  vector(prefixBytes: 1 | 2 | 3, what = 'vector', min = 0): Uint8Array {
    const len = prefixBytes === 1 ? this.u8(what) : prefixBytes === 2 ? this.u16(what) : this.u24(what);
    if (len < min) throw new TlsError(TlsAlert.decode_error, `${what} shorter than ${min} bytes`);
    return this.fixed(len, what);
  }

  /** A reader over the contents of a length-prefixed vector; this reader moves past it. */
  subVector(prefixBytes: 1 | 2 | 3, what = 'vector'): TlsReader {
    const len = prefixBytes === 1 ? this.u8(what) : prefixBytes === 2 ? this.u16(what) : this.u24(what);
    this.need(len, what);
    const sub = new TlsReader(this.bytes, this.pos, this.pos + len);
    this.pos += len;
    return sub;
  }

  /** Throws decode_error unless everything was read. */
  expectEnd(what: string): void {
    if (this.pos !== this.end) throw new TlsError(TlsAlert.decode_error, `${this.end - this.pos} trailing byte(s) in ${what}`);
  }
}

/** Writes TLS structures into a growable buffer; length prefixes are written with `vector(prefix, body)`. */
export class TlsWriter {
  private buf: Uint8Array;
  private len = 0;

  /** @param capacity initial buffer size */
  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
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

  private checkRange(v: number, bits: number): void {
    if (!Number.isInteger(v) || v < 0 || v >= 2 ** bits) throw new UsageError(`value ${v} does not fit uint${bits}`);
  }

  /** uint8. */
  u8(v: number): this {
    this.checkRange(v, 8);
    this.ensure(1);
    this.buf[this.len++] = v;
    return this;
  }

  /** uint16. */
  u16(v: number): this {
    this.checkRange(v, 16);
    this.ensure(2);
    this.buf[this.len++] = v >> 8;
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  /** uint24. */
  u24(v: number): this {
    this.checkRange(v, 24);
    this.ensure(3);
    this.buf[this.len++] = v >> 16;
    this.buf[this.len++] = (v >> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  /** Raw bytes. */
  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  /** A vector with a 1-, 2- or 3-byte length prefix whose body is written by `body` (or is the given bytes). */
  vector(prefixBytes: 1 | 2 | 3, body: Uint8Array | ((w: TlsWriter) => void)): this {
    const at = this.len;
    this.ensure(prefixBytes);
    this.len += prefixBytes;
    if (body instanceof Uint8Array) this.bytes(body);
    else body(this);
    const n = this.len - at - prefixBytes;
    if (n >= 2 ** (8 * prefixBytes)) throw new UsageError(`vector of ${n} bytes does not fit a ${prefixBytes}-byte length`);
    for (let i = prefixBytes - 1, v = n; i >= 0; i--, v = Math.floor(v / 256)) this.buf[at + i] = v & 0xff;
    return this;
  }

  /** A copy of the bytes written. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
