/**
 * A byte cursor for QUIC codecs (RFC 9000 §1.3 notation): big-endian integers, variable-length integers
 * (§16) and byte strings. Reads never go past the end: a method that lacks bytes throws the typed
 * `NeedMore` and leaves the position where it was.
 */
import { NeedMore, QuicError, TransportErrorCode } from './errors';
import { MAX_SAFE_VARINT, varintLengthFromFirstByte } from './varint';

/** Reads QUIC wire values from `bytes[start, end)`. */
export class Reader {
  private pos: number;

  /** @param bytes the buffer  @param start first byte  @param end one past the last byte */
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  /** Current position within `bytes`. */
  get offset(): number {
    return this.pos;
  }

  /** Bytes left. */
  get remaining(): number {
    return this.end - this.pos;
  }

  /** True when nothing is left. */
  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  private need(n: number, what: string): void {
    if (this.end - this.pos < n) throw new NeedMore(n - (this.end - this.pos), what);
  }

  /** The next byte without consuming it. */
  peekU8(what = 'uint8'): number {
    this.need(1, what);
    return this.bytes[this.pos]!;
  }

  /** uint8. */
  u8(what = 'uint8'): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  /** uint16, big-endian. */
  u16(what = 'uint16'): number {
    this.need(2, what);
    const v = (this.bytes[this.pos]! << 8) | this.bytes[this.pos + 1]!;
    this.pos += 2;
    return v;
  }

  /** uint32, big-endian. */
  u32(what = 'uint32'): number {
    this.need(4, what);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return b[p]! * 0x1000000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!);
  }

  /** An n-byte big-endian unsigned integer (n ≤ 6), e.g. a truncated packet number. */
  uint(n: number, what = 'uint'): number {
    this.need(n, what);
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + this.bytes[this.pos + i]!;
    this.pos += n;
    return v;
  }

  /** A variable-length integer as bigint (any value up to 2^62-1). */
  varintBig(what = 'varint'): bigint {
    this.need(1, what);
    const len = varintLengthFromFirstByte(this.bytes[this.pos]!);
    this.need(len, what);
    let v = BigInt(this.bytes[this.pos]! & 0x3f);
    for (let i = 1; i < len; i++) v = (v << 8n) | BigInt(this.bytes[this.pos + i]!);
    this.pos += len;
    return v;
  }

  /**
   * A variable-length integer as number. Values above 2^53-1 cannot be represented exactly and are
   * reported as FRAME_ENCODING_ERROR (after consuming them); use varintBig where the full range is legitimate.
   */
  varint(what = 'varint'): number {
    this.need(1, what);
    const first = this.bytes[this.pos]!;
    const len = varintLengthFromFirstByte(first);
    this.need(len, what);
    let v = first & 0x3f;
    for (let i = 1; i < len; i++) v = v * 256 + this.bytes[this.pos + i]!;
    this.pos += len;
    if (v > MAX_SAFE_VARINT) throw new QuicError(TransportErrorCode.FRAME_ENCODING_ERROR, `${what} ${v} exceeds 2^53-1, unsupported here`);
    return v;
  }

  /** The encoded length of the varint at the cursor, without consuming it. */
  peekVarintLength(what = 'varint'): 1 | 2 | 4 | 8 {
    return varintLengthFromFirstByte(this.peekU8(what));
  }

  /** n bytes, copied. */
  bytesCopy(n: number, what = 'bytes'): Uint8Array {
    this.need(n, what);
    const out = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** n bytes as a view into the buffer (no copy): valid while the buffer is. */
  bytesView(n: number, what = 'bytes'): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Skips n bytes. */
  skip(n: number, what = 'bytes'): void {
    this.need(n, what);
    this.pos += n;
  }

  /** Moves the cursor to an absolute position within [start, end]. */
  seek(position: number): void {
    this.pos = Math.max(0, Math.min(position, this.end));
  }
}
