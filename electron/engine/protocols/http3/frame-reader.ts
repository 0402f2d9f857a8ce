/**
 * Reads HTTP/3 frames off one stream as its bytes arrive in pieces (RFC 9114 §7.1). Whole frames come out decoded,
 * with their raw bytes and field spans; a cut frame waits for more (every split of a stream gives the same frames).
 * DATA and unknown frames larger than `streamAbove` are not buffered: they come out as a start item (the header)
 * and then chunks of payload as they arrive, so a peer cannot make us hold a huge frame.
 */
import { checkLength, decodeFrameBytes, frameTypeName, H3FrameType, peekFrameHeader, unknownFrameKind, type DecodedFrame, type FrameHeader, type FrameLimits } from './frames';
import { connectionError, H3ErrorCode } from './errors';

/** What the reader produces. */
export type FrameReaderItem =
  /** A whole frame. */
  | { readonly kind: 'frame'; readonly decoded: DecodedFrame }
  /** The start of a large DATA or unknown frame whose payload follows as chunks. */
  | { readonly kind: 'frame-start'; readonly header: FrameHeader; readonly rawHeader: Uint8Array }
  /** Payload bytes of the frame last started; `last` on its final chunk. */
  | { readonly kind: 'frame-chunk'; readonly header: FrameHeader; readonly bytes: Uint8Array; readonly last: boolean };

/** Reader options. */
export interface FrameReaderOptions extends FrameLimits {
  /** DATA and unknown frames with a larger payload are streamed, not buffered. Default 65,536. */
  readonly streamAbove?: number;
}

/** Frames of one stream. */
export class FrameReader {
  private buf = new Uint8Array(0);
  private start = 0;
  private end = 0;
  private streaming: { header: FrameHeader; remaining: number } | null = null;
  private readonly streamAbove: number;

  /** @param options limits and the streaming threshold */
  constructor(private readonly options: FrameReaderOptions = {}) {
    this.streamAbove = options.streamAbove ?? 65536;
  }

  /** Bytes received and not yet returned in an item. */
  get buffered(): number {
    return this.end - this.start;
  }

  /** Whether the bytes so far end exactly after a frame (a FIN is only clean there, §7.1). */
  get atBoundary(): boolean {
    return this.streaming === null && this.end === this.start;
  }

  /** Appends received bytes. */
  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.end + bytes.length > this.buf.length) {
      const live = this.end - this.start;
      const next = live + bytes.length > this.buf.length ? new Uint8Array(Math.max(256, (live + bytes.length) * 2)) : this.buf;
      next.set(this.buf.subarray(this.start, this.end), 0);
      this.buf = next;
      this.start = 0;
      this.end = live;
    }
    this.buf.set(bytes, this.end);
    this.end += bytes.length;
  }

  /** The next item, or null when the bytes end inside a frame header or a buffered frame. Throws H3Error if malformed. */
  next(): FrameReaderItem | null {
    if (this.streaming) return this.nextChunk();
    if (this.start === this.end) return null;
    const header = peekFrameHeader(this.buf, this.start, this.end);
    if (!header) return null;
    const streamable = header.typeCode === H3FrameType.DATA || isUnknown(header);
    if (streamable && header.length > this.streamAbove) {
      const rawHeader = this.buf.slice(this.start, this.start + header.headerLength);
      this.start += header.headerLength;
      this.streaming = { header, remaining: header.length };
      return { kind: 'frame-start', header, rawHeader };
    }
    checkLength(header, this.options);
    const total = header.headerLength + header.length;
    if (this.end - this.start < total) return null;
    const raw = this.buf.slice(this.start, this.start + total);
    this.start += total;
    return { kind: 'frame', decoded: decodeFrameBytes(raw, header) };
  }

  private nextChunk(): FrameReaderItem | null {
    const s = this.streaming!;
    const n = Math.min(s.remaining, this.end - this.start);
    if (n === 0 && s.remaining > 0) return null;
    const bytes = this.buf.slice(this.start, this.start + n);
    this.start += n;
    s.remaining -= n;
    const last = s.remaining === 0;
    if (last) this.streaming = null;
    return { kind: 'frame-chunk', header: s.header, bytes, last };
  }

  /** The error for a stream that ended inside a frame (§7.1: H3_FRAME_ERROR). */
  truncatedError(): Error {
    const what = this.streaming ? frameTypeName(this.streaming.header.typeCode) : 'a frame';
    return connectionError(H3ErrorCode.H3_FRAME_ERROR, `the stream ended inside ${what} (${this.buffered} byte(s) of it received)`);
  }
}

function isUnknown(header: FrameHeader): boolean {
  const known = (Object.values(H3FrameType) as number[]).includes(header.typeCode);
  return !known && unknownFrameKind(header.typeBig) !== 'http2';
}
