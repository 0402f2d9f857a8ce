/**
 * A growable byte queue for a parser: bytes are appended as they arrive and taken from the front as items
 * complete. One contiguous array, compacted and grown by doubling, so appends are amortised O(1) per byte and
 * any split of the stream costs the same.
 */
export class ByteQueue {
  private buf = new Uint8Array(0);
  private head = 0;
  private tail = 0;
  private base = 0;

  /** Absolute stream offset of the first byte in the queue. */
  get offset(): number {
    return this.base;
  }

  /** Number of bytes queued. */
  get length(): number {
    return this.tail - this.head;
  }

  /** Appends a copy of `bytes`. */
  append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.tail + bytes.length > this.buf.length) {
      const needed = this.length + bytes.length;
      if (needed <= this.buf.length && this.head > 0) {
        this.buf.copyWithin(0, this.head, this.tail);
      } else {
        const grown = new Uint8Array(Math.max(needed, this.buf.length * 2, 4096));
        grown.set(this.buf.subarray(this.head, this.tail));
        this.buf = grown;
      }
      this.tail -= this.head;
      this.head = 0;
    }
    this.buf.set(bytes, this.tail);
    this.tail += bytes.length;
  }

  /** The queued bytes, without copying; valid until the next append or take. */
  view(): Uint8Array {
    return this.buf.subarray(this.head, this.tail);
  }

  /** Removes and returns (as a copy) the first `n` bytes (fewer if fewer are queued). */
  take(n: number): Uint8Array {
    const count = Math.min(n, this.length);
    const out = this.buf.slice(this.head, this.head + count);
    this.head += count;
    this.base += count;
    if (this.head === this.tail) this.head = this.tail = 0;
    return out;
  }

  /** Removes and returns everything queued. */
  takeAll(): Uint8Array {
    return this.take(this.length);
  }

  /** Drops everything queued and frees the storage (the offset moves past the dropped bytes). */
  clear(): void {
    this.base += this.length;
    this.buf = new Uint8Array(0);
    this.head = this.tail = 0;
  }
}
