/**
 * Reads instructions off a QPACK encoder or decoder stream (RFC 9204 §4.2), which arrives in pieces: bytes are
 * appended, whole instructions come out with their offsets in the stream, and a cut instruction waits for more
 * ("need more" is not an error: every split of the stream gives the same instructions).
 */
import { QpackReader } from './cursor';
import { QpackNeedMore, type QpackErrorCode } from './errors';

/** An instruction and its [start, end) offsets in the stream. */
export interface StreamItem<T> {
  readonly value: T;
  readonly start: number;
  readonly end: number;
}

/** One direction of an instruction stream. */
export class InstructionStream<T> {
  /** Bytes received but not yet decoded (at most one cut instruction). */
  private pending: Uint8Array = new Uint8Array(0);
  /** Stream offset of pending[0]. */
  private offset = 0;

  /**
   * @param code the error code for malformed instructions on this stream (§6)
   * @param decodeOne decodes one instruction; it may consult state the caller updated after the previous one
   */
  constructor(
    private readonly code: QpackErrorCode,
    private readonly decodeOne: (reader: QpackReader) => T,
  ) {}

  /** Bytes of the stream received so far. */
  get received(): number {
    return this.offset + this.pending.length;
  }

  /** Bytes held back because they end inside an instruction. */
  get buffered(): number {
    return this.pending.length;
  }

  /** Appends received bytes. */
  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.pending.length === 0) {
      this.pending = bytes.slice();
      return;
    }
    const joined = new Uint8Array(this.pending.length + bytes.length);
    joined.set(this.pending);
    joined.set(bytes, this.pending.length);
    this.pending = joined;
  }

  /** The next whole instruction, or null when the bytes end (possibly inside one). Throws QpackError if malformed. */
  next(): StreamItem<T> | null {
    if (this.pending.length === 0) return null;
    const reader = new QpackReader(this.pending, this.code, false, this.offset);
    let value: T;
    try {
      value = this.decodeOne(reader);
    } catch (e) {
      if (e instanceof QpackNeedMore) return null;
      throw e;
    }
    const start = this.offset;
    this.offset += reader.pos;
    this.pending = this.pending.subarray(reader.pos);
    return { value, start, end: this.offset };
  }
}
