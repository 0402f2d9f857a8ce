/**
 * The receiving half of an ordered byte stream (CRYPTO data per level, RFC 9000 §19.6, or a stream, §2.2):
 * frames arrive at any offset, out of order, overlapping or duplicated; bytes come out once, in order.
 * Chromium's ClientHello spans two Initial packets, which may arrive in either order: this is where they meet.
 */
import { RangeSet } from '../connection/range-set';

/** Reassembles data received at arbitrary offsets into an in-order byte sequence. */
export class RecvBuffer {
  private readonly received = new RangeSet();
  private readonly pending = new Map<number, Uint8Array>();
  private readOffset = 0;
  private buffered = 0;

  /** Offset of the next byte to deliver (everything before it was delivered). */
  get delivered(): number {
    return this.readOffset;
  }

  /** Bytes held above the delivered offset, waiting for a gap to fill. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Highest offset received + 1 (0 when nothing). */
  get highest(): number {
    const max = this.received.max;
    return max === undefined ? this.readOffset : Math.max(this.readOffset, max + 1);
  }

  /** Inserts data at `offset`; duplicates and overlaps are trimmed. Returns the bytes now deliverable, in order (maybe none). */
  insert(offset: number, data: Uint8Array): Uint8Array[] {
    const end = offset + data.length;
    if (end > this.readOffset && data.length > 0) {
      for (const g of this.received.gaps(Math.max(offset, this.readOffset), end)) {
        this.pending.set(g.start, data.subarray(g.start - offset, g.end - offset));
        this.buffered += g.end - g.start;
      }
      this.received.add(Math.max(offset, this.readOffset), end);
    }
    const out: Uint8Array[] = [];
    for (let p = this.pending.get(this.readOffset); p; p = this.pending.get(this.readOffset)) {
      this.pending.delete(this.readOffset);
      this.readOffset += p.length;
      this.buffered -= p.length;
      out.push(p);
    }
    if (this.readOffset > 0) this.received.remove(0, this.readOffset);
    return out;
  }
}
