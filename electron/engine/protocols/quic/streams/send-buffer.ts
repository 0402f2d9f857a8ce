/**
 * The sending half of an ordered byte stream (CRYPTO data per encryption level, RFC 9000 §19.6, or a
 * stream's data, §2.2): bytes the application wrote, what has been sent, what must be sent again after a
 * loss, and what the peer acknowledged. Lost frames are not resent as packets: their byte ranges come
 * back here and go out again in new frames (RFC 9002 §2, "retransmission of lost frames").
 */
import { RangeSet } from '../connection/range-set';

/** A range of bytes to put in a frame. */
export interface SendChunk {
  /** Stream offset of the first byte. */
  readonly offset: number;
  /** The bytes (a view; do not modify). */
  readonly data: Uint8Array;
  /** True when this chunk ends the stream (FIN). */
  readonly fin: boolean;
}

/** Buffered outgoing data with retransmission and acknowledgement tracking. */
export class SendBuffer {
  private chunks: { offset: number; data: Uint8Array }[] = [];
  /** Offset one past the last byte written. */
  private writtenEnd = 0;
  /** Offset one past the highest byte ever sent. */
  private sentEnd = 0;
  private readonly lost = new RangeSet();
  private readonly acked = new RangeSet();
  private finalSize: number | null = null;
  private finSent = false;
  private finLost = false;
  private finAcked = false;

  /** Bytes written so far (the offset the next write starts at). */
  get written(): number {
    return this.writtenEnd;
  }

  /** Highest offset sent + 1: the flow control credit consumed (RFC 9000 §4.5). */
  get sent(): number {
    return this.sentEnd;
  }

  /** The final size once the application ended the stream. */
  get fin(): number | null {
    return this.finalSize;
  }

  /** Appends data; `fin` ends the stream (no writes after it). */
  write(data: Uint8Array, fin = false): void {
    if (this.finalSize !== null) throw new Error('write after FIN');
    if (data.length > 0) {
      this.chunks.push({ offset: this.writtenEnd, data });
      this.writtenEnd += data.length;
    }
    if (fin) this.finalSize = this.writtenEnd;
  }

  /** True when something (new data, lost data or a FIN) waits to be sent. */
  get hasPending(): boolean {
    return !this.lost.empty || this.sentEnd < this.writtenEnd || this.finLost || (this.finalSize !== null && !this.finSent);
  }

  /** True when lost data waits for retransmission (this does not consume flow control credit). */
  get hasRetransmission(): boolean {
    return !this.lost.empty || this.finLost;
  }

  /** Number of new (never sent) bytes waiting. */
  get unsentBytes(): number {
    return this.writtenEnd - this.sentEnd;
  }

  /**
   * Takes the next chunk to send, up to `maxBytes`: lost data first, then new data below `limit`
   * (the flow control limit as an absolute offset). Returns null when nothing can go.
   */
  next(maxBytes: number, limit = Number.MAX_SAFE_INTEGER): SendChunk | null {
    const lostRange = this.lost.first();
    if (lostRange) {
      const end = Math.min(lostRange.end, lostRange.start + Math.max(0, maxBytes));
      if (end <= lostRange.start && !(this.finLost && lostRange.end === this.finalSize)) return null;
      this.lost.remove(lostRange.start, end);
      const fin = this.finalSize !== null && end === this.finalSize && (this.finLost || !this.finSent);
      if (fin) {
        this.finLost = false;
        this.finSent = true;
      }
      return { offset: lostRange.start, data: this.slice(lostRange.start, end), fin };
    }
    if (this.finLost && this.finalSize !== null && this.sentEnd >= this.finalSize) {
      this.finLost = false;
      this.finSent = true;
      return { offset: this.finalSize, data: new Uint8Array(0), fin: true };
    }
    const end = Math.min(this.writtenEnd, this.sentEnd + Math.max(0, maxBytes), Math.max(limit, this.sentEnd));
    const fin = this.finalSize !== null && end === this.finalSize && !this.finSent;
    if (end <= this.sentEnd && !fin) return null;
    const start = this.sentEnd;
    this.sentEnd = end;
    if (fin) this.finSent = true;
    return { offset: start, data: this.slice(start, end), fin };
  }

  /** A sent range was declared lost: queue what of it the peer has not acknowledged. */
  onLost(offset: number, length: number, fin: boolean): void {
    for (const g of this.acked.gaps(offset, offset + length)) this.lost.add(g.start, g.end);
    if (fin && !this.finAcked) this.finLost = true;
  }

  /** A sent range was acknowledged. Frees the acknowledged prefix. */
  onAcked(offset: number, length: number, fin: boolean): void {
    this.acked.add(offset, offset + length);
    this.lost.remove(offset, offset + length);
    if (fin) {
      this.finAcked = true;
      this.finLost = false;
    }
    const first = this.acked.first();
    if (first && first.start === 0) {
      while (this.chunks.length > 0 && this.chunks[0]!.offset + this.chunks[0]!.data.length <= first.end) this.chunks.shift();
    }
  }

  /** True when every byte and the FIN were acknowledged (send state Data Recvd, RFC 9000 §3.1). */
  get allAcked(): boolean {
    return this.finalSize !== null && this.finAcked && this.acked.covers(0, this.finalSize);
  }

  /** Bytes acknowledged from offset 0 on, contiguously. */
  get ackedPrefix(): number {
    const first = this.acked.first();
    return first && first.start === 0 ? first.end : 0;
  }

  /** Drops everything (after RESET_STREAM, §3.3). */
  discard(): void {
    this.chunks = [];
    this.lost.clear();
    this.finLost = false;
  }

  private slice(start: number, end: number): Uint8Array {
    if (end <= start) return new Uint8Array(0);
    // Find the chunks overlapping [start, end); usually one.
    let i = 0;
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.chunks[mid]!;
      if (c.offset + c.data.length <= start) lo = mid + 1;
      else {
        i = mid;
        hi = mid - 1;
      }
    }
    const c = this.chunks[i];
    if (!c) return new Uint8Array(0);
    if (c.offset <= start && end <= c.offset + c.data.length) return c.data.subarray(start - c.offset, end - c.offset);
    const out = new Uint8Array(end - start);
    for (let k = i; k < this.chunks.length; k++) {
      const x = this.chunks[k]!;
      if (x.offset >= end) break;
      const from = Math.max(start, x.offset);
      const to = Math.min(end, x.offset + x.data.length);
      out.set(x.data.subarray(from - x.offset, to - x.offset), from - start);
    }
    return out;
  }
}
