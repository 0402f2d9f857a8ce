/**
 * A cursor over one frame's payload (RFC 9114 §7.1): the whole frame is present when a payload is decoded, so
 * running out of payload is malformed (H3_FRAME_ERROR), not "need more". Records a field span for each field read.
 */
import { NeedMore, Reader } from '../../quic';
import { connectionError, H3ErrorCode } from '../errors';
import type { FrameSpan } from './types';

/** Reads the fields of a frame payload that sits in `raw[start, end)`. */
export class PayloadCursor {
  private readonly reader: Reader;
  /** Spans of the fields read so far, offsets in raw. */
  readonly spans: FrameSpan[] = [];

  /** @param raw the frame's bytes  @param start where the payload starts  @param end where it ends  @param frameName for errors  @param frameType for errors */
  constructor(
    readonly raw: Uint8Array,
    start: number,
    readonly end: number,
    private readonly frameName: string,
    private readonly frameType: number,
  ) {
    this.reader = new Reader(raw, start, end);
  }

  /** Whether the whole payload has been read. */
  get atEnd(): boolean {
    return this.reader.atEnd;
  }

  /** A varint field (values above 2^53 are kept inexactly). */
  varint(path: string): number {
    const start = this.reader.offset;
    let v: bigint;
    try {
      v = this.reader.varintBig(path);
    } catch (e) {
      if (e instanceof NeedMore) throw this.malformed(`the payload ends inside ${path}`);
      throw e;
    }
    this.spans.push({ path, start, end: this.reader.offset });
    return Number(v);
  }

  /** The rest of the payload (a view), as one field; no span when empty and `optional`. */
  rest(path: string, optional = false): Uint8Array {
    const start = this.reader.offset;
    const bytes = this.reader.bytesView(this.end - start, path);
    if (!(optional && bytes.length === 0)) this.spans.push({ path, start, end: this.reader.offset });
    return bytes;
  }

  /** Checks that the payload held exactly the frame's fields (§7.1: anything else is H3_FRAME_ERROR). */
  finish(): void {
    if (!this.reader.atEnd) throw this.malformed(`${this.end - this.reader.offset} byte(s) after the last field`);
  }

  /** An H3_FRAME_ERROR about this frame. */
  malformed(reason: string): Error {
    return connectionError(H3ErrorCode.H3_FRAME_ERROR, `${this.frameName}: ${reason}`, this.frameType);
  }
}
