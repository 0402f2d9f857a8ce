/**
 * The QPACK dynamic table (RFC 9204 §3.2): a FIFO of entries addressed by absolute index (§3.2.4), with size
 * accounting, capacity and eviction (§3.2.2). Both ends keep one: the decoder fills it from the encoder stream,
 * the encoder as it writes that stream. Lookup maps let an encoder find matches without scanning.
 */
import type { QpackEntryChange, QpackTableEntry, QpackTableSnapshot } from './types';

/** Per-entry overhead in octets (RFC 9204 §3.2.1). */
export const ENTRY_OVERHEAD = 32;

/** Size of an entry: name octets + value octets + 32 (RFC 9204 §3.2.1). */
export function entrySize(name: string, value: string): number {
  return name.length + value.length + ENTRY_OVERHEAD;
}

/** The dynamic table. */
export class DynamicTable {
  /** Entries oldest first; entries[i] has absolute index `shift + i`; slots before `head - shift` are evicted. */
  private entries: QpackEntryChange[] = [];
  private shift = 0;
  /** Absolute index of the oldest live entry. */
  private head = 0;
  private inserted = 0;
  private _size = 0;
  private _capacity = 0;
  /** "name\0value" and name -> absolute index of the newest entry with it. */
  private readonly byField = new Map<string, number>();
  private readonly byName = new Map<string, number>();

  /** @param maxCapacity SETTINGS_QPACK_MAX_TABLE_CAPACITY (§3.2.3); the capacity starts at 0 (§3.2.2) */
  constructor(readonly maxCapacity: number) {}

  /** Insertions so far (§2.1.4): the absolute index the next entry gets. */
  get insertCount(): number {
    return this.inserted;
  }

  /** Absolute index of the oldest entry still in the table (= number of entries evicted). */
  get firstIndex(): number {
    return this.head;
  }

  /** Entries in the table. */
  get length(): number {
    return this.inserted - this.head;
  }

  /** Sum of entry sizes. */
  get size(): number {
    return this._size;
  }

  /** Current capacity (§3.2.2). */
  get capacity(): number {
    return this._capacity;
  }

  /** The entry with this absolute index, or undefined when evicted or not inserted yet. */
  get(absoluteIndex: number): QpackEntryChange | undefined {
    if (absoluteIndex < this.head || absoluteIndex >= this.inserted) return undefined;
    return this.entries[absoluteIndex - this.shift];
  }

  /** Absolute index of the newest entry with this name and value. */
  findField(name: string, value: string): number | undefined {
    return this.byField.get(name + '\0' + value);
  }

  /** Absolute index of the newest entry with this name. */
  findName(name: string): number | undefined {
    return this.byName.get(name);
  }

  /**
   * Absolute indices that inserting an entry of `size` octets would evict, oldest first, or null when it does
   * not fit at all (§3.2.2).
   */
  evictionsFor(size: number, capacity = this._capacity): number[] | null {
    if (size > capacity) return null;
    const out: number[] = [];
    let total = this._size;
    for (let i = this.head; total + size > capacity; i++) {
      out.push(i);
      total -= this.entries[i - this.shift]!.size;
    }
    return out;
  }

  /** Sum of the sizes of the entries from the oldest up to and including `absoluteIndex`. */
  sizeThrough(absoluteIndex: number): number {
    let total = 0;
    for (let i = this.head; i <= absoluteIndex && i < this.inserted; i++) total += this.entries[i - this.shift]!.size;
    return total;
  }

  /** Sets the capacity (§4.3.1), evicting from the old end until the table fits; returns the evicted entries. */
  setCapacity(capacity: number): QpackEntryChange[] {
    this._capacity = capacity;
    return this.evictTo(capacity);
  }

  /**
   * Inserts an entry (§3.2.2): evicts from the old end until it fits, then appends. The caller has checked that
   * it is no larger than the capacity. Returns the new entry and the evicted ones.
   */
  insert(name: string, value: string): { inserted: QpackEntryChange; evicted: QpackEntryChange[] } {
    const size = entrySize(name, value);
    const evicted = this.evictTo(this._capacity - size);
    const inserted: QpackEntryChange = { absoluteIndex: this.inserted++, name, value, size };
    this.entries.push(inserted);
    this._size += size;
    this.byField.set(name + '\0' + value, inserted.absoluteIndex);
    this.byName.set(name, inserted.absoluteIndex);
    return { inserted, evicted };
  }

  /** The table for display: newest first, with optional per-entry reference counts. */
  snapshot(knownReceivedCount: number, references?: (absoluteIndex: number) => number): QpackTableSnapshot {
    const entries: QpackTableEntry[] = [];
    for (let i = this.inserted - 1; i >= this.head; i--) {
      const e = this.entries[i - this.shift]!;
      entries.push(references ? { absoluteIndex: e.absoluteIndex, name: e.name, value: e.value, size: e.size, references: references(i) } : e);
    }
    return {
      entries,
      size: this._size,
      capacity: this._capacity,
      maxCapacity: this.maxCapacity,
      insertCount: this.inserted,
      knownReceivedCount,
    };
  }

  private evictTo(target: number): QpackEntryChange[] {
    const evicted: QpackEntryChange[] = [];
    while (this._size > target && this.head < this.inserted) {
      const e = this.entries[this.head - this.shift]!;
      this.head++;
      this._size -= e.size;
      evicted.push(e);
      const key = e.name + '\0' + e.value;
      if (this.byField.get(key) === e.absoluteIndex) this.byField.delete(key);
      if (this.byName.get(e.name) === e.absoluteIndex) this.byName.delete(e.name);
    }
    // Drop evicted slots now and then, so a long connection does not keep every entry ever inserted.
    if (this.head - this.shift > 256 && this.head - this.shift > this.length) {
      this.entries = this.entries.slice(this.head - this.shift);
      this.shift = this.head;
    }
    return evicted;
  }
}
